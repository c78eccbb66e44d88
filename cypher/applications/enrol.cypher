// Creates the enrolment a grant gives (P8): from the first day of the month after the
// decision, with its monthly amount, tied to the application that granted it.
// Parameters: $application_id, $subject_id (a person or household id), $program, $from,
//   $monthly_amount (yuan or null), $decided_on, $updated_by.
// Returns: one row: the enrolment {program, subject_id, from, monthly_amount}.
// Rules: P8, M1-M5.
MATCH (a:Application {application_id: $application_id})
OPTIONAL MATCH (p:Person {person_id: $subject_id})
OPTIONAL MATCH (h:Household {household_id: $subject_id})
WITH a, coalesce(p, h) AS subject
MERGE (e:Enrollment {subject_id: $subject_id, program: $program, from: $from})
SET e.monthly_amount = $monthly_amount, e.application_id = $application_id,
    e.decided_on = $decided_on, e.updated_at = datetime(), e.updated_by = $updated_by
MERGE (e)-[:OF]->(subject)
MERGE (a)-[:GRANTED]->(e)
RETURN e {.program, .subject_id, .from, .monthly_amount} AS enrollment
