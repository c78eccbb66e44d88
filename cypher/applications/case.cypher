// Returns one application as it now is: its properties, its timeline (oldest first) and its
// filings (C3).
// Parameters: $application_id, $region_prefix (the caller's region).
// Returns: one row, none outside the region: application (every property), steps (every
//   CaseStep, by seq), filings (every Filing, by official_id, member_id).
// Rules: P12, C3.
MATCH (a:Application {application_id: $application_id})
WHERE a.township_code STARTS WITH $region_prefix
RETURN a {.*} AS application,
       COLLECT { MATCH (a)-[:HAS_STEP]->(s:CaseStep) WITH s ORDER BY s.seq RETURN s {.*} } AS steps,
       COLLECT { MATCH (a)-[:FILED]->(f:Filing)
                 WITH f ORDER BY f.official_id, f.member_id, f.relation
                 RETURN f {.*} } AS filings
