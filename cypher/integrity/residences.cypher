// Returns where persons belong on a date: the village of the household of each one's latest
// membership begun on or before $as_of (W5), for the masking of persons a finding names
// beside its subject (CONTRACT §3: a person outside the caller's region shows masked), and
// their names (the name column of `hhgraph integrity --csv`).
// Parameters: $person_ids (a list of person ids); $as_of (a date).
// Returns: one row per person id that names a person: person_id, name, region_code (null
//   for a person with no such membership).
// Rules: W5, I1.
// Complexity: one seek on Person.person_id per id, then its memberships.
UNWIND $person_ids AS id
MATCH (p:Person {person_id: id})
OPTIONAL CALL (p) {
  MATCH (p)-[m:MEMBER_OF]->(h:Household)
  WHERE
    // include: fragments/latest_membership(person: p, membership: m)
  RETURN h ORDER BY h.household_id LIMIT 1
}
RETURN p.person_id AS person_id, p.name AS name, h.region_code AS region_code
