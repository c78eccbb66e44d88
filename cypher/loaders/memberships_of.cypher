// Returns every membership of the given persons, for the no-overlap check (CONTRACT §2).
// Parameters: $person_ids: list of resident ids.
// Returns: one row, memberships: [[person_id, household_id, from, to]], dates as ISO text
// (cheaper to decode than driver Dates; one record for the batch: a record per row costs a
// Bolt message each).
UNWIND $person_ids AS id
MATCH (:Person {person_id: id})-[m:MEMBER_OF]->(h:Household)
RETURN collect([id, h.household_id, toString(m.from), toString(m.to)]) AS memberships
