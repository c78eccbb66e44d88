// Creates a draft conference with the first step of its timeline (R6, P12), tied to its
// relief case when that case exists (ON_CASE) and to its subject household when one is named.
// Parameters: $conference (the node's properties, version 1), $step (the first CaseStep).
// Returns: one row: conference_id.
// Rules: R6, P12.
CREATE (c:Conference)
SET c = $conference, c.created_at = datetime()
CREATE (c)-[:HAS_STEP]->(s:CaseStep)
SET s = $step, s.recorded_at = datetime()
WITH c
OPTIONAL MATCH (r:Relief {relief_id: c.relief_id})
FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END | MERGE (c)-[:ON_CASE]->(r))
WITH c
OPTIONAL MATCH (h:Household {household_id: c.household_id})
FOREACH (_ IN CASE WHEN h IS NULL THEN [] ELSE [1] END | MERGE (c)-[:FOR]->(h))
RETURN c.conference_id AS conference_id
