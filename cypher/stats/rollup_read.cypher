// Reads the rollup's cells of some regions up to a day (S1, S2; docs/stats.md): the sum of
// the month cells before $first (the figures' base), each month cell from $first up to the
// month before $as_of's, and the day cells of $as_of's month up to $as_of (as the month
// `month(as_of)`). A stock as of a month's end is the base plus the months up to it; a flow
// in a month is that month's row.
// Parameters: $regions (12-digit codes); $first (the first day of the first month shown);
//   $as_of.
// Returns: region, key, month (null for the base before $first), n.
// Rules: S1, S2.
CALL () {
  UNWIND $regions AS code
  MATCH (m:StatMonth {region: code})
  WHERE m.month < date.truncate('month', $as_of)
  RETURN m.region AS region, m.key AS key,
         CASE WHEN m.month < $first THEN null ELSE m.month END AS month, m.n AS n
  UNION ALL
  UNWIND $regions AS code
  MATCH (d:StatDay {region: code})
  WHERE d.day >= date.truncate('month', $as_of) AND d.day <= $as_of
  RETURN d.region AS region, d.key AS key, date.truncate('month', $as_of) AS month, d.n AS n
}
WITH region, key, month, sum(n) AS n
WHERE n <> 0
RETURN region, key, month, n
