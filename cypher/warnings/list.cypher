// Returns a page of warnings for officers (CONTRACT §3, GET /v1/warnings), in warning_id order
// after $cursor, within the caller's region and the optional filters.
// Parameters: $region_prefix (caller's region, or a narrower region asked for); $level, $status
//   (or null: any); $overdue_on (a date or null: open warnings due before it); $cursor (last
//   warning_id of the previous page, '' for the first); $limit.
// Returns: one row, items: the page as maps of warning_id, household_id, township_code,
//   score, level, issued_on, due_on, due_on_provisional, status; dates as YYYY-MM-DD text.
//   One record and text dates: a driver record and a driver Date each cost more CPU in the
//   API than the rest of the row (bench/latency.py, warnings list).
// Routing (W5, CONTRACT §3, issue 13 item 7): a warning is found through its household's
//   village now, never through the township_code stored at issue, so that an open warning
//   follows a household that moved; its township_code is the household's township now. A
//   closed warning shows the township it was closed in.
// Rules: W3, W5, W6.
MATCH (h:Household)
WHERE h.region_code STARTS WITH $region_prefix
MATCH (w:Warning)-[:FOR_HOUSEHOLD]->(h)
WHERE w.warning_id > $cursor
  AND ($level IS NULL OR w.level = $level)
  AND ($status IS NULL OR w.status = $status)
  AND ($overdue_on IS NULL OR (w.status = 'open' AND w.due_on < $overdue_on))
WITH w, h ORDER BY w.warning_id LIMIT $limit
RETURN collect(w {.warning_id, .household_id,
                  township_code: CASE WHEN w.status = 'open'
                                      THEN left(h.region_code, 9) + '000'
                                      ELSE w.township_code END,
                  .score, .level,
                  issued_on: toString(w.issued_on), due_on: toString(w.due_on),
                  .due_on_provisional, .status}) AS items
