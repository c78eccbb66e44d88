// Returns one discovery as it now is: its properties and its timeline (oldest first).
// Parameters: $discovery_id, $region_prefix (the caller's region).
// Returns: one row, none outside the region: discovery (every property), steps (every
//   CaseStep, by seq).
// Rules: P4, P12.
MATCH (d:Discovery {discovery_id: $discovery_id})
WHERE d.township_code STARTS WITH $region_prefix
RETURN d {.*} AS discovery,
       COLLECT { MATCH (d)-[:HAS_STEP]->(s:CaseStep) WITH s ORDER BY s.seq RETURN s {.*} } AS steps
