// Returns every membership of the given persons, for the no-overlap check (CONTRACT §2).
// Parameters: $person_ids: list of resident ids.
// Returns: one row, memberships: [[person_id, household_id, from, to]] (one record for the
// batch: a record per row costs a Bolt message each).
UNWIND $person_ids AS id
MATCH (:Person {person_id: id})-[m:MEMBER_OF]->(h:Household)
RETURN collect([id, h.household_id, m.from, m.to]) AS memberships
