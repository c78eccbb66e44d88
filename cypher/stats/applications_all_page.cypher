// Returns a page of every application, in id order, with its township and its timeline's
// (seq, on, produced): for rebuilding the rollup (stats.rollup.rebuild).
// Parameters: $after (the last id of the previous page, '' for the first); $limit.
// Returns: application_id, township_code, steps [{seq, on, produced}] in seq order.
// Rules: S1, S2, P12.
MATCH (a:Application)
WHERE a.application_id > $after
WITH a ORDER BY a.application_id LIMIT $limit
RETURN a.application_id AS application_id, a.township_code AS township_code,
       COLLECT { MATCH (a)-[:HAS_STEP]->(s:CaseStep)
                 WITH s ORDER BY s.seq
                 RETURN s {.seq, .on, .produced} } AS steps
