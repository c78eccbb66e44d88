// Deletes a batch of the rollup's cells (stats.rollup.rebuild starts from none).
// Parameters: $limit.
// Returns: deleted (how many cells went; 0 once none is left).
// Rules: S1, S2.
CALL () {
  MATCH (c:StatDay) RETURN c LIMIT $limit
  UNION ALL
  MATCH (c:StatMonth) RETURN c LIMIT $limit
}
WITH c LIMIT $limit
DELETE c
RETURN count(*) AS deleted
