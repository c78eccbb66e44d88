// Returns what a village board shows on a day (公示, 公布; P6, P8): the grant opinions posted
// and not yet past their last day, and the granted applications whose enrolment is open on
// that day (published from the decision day while enrolled). Only what P6 lets a board show:
// the applicant's name (with the birth date, for the caller to hide a minor's), the household's
// size, the programme, the (proposed) monthly amount and the dates; never a resident id, an
// address below the village, an income or a health fact.
// Parameters: $region_prefix (a village's code or a wider prefix), $on (a date).
// Returns: one row per application, by application_id: application_id, name, birth_date,
//   household_size, program, monthly_amount, from, until (null while open-ended).
// Rules: P6, P8.
MATCH (a:Application)-[:FOR]->(h:Household)
WHERE a.township_code STARTS WITH substring($region_prefix, 0, 9)
  AND h.region_code STARTS WITH $region_prefix
  AND a.status IN ['publicity', 'granted']
OPTIONAL MATCH (a)-[:GRANTED]->(e:Enrollment)
WITH a, e
WHERE (a.status = 'publicity' AND a.posted_on <= $on AND a.publicity_last_day >= $on)
   OR (a.status = 'granted' AND a.decided_on <= $on AND e IS NOT NULL
       AND (e.to IS NULL OR e.to >= $on))
OPTIONAL MATCH (p:Person {person_id: a.applicant_id})
RETURN a.application_id AS application_id, p.name AS name, p.birth_date AS birth_date,
       a.household_size AS household_size, a.program AS program,
       CASE a.status WHEN 'granted' THEN a.monthly_amount ELSE a.proposed_amount END
         AS monthly_amount,
       CASE a.status WHEN 'granted' THEN a.decided_on ELSE a.posted_on END AS from,
       CASE a.status WHEN 'granted' THEN e.to ELSE a.publicity_last_day END AS until
ORDER BY application_id
