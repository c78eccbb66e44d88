// Supervision figures (S1-S3, issue 19): the rollup's cells, one per (region, figure key,
// day) and per (region, figure key, month), unique so that MERGE finds the one cell; the
// figures read them by region code (docs/stats.md). Decisions in a period are read by
// decided_on, visits by visited_on. The recorded integrity scans (FindingScan, one per
// scanned region, as-of date and rule) give `findings_by_rule`.
// Rules: S1, S2, X1-X8.
CREATE CONSTRAINT stat_day_key IF NOT EXISTS
FOR (c:StatDay) REQUIRE (c.region, c.key, c.day) IS UNIQUE;

CREATE CONSTRAINT stat_month_key IF NOT EXISTS
FOR (c:StatMonth) REQUIRE (c.region, c.key, c.month) IS UNIQUE;

CREATE RANGE INDEX stat_day_region IF NOT EXISTS
FOR (c:StatDay) ON (c.region, c.day);

CREATE RANGE INDEX stat_month_region IF NOT EXISTS
FOR (c:StatMonth) ON (c.region, c.month);

CREATE RANGE INDEX application_decided_on IF NOT EXISTS
FOR (a:Application) ON (a.decided_on);

CREATE CONSTRAINT finding_scan_key IF NOT EXISTS
FOR (s:FindingScan) REQUIRE (s.prefix, s.as_of, s.rule) IS UNIQUE;

CREATE RANGE INDEX finding_scan_as_of IF NOT EXISTS
FOR (s:FindingScan) ON (s.as_of);
