// Returns the households of a region that hold an open enrolment on $as_of (their own, or one
// of a current member), with their current members and the C3 filings already made for them,
// so that X6 can check the members against the officials serving each township (C2, C3) and
// keep the relatives nobody filed.
// Parameters: $region_prefix (significant digits of the region scanned); $as_of (a date).
// Returns: one row per household: household_id, region_code (its village), township_code
//   (W5), programs (the programmes open on $as_of, sorted), members (the person ids whose
//   membership covers $as_of, both ends included, as C3 reads them: the imprisoned, the
//   missing and the dead that day too; sorted), filed [{official_id, member_id}] (every Filing
//   of an application for the household, any status); ordered by township_code,
//   household_id.
// Rules: X6, C2, C3, E1, W5.
// Complexity: a range seek on Household.region_code, then each household's members,
//   enrolments and applications: O(households + members + enrolments of the region).
MATCH (h:Household)
WHERE h.region_code STARTS WITH $region_prefix
WITH h, COLLECT {
  MATCH (p:Person)-[m:MEMBER_OF]->(h)
  WHERE m.from <= $as_of AND (m.to IS NULL OR m.to >= $as_of)
  WITH DISTINCT p.person_id AS id ORDER BY id
  RETURN id
} AS members
WHERE size(members) > 0
WITH h, members,
     COLLECT {
       MATCH (e:Enrollment)-[:OF]->(h)
       WHERE e.from <= $as_of AND (e.to IS NULL OR e.to >= $as_of)
       RETURN e.program
     } + COLLECT {
       MATCH (p:Person)-[m:MEMBER_OF]->(h)
       WHERE m.from <= $as_of AND (m.to IS NULL OR m.to >= $as_of)
       MATCH (e:Enrollment)-[:OF]->(p)
       WHERE e.from <= $as_of AND (e.to IS NULL OR e.to >= $as_of)
       RETURN e.program
     } AS open
WITH h, members, COLLECT {
  UNWIND open AS program
  WITH DISTINCT program ORDER BY program
  RETURN program
} AS programs
WHERE size(programs) > 0
RETURN h.household_id AS household_id, h.region_code AS region_code,
       left(h.region_code, 9) + '000' AS township_code, programs, members,
       COLLECT {
         MATCH (a:Application)-[:FOR]->(h), (a)-[:FILED]->(f:Filing)
         RETURN DISTINCT {official_id: f.official_id, member_id: f.member_id} AS filing
       } AS filed
ORDER BY township_code, household_id
