// Standby-fund balances and relief paid (S1, S2; R5), for the regions at one level under a
// region, on each of some days: the balance as of the day (allocations + returns - payments
// dated on or before it) and the payments dated in the day's month up to it. Payments are
// the ledger's `payment` entries, each an advance of relief (R3): until the relief package
// records its own payments they are the relief paid (docs/stats.md).
// Complexity: O(fund entries of the region's townships) (one Fund node per township).
// Parameters: $prefix; $width; $days.
// Returns: code (left(township_code, $width)), day, balance, paid (yuan).
// Rules: S1, S2, R3, R5.
MATCH (f:Fund)
WHERE f.township_code STARTS WITH $prefix
MATCH (f)-[:HAS_ENTRY]->(e:FundEntry)
UNWIND $days AS day
WITH f, e, day
WHERE e.on <= day
RETURN left(f.township_code, $width) AS code, day,
       sum(CASE e.kind WHEN 'payment' THEN -e.amount ELSE e.amount END) AS balance,
       sum(CASE WHEN e.kind = 'payment' AND e.on >= date.truncate('month', day)
                THEN e.amount ELSE 0 END) AS paid
