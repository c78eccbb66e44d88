// Returns the enrolment a review names when its subject lies in the caller's region (RULES
// P10): the enrolled household (a person's: their household now) and its township, read
// before the review's transaction for the C5 check and the region.
// Parameters: $subject_id, $program, $from (the enrolment's key); $region_prefix.
// Returns: one row: household_id, township_code, declared (whether the application that
//   granted the enrolment declared an official relative, C3; false without one); none when
//   there is no such enrolment or its household lies outside the region.
// Rules: P10, W5, C3, C5.
MATCH (e:Enrollment {subject_id: $subject_id, program: $program, from: $from})-[:OF]->(s)
OPTIONAL MATCH (s:Person)-[m:MEMBER_OF]->(ph:Household)
WHERE m.to IS NULL
WITH e, CASE WHEN s:Household THEN s ELSE ph END AS h
WHERE h IS NOT NULL AND h.region_code STARTS WITH $region_prefix
RETURN h.household_id AS household_id, left(h.region_code, 9) + '000' AS township_code,
       EXISTS { (a:Application)-[:GRANTED]->(e) WHERE a.declared_official_relative } AS declared
LIMIT 1
