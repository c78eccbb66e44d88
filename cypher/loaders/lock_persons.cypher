// Takes the write lock of each given person for the rest of the transaction, so that the
// memberships read next are the ones no other load can change before this one commits: the
// overlap check (E1, CONTRACT §2: one household at a time) holds across processes (issue 14
// item 4). Setting and removing a property locks the node and leaves it as it was.
// Parameters: $person_ids: list of resident ids, sorted (every writer locks in one order).
// Returns: one row: locked, the number of persons found.
UNWIND $person_ids AS id
MATCH (p:Person {person_id: id})
USING INDEX p:Person(person_id)
SET p._lock = true
REMOVE p._lock
RETURN count(p) AS locked
