// The decisions behind the median working days to decision (P7), for the regions at one
// level under a region, from the first day of the first month shown to the last day. The
// overdue cases and referrals are the rollup's (stats.rollup.deadline_cells).
// Complexity: O(decisions from $first to $last: the range index on decided_on).
// Parameters: $prefix; $width; $first (first day of the first month); $last.
// Returns: code (left(township_code, $width)), accepted_on, decided_on.
// Rules: S1, S2, P7.
MATCH (a:Application)
WHERE a.decided_on >= $first AND a.decided_on <= $last
  AND a.township_code STARTS WITH $prefix AND a.accepted_on IS NOT NULL
RETURN left(a.township_code, $width) AS code, a.accepted_on AS accepted_on,
       a.decided_on AS decided_on
