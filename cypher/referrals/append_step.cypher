// Appends one step to a referral's timeline and sets what it now says (P11, P12).
// Parameters: $referral_id, $projection (properties to set), $step (the new CaseStep).
// Returns: one row: step_id.
// Rules: P11, P12.
MATCH (r:Referral {referral_id: $referral_id})
SET r += $projection
CREATE (r)-[:HAS_STEP]->(s:CaseStep)
SET s = $step, s.recorded_at = datetime()
RETURN s.step_id AS step_id
