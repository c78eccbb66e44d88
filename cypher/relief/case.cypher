// Returns one relief case as it now is: its properties, its timeline (oldest first) and its
// subject's name (R1: the filing township sees the persons named on its cases).
// Parameters: $relief_id, $region_prefix (the caller's region).
// Returns: one row, none outside the region of the filing township: relief (every property),
//   steps (every CaseStep, by seq), name (the subject person's, or null).
// Rules: R1, P12.
MATCH (r:Relief {relief_id: $relief_id})
WHERE r.township_code STARTS WITH $region_prefix
RETURN r {.*} AS relief,
       COLLECT { MATCH (r)-[:HAS_STEP]->(s:CaseStep) WITH s ORDER BY s.seq RETURN s {.*} } AS steps,
       COLLECT { MATCH (r)-[:FOR]->(p:Person) RETURN p.name }[0] AS name
