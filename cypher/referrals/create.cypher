// Creates a referral with the first step of its timeline (P11, P12), tied to its household.
// Parameters: $household_id, $referral (the node's properties), $step (the first CaseStep).
// Returns: one row: referral_id.
// Rules: P11, P12.
MATCH (h:Household {household_id: $household_id})
CREATE (r:Referral)
SET r = $referral, r.version = 1, r.created_at = datetime()
CREATE (r)-[:FOR]->(h)
CREATE (r)-[:HAS_STEP]->(s:CaseStep)
SET s = $step, s.recorded_at = datetime()
RETURN r.referral_id AS referral_id
