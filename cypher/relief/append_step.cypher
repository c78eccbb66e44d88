// Appends one step to a relief case's timeline and sets what it now says (R1–R4, R7, P12).
// Parameters: $relief_id, $projection (properties to set), $step (the new CaseStep).
// Returns: one row: step_id.
// Rules: P12.
MATCH (r:Relief {relief_id: $relief_id})
SET r += $projection
CREATE (r)-[:HAS_STEP]->(s:CaseStep)
SET s = $step, s.recorded_at = datetime()
RETURN s.step_id AS step_id
