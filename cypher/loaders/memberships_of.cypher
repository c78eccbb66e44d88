// Returns every membership of the given persons, for the no-overlap check (CONTRACT §2).
// Parameters: $person_ids: list of resident ids.
// Returns: person_id, household_id, from, to.
UNWIND $person_ids AS id
MATCH (:Person {person_id: id})-[m:MEMBER_OF]->(h:Household)
RETURN id AS person_id, h.household_id AS household_id, m.from AS from, m.to AS to
