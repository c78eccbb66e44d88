// Returns a page of relief cases filed by townships below a region, in relief_id order
// (CONTRACT §4, GET /v1/relief); `overdue_on` keeps open cases whose earliest running deadline
// is before that day (R3: paperwork due after an advance; R7: the follow-on).
// Parameters: $region_prefix; $status, $overdue_on (each null: any); $cursor ('' for the first
//   page); $limit.
// Returns: one row per case: relief {relief_id, township_code, household_id, person_id,
//   subject_kind, track, cause, occurred_on, persons, requested_amount, paid_amount,
//   decided_amount, status, due_on, due_step, due_on_provisional}.
// Rules: R1, R3, R7.
MATCH (r:Relief)
WHERE r.township_code STARTS WITH $region_prefix
  AND r.relief_id > $cursor
  AND ($status IS NULL OR r.status = $status)
  AND ($overdue_on IS NULL OR r.due_on < $overdue_on)
RETURN r {.relief_id, .township_code, .household_id, .person_id, .subject_kind, .track, .cause,
          .occurred_on, .persons, .requested_amount, .paid_amount, .decided_amount, .status,
          .due_on, .due_step, .due_on_provisional} AS relief
ORDER BY r.relief_id
LIMIT $limit
