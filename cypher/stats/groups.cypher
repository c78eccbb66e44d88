// Monitored households and persons by group (M1-M5, S1), on each of some days, for the
// regions at one level under a region: counted by open enrolment (from <= day <= to). A
// household counts in a group when it holds an open enrolment of one of the group's
// programmes or one of its members on that day does (tekun, single-person dibao); persons:
// every member of a household enrolled as a whole, else each member enrolled alone. Each
// household counts in the region of its village now (docs/stats.md).
// Complexity: O(households of the region with any enrolment of the groups' programmes ×
// their members and enrolments), one pass for every day at once (the range index on
// Household.region_code bounds it to the region).
// Parameters: $prefix (the region's significant digits); $width (the digits of the level
//   counted: left(region_code, width) names the row's region); $days; $groups {program:
//   group}; $last (the latest of $days).
// Returns: code (left(village, $width)), day, group, households, persons.
// Rules: S1, S2, M1-M5, E1.
MATCH (h:Household)
WHERE h.region_code STARTS WITH $prefix
CALL (h) {
  OPTIONAL MATCH (e:Enrollment)-[:OF]->(h)
  WHERE e.from <= $last AND e.program IN keys($groups)
  RETURN collect(e {.program, .from, .to}) AS own
}
CALL (h) {
  OPTIONAL MATCH (p:Person)-[m:MEMBER_OF]->(h)
  WHERE m.from <= $last
  OPTIONAL MATCH (e:Enrollment)-[:OF]->(p)
  WHERE e.from <= $last AND e.program IN keys($groups)
  WITH m, collect(e {.program, .from, .to}) AS enrolled
  RETURN collect(m {.from, .to, enrolled: enrolled}) AS members
}
WITH h, own, members
WHERE size(own) > 0 OR any(m IN members WHERE size(m.enrolled) > 0)
UNWIND $days AS day
WITH h, day,
     [e IN own WHERE e.from <= day AND (e.to IS NULL OR e.to >= day) | $groups[e.program]] AS whole,
     [m IN members WHERE m.from <= day AND (m.to IS NULL OR m.to >= day) |
        [e IN m.enrolled WHERE e.from <= day AND (e.to IS NULL OR e.to >= day)
         | $groups[e.program]]] AS alone
UNWIND [g IN $names WHERE g IN whole OR any(x IN alone WHERE g IN x)] AS g
WITH left(h.region_code, $width) AS code, day, g,
     CASE WHEN g IN whole THEN size(alone) ELSE size([x IN alone WHERE g IN x]) END AS persons
RETURN code, day, g AS group, count(*) AS households, sum(persons) AS persons
