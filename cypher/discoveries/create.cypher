// Creates a discovery report with the first step of its timeline (P4, P12), tied to its
// household (and, for a report about a person, that person) by FOR edges, and to the warning
// found genuine that it comes from (source `warning`) by FROM_WARNING.
// Parameters: $household_id; $person_id (or null); $warning_id (or null); $discovery (the
//   node's properties); $step (the first CaseStep's properties).
// Returns: one row: discovery_id. No row when the household (or person, or warning) does not
//   exist.
// Rules: P4, P12, W6.
MATCH (h:Household {household_id: $household_id})
OPTIONAL MATCH (p:Person {person_id: $person_id})
OPTIONAL MATCH (w:Warning {warning_id: $warning_id})
WITH h, p, w
WHERE ($person_id IS NULL OR p IS NOT NULL) AND ($warning_id IS NULL OR w IS NOT NULL)
CREATE (d:Discovery)
SET d = $discovery, d.version = 1, d.created_at = datetime()
CREATE (d)-[:FOR]->(h)
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (d)-[:FOR]->(p))
FOREACH (_ IN CASE WHEN w IS NULL THEN [] ELSE [1] END | CREATE (d)-[:FROM_WARNING]->(w))
CREATE (d)-[:HAS_STEP]->(s:CaseStep)
SET s = $step, s.recorded_at = datetime()
RETURN d.discovery_id AS discovery_id
