// Takes the write lock of the enrolment a review names: the first statement of the review's
// transaction, so that two reviews of one enrolment at once are put in a row and the second
// finds the enrolment as the first left it (ended: refused, 409).
// Parameters: $subject_id, $program, $from (the enrolment's key).
// Returns: one row: to, monthly_amount, ended_by_review (the review that ended it, or null),
//   filed (true once a review's C3 check filed it), version (now one higher); none when
//   there is no such enrolment.
// Rules: P10, P12, C3, C4.
MATCH (e:Enrollment {subject_id: $subject_id, program: $program, from: $from})
SET e.version = coalesce(e.version, 0) + 1
RETURN e.to AS to, e.monthly_amount AS monthly_amount, e.ended_by_review AS ended_by_review,
       coalesce(e.filed, false) AS filed, e.version AS version
