// The integrity findings by rule (S1 `findings_by_rule`, S2) of the regions at one level
// under a region, on each of some days, from the recorded scans (`findings_record`): for
// each day and rule the latest scan on or before the day of a region that holds the asked
// one (its prefix a prefix of $prefix, so that the scan saw all of it), and of that scan the
// findings of the townships under $prefix, by left(township, $width).
// Complexity: O(scans recorded for the region and above × their townships); the range index
// on FindingScan.as_of bounds the scans to those up to the latest day.
// Parameters: $prefix; $width; $days; $last (the latest of $days).
// Returns: day, rule, scanned_on, code (null where the scan found nothing under $prefix), n.
// Rules: S1, S2, X1-X8.
MATCH (s:FindingScan)
WHERE s.as_of <= $last AND $prefix STARTS WITH s.prefix
UNWIND $days AS day
WITH day, s
WHERE s.as_of <= day
ORDER BY s.as_of DESC, s.recorded_at DESC
WITH day, s.rule AS rule, head(collect(s)) AS s
UNWIND CASE WHEN size(s.townships) = 0 THEN [null] ELSE range(0, size(s.townships) - 1) END AS i
WITH day, rule, s, CASE WHEN i IS NULL THEN null ELSE s.townships[i] END AS town,
     CASE WHEN i IS NULL THEN 0 ELSE s.counts[i] END AS n
WITH day, rule, s.as_of AS scanned_on,
     CASE WHEN town STARTS WITH $prefix THEN left(town, $width) END AS code,
     CASE WHEN town STARTS WITH $prefix THEN n ELSE 0 END AS n
RETURN day, rule, scanned_on, code, sum(n) AS n
