// Returns a batch of the open enrolments whose subject lies in the caller's region, in key
// order (subject_id, program, from) after the cursor, with what their next review date is
// counted from (RULES P10): the last review of the enrolment, the counted members on the day
// counting starts, and the open warnings on the enrolled household (a person's: their
// household now). Python (`reviews.schedule.next_review`) dates each one; the caller keeps
// those due by its date.
// Parameters: $region_prefix (the caller's region, or a narrower one); $programs (the
//   reviewed programmes); $open_on (a date: an enrolment with a `to` before it is closed);
//   $after_subject, $after_program, $after_from (the last key of the previous batch; '',
//   null, null for the first); $limit.
// Returns: per enrolment the columns of fragments/review_facts: subject_id, program, from,
//   to, person, township_code, last_review, members, warnings.
// Complexity: each batch matches every enrolment of the region and keeps the $limit after
//   the cursor (a page of the review list); a whole walk of a region is
//   integrity/x3_enrolments, by households.
// Rules: P10, W3, W5, W6, T2, E1.
MATCH (h:Household)
WHERE h.region_code STARTS WITH $region_prefix
// include: fragments/review_enrolments
WITH h, e, p
WHERE (e.to IS NULL OR e.to >= $open_on)
  AND (e.subject_id > $after_subject
       OR (e.subject_id = $after_subject
           AND (e.program > $after_program
                OR (e.program = $after_program AND e.from > $after_from))))
WITH h, e, p
ORDER BY e.subject_id, e.program, e.from
LIMIT $limit
// include: fragments/review_facts
ORDER BY subject_id, program, from
