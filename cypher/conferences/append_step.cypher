// Appends one step to a conference's timeline and sets what it now says (R6, P12); a
// signature also ties the conference to its relief case, if it exists by now (ON_CASE), and
// to the referrals it sent (REFERRED).
// Parameters: $conference_id, $projection (properties to set), $step (the new CaseStep),
//   $referral_ids (the referrals the step sent, or []).
// Returns: one row: step_id.
// Rules: R6, P11, P12.
MATCH (c:Conference {conference_id: $conference_id})
SET c += $projection
CREATE (c)-[:HAS_STEP]->(s:CaseStep)
SET s = $step, s.recorded_at = datetime()
WITH c, s
OPTIONAL MATCH (r:Relief {relief_id: c.relief_id})
FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END | MERGE (c)-[:ON_CASE]->(r))
WITH c, s
CALL (c) {
  UNWIND $referral_ids AS referral_id
  MATCH (f:Referral {referral_id: referral_id})
  MERGE (c)-[:REFERRED]->(f)
}
RETURN s.step_id AS step_id
