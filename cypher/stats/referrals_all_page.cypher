// Returns a page of every referral (转介), in id order, with its township, its running
// deadline and its timeline's (seq, on, due_on): for rebuilding the rollup's overdue
// referrals (stats.rollup.rebuild).
// Complexity: O($limit × steps) from the unique index on referral_id.
// Parameters: $after (the last id of the previous page, '' for the first); $limit.
// Returns: id (the referral_id), township_code, due_on, steps [{seq, on, due_on}] in seq
//   order.
// Rules: S1, S2, P11, P12.
MATCH (r:Referral)
WHERE r.referral_id > $after
WITH r ORDER BY r.referral_id LIMIT $limit
RETURN r.referral_id AS id, r.township_code AS township_code, r.due_on AS due_on,
       COLLECT { MATCH (r)-[:HAS_STEP]->(s:CaseStep)
                 WITH s ORDER BY s.seq
                 RETURN s {.seq, .on, .due_on} } AS steps
