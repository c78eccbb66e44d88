// Returns what the rollup's group cells (M1-M5, S1, S2; stats.groups.household_cells) are
// made of for some households: each one's village and the intervals of its enrolments in
// the groups' programmes, of its own and of each membership's person. Read in a writer's
// transaction before and after its change (retract and assert), and page by page by the
// rebuild. The households are the given ones and those any given person was ever a member
// of (an enrolment of a person counts in each household it was a member of at the time).
// Complexity: O(households × (their enrolments + memberships × the members' enrolments)),
// over the unique indexes on Household.household_id and Person.person_id.
// Parameters: $household_ids; $person_ids; $programs (the groups' programmes).
// Returns: household_id, village (its region_code now), own [{program, from, to}], members
//   [{from, to, enrolled: [{program, from, to}]}], one row per household with an enrolment
//   of the groups' programmes of its own or of a member (the others have no cells), by
//   household_id.
// Rules: S1, S2, M1-M5, E1.
CALL () {
  UNWIND $household_ids AS id
  MATCH (h:Household {household_id: id})
  RETURN h
  UNION
  UNWIND $person_ids AS id
  MATCH (:Person {person_id: id})-[:MEMBER_OF]->(h:Household)
  RETURN h
}
WITH DISTINCT h
ORDER BY h.household_id
CALL (h) {
  OPTIONAL MATCH (e:Enrollment)-[:OF]->(h)
  WHERE e.program IN $programs
  RETURN collect(e {.program, .from, .to}) AS own
}
CALL (h) {
  OPTIONAL MATCH (p:Person)-[m:MEMBER_OF]->(h)
  OPTIONAL MATCH (e:Enrollment)-[:OF]->(p)
  WHERE e.program IN $programs
  WITH m, collect(e {.program, .from, .to}) AS enrolled
  RETURN collect(CASE WHEN m IS NULL THEN null ELSE m {.from, .to, enrolled: enrolled} END)
         AS members
}
WITH h, own, members
WHERE size(own) > 0 OR any(m IN members WHERE size(m.enrolled) > 0)  // no group: no cells
RETURN h.household_id AS household_id, h.region_code AS village, own, members
