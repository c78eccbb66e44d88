// Returns a page of applications below a region, in application_id order (CONTRACT §4,
// GET /v1/applications), with the filters of the route; `overdue_on` keeps open applications
// whose earliest running deadline (due_on) is before that day (the day after a due date is
// the first overdue day, RULES §6 preamble).
// Parameters: $region_prefix; $status, $program, $filed, $overdue_on (each null: any);
//   $cursor (the last application_id of the previous page, '' for the first); $limit.
// Returns: one row per application: application {application_id, program, household_id,
//   person_id, township_code, status, received_on, accepted_on, due_on, due_step,
//   due_on_provisional, filed}.
// Rules: P1, P7, C3, W5.
MATCH (a:Application)
WHERE a.township_code STARTS WITH $region_prefix
  AND a.application_id > $cursor
  AND ($status IS NULL OR a.status = $status)
  AND ($program IS NULL OR a.program = $program)
  AND ($filed IS NULL OR a.filed = $filed)
  AND ($overdue_on IS NULL OR a.due_on < $overdue_on)
RETURN a {.application_id, .program, .household_id, .person_id, .township_code, .status,
          .received_on, .accepted_on, .due_on, .due_step, .due_on_provisional,
          .filed} AS application
ORDER BY a.application_id
LIMIT $limit
