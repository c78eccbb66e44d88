// Records the counts of one integrity scan (RULES §9 X1-X8, for S1's `findings_by_rule`):
// one FindingScan node per rule scanned, keyed by the scanned region's prefix, the as-of
// date and the rule, holding the findings per township (W5: each finding routes to one).
// A scan run again for the same key replaces the counts (MERGE on the key).
// Parameters: $prefix (the scanned region's significant digits); $as_of; $rows
//   [{rule, townships: [code], counts: [n]}] (parallel lists, townships with findings only).
// Returns: scans (the number of FindingScan nodes written).
// Rules: S1, S2, X1-X8.
UNWIND $rows AS row
MERGE (s:FindingScan {prefix: $prefix, as_of: $as_of, rule: row.rule})
SET s.townships = row.townships, s.counts = row.counts, s.recorded_at = datetime()
RETURN count(s) AS scans
