// Deletes a batch of the rollup's group cells (M1-M5: keys households:* and persons:*), and
// nothing else: stats.groups.rebuild_groups(clear=True) counts them again from none while
// the warnings' and applications' cells stay.
// Parameters: $limit.
// Returns: deleted (how many cells went; 0 once none is left).
// Rules: S1, S2.
CALL () {
  MATCH (c:StatDay)
  WHERE c.key STARTS WITH 'households:' OR c.key STARTS WITH 'persons:'
  RETURN c LIMIT $limit
  UNION ALL
  MATCH (c:StatMonth)
  WHERE c.key STARTS WITH 'households:' OR c.key STARTS WITH 'persons:'
  RETURN c LIMIT $limit
}
WITH c LIMIT $limit
DELETE c
RETURN count(*) AS deleted
