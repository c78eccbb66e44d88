// Takes the write lock of a filing's subject (R4), the Person or the Household the case will
// be FOR, as the first statement of the filing's transaction: a second filing for the same
// subject waits here until the first commits, and its same-cause check (relief/subject) then
// reads the case the first wrote. Setting and removing a scratch property takes the node's
// exclusive lock until the transaction ends and leaves the node as it was (the lock Neo4j's
// manual gives for a read-then-write). The fund node is locked the same way for payments (R5).
// Parameters: $person_id, $household_id (exactly one non-null).
// Returns: one row: locked (false when there is no such subject; nothing is locked then).
// Rules: R4, R1.
OPTIONAL MATCH (p:Person {person_id: $person_id})
OPTIONAL MATCH (hh:Household {household_id: $household_id})
WITH coalesce(p, hh) AS subject
FOREACH (s IN CASE WHEN subject IS NULL THEN [] ELSE [subject] END |
  SET s._relief_filing_lock = true
  REMOVE s._relief_filing_lock)
RETURN subject IS NOT NULL AS locked
