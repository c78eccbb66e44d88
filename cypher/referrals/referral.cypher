// Returns one referral as it now is: its properties and its timeline (oldest first).
// Parameters: $referral_id, $region_prefix, $department (the caller's, or null).
// Returns: one row, none outside the region or for another department's referral:
//   referral (every property), steps (every CaseStep, by seq).
// Rules: P11, P12.
MATCH (r:Referral {referral_id: $referral_id})
WHERE r.township_code STARTS WITH $region_prefix
  AND ($department IS NULL OR r.department = $department)
RETURN r {.*} AS referral,
       COLLECT { MATCH (r)-[:HAS_STEP]->(s:CaseStep) WITH s ORDER BY s.seq RETURN s {.*} } AS steps
