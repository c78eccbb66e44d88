// Returns a page of every discovery (主动发现), in id order, with its township, its running
// deadline and its timeline's (seq, on, due_on): for rebuilding the rollup's overdue cases
// (stats.rollup.rebuild).
// Complexity: O($limit × steps) from the unique index on discovery_id.
// Parameters: $after (the last id of the previous page, '' for the first); $limit.
// Returns: id (the discovery_id), township_code, due_on, steps [{seq, on, due_on}] in seq
//   order.
// Rules: S1, S2, P4, P12.
MATCH (d:Discovery)
WHERE d.discovery_id > $after
WITH d ORDER BY d.discovery_id LIMIT $limit
RETURN d.discovery_id AS id, d.township_code AS township_code, d.due_on AS due_on,
       COLLECT { MATCH (d)-[:HAS_STEP]->(s:CaseStep)
                 WITH s ORDER BY s.seq
                 RETURN s {.seq, .on, .due_on} } AS steps
