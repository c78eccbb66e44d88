// Creates a relief case with the first step of its timeline (R1, R2, P12), tied to its subject
// (a Person or a Household, of any region: R1).
// Parameters: $person_id, $household_id (the subject: the person when given, else the
//   household), $relief (the node's properties), $step (the first CaseStep).
// Returns: one row: relief_id.
// Rules: R1, R2, P12.
OPTIONAL MATCH (p:Person {person_id: $person_id})
OPTIONAL MATCH (h:Household {household_id: $household_id})
WITH coalesce(p, h) AS subject
WHERE subject IS NOT NULL
CREATE (r:Relief)
SET r = $relief, r.version = 1, r.created_at = datetime()
CREATE (r)-[:FOR]->(subject)
CREATE (r)-[:HAS_STEP]->(s:CaseStep)
SET s = $step, s.recorded_at = datetime()
RETURN r.relief_id AS relief_id
