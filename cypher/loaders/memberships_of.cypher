// Returns every membership of the given persons, for the no-overlap check (CONTRACT §2).
// Parameters: $person_ids: list of resident ids.
// Returns: one row, memberships: [[person_id, household_id, from, to]], dates as ISO text
// (cheaper to decode than driver Dates; one record for the batch: a record per row costs a
// Bolt message each).
// The hint: a plan cached on a nearly empty store scanned every person for each id (9 s a
// batch, then the 30 s timeout, after the bench emptied and reloaded the store).
UNWIND $person_ids AS id
MATCH (p:Person {person_id: id})
USING INDEX p:Person(person_id)
MATCH (p)-[m:MEMBER_OF]->(h:Household)
RETURN collect([id, h.household_id, toString(m.from), toString(m.to)]) AS memberships
