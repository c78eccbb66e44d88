// Creates an application with the first step of its timeline (P1, P12), tied to its
// household (and, for tekun and single-person dibao, its person) by FOR edges.
// Parameters: $household_id; $person_id (or null); $application (the node's properties);
//   $step (the first CaseStep's properties).
// Returns: one row: application_id. No row when the household (or person) does not exist.
// Rules: P1, P12.
MATCH (h:Household {household_id: $household_id})
OPTIONAL MATCH (p:Person {person_id: $person_id})
WITH h, p
WHERE $person_id IS NULL OR p IS NOT NULL
CREATE (a:Application)
SET a = $application, a.version = 1, a.created_at = datetime()
CREATE (a)-[:FOR]->(h)
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (a)-[:FOR]->(p))
CREATE (a)-[:HAS_STEP]->(s:CaseStep)
SET s = $step, s.recorded_at = datetime()
RETURN a.application_id AS application_id
