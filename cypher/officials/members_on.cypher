// Returns the current members of a household on a date for C3 and C5: every person whose
// MEMBER_OF edge to it covers $on (from <= $on <= to, both ends included; a null `to` is
// open), counted by E1 or not: the imprisoned and the missing are members still, and a
// person who died is a member through the day of death (CONTRACT §2).
// Parameters: $household_id; $on (a date).
// Returns: person_id, one row per member, ordered by person_id (none for a household that
//   does not exist).
// Rules: C3, C5 (E1 for what a membership covers).
MATCH (h:Household {household_id: $household_id})<-[m:MEMBER_OF]-(p:Person)
WHERE m.from <= $on AND (m.to IS NULL OR m.to >= $on)
RETURN DISTINCT p.person_id AS person_id
ORDER BY person_id
