// Returns a page of every application, in id order, with its township, its running
// deadline and its timeline's (seq, on, produced, due_on): for rebuilding the rollup
// (stats.rollup.rebuild).
// Complexity: O($limit × steps) from the unique index on application_id.
// Parameters: $after (the last id of the previous page, '' for the first); $limit.
// Returns: application_id, township_code, due_on, steps [{seq, on, produced, due_on}] in
//   seq order (a step's due_on: the deadline it left running, null before steps kept it).
// Rules: S1, S2, P7, P12.
MATCH (a:Application)
WHERE a.application_id > $after
WITH a ORDER BY a.application_id LIMIT $limit
RETURN a.application_id AS application_id, a.township_code AS township_code,
       a.due_on AS due_on,
       COLLECT { MATCH (a)-[:HAS_STEP]->(s:CaseStep)
                 WITH s ORDER BY s.seq
                 RETURN s {.seq, .on, .produced, .due_on} } AS steps
