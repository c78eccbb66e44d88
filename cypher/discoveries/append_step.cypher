// Appends one step to a discovery's timeline and sets what the timeline now says (status,
// outcome, due date) on the discovery (P12: steps are created, never changed); an outcome
// `application` ties the discovery to the application it opened (LED_TO).
// Parameters: $discovery_id; $projection (the discovery's properties to set, a null removes
//   one); $step (the new CaseStep's properties, its seq one past the last); $application_id
//   (or null).
// Returns: one row: step_id.
// Rules: P4, P12.
MATCH (d:Discovery {discovery_id: $discovery_id})
SET d += $projection
CREATE (d)-[:HAS_STEP]->(s:CaseStep)
SET s = $step, s.recorded_at = datetime()
WITH d, s
OPTIONAL MATCH (a:Application {application_id: $application_id})
FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END | MERGE (d)-[:LED_TO]->(a))
RETURN s.step_id AS step_id
