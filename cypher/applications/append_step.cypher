// Appends one step to an application's timeline and sets what the timeline now says (status,
// dates, due date) on the application (P12: steps are created, never changed).
// Parameters: $application_id; $projection (the application's properties to set); $step (the
//   new CaseStep's properties, its seq one past the last).
// Returns: one row: step_id.
// Rules: P12.
MATCH (a:Application {application_id: $application_id})
SET a += $projection
CREATE (a)-[:HAS_STEP]->(s:CaseStep)
SET s = $step, s.recorded_at = datetime()
RETURN s.step_id AS step_id
