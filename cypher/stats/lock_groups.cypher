// Takes the write locks a writer of the rollup's group cells (S1, S2; stats.groups) holds
// for the rest of its transaction, before it reads the cells it is about to change: the
// given persons, then the given households and every household those persons were ever a
// member of, each set in id order, so that concurrent writers lock in one order and each
// reads what the other committed (a load of a person's enrolment and one of that person's
// membership elsewhere cannot both miss the other). Setting and removing a property locks
// a node and leaves it as it was.
// Parameters: $person_ids; $household_ids.
// Returns: one row: persons, households (how many were locked).
// Rules: S1, S2.
CALL () {
  UNWIND $person_ids AS id
  MATCH (p:Person {person_id: id})
  WITH p ORDER BY p.person_id
  SET p._lock = true
  REMOVE p._lock
  RETURN count(p) AS persons
}
CALL () {
  CALL () {
    UNWIND $household_ids AS id
    MATCH (h:Household {household_id: id})
    RETURN h
    UNION
    UNWIND $person_ids AS id
    MATCH (:Person {person_id: id})-[:MEMBER_OF]->(h:Household)
    RETURN h
  }
  WITH DISTINCT h ORDER BY h.household_id
  SET h._lock = true
  REMOVE h._lock
  RETURN count(h) AS households
}
RETURN persons, households
