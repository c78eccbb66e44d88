// Takes the write lock of the enrolment a review names: the first statement of the review's
// transaction, so that two reviews of one enrolment at once are put in a row and the second
// finds the enrolment as the first left it (ended: refused, 409).
// Parameters: $subject_id, $program, $from (the enrolment's key).
// Returns: one row: to, monthly_amount, ended_by_review (the review that ended it, or null),
//   version (now one higher); none when there is no such enrolment.
// Rules: P10, P12.
MATCH (e:Enrollment {subject_id: $subject_id, program: $program, from: $from})
SET e.version = coalesce(e.version, 0) + 1
RETURN e.to AS to, e.monthly_amount AS monthly_amount, e.ended_by_review AS ended_by_review,
       e.version AS version
