// Returns a page of one household's warnings for officers (CONTRACT §3,
// GET /v1/warnings?household_id=, issue 15 item 10), in warning_id order after $cursor, when
// the household lies within the caller's region (else an empty page, as for any household the
// region does not hold), with the optional filters. Its own file because the plan differs: a
// seek on the household id, where list.cypher seeks every household of a region and
// list_by_id.cypher walks every warning (an `$household_id IS NULL OR ...` filter in either
// would keep their plan and find one household's few warnings among all of the region's).
// Parameters: $household_id; $region_prefix (caller's region, or a narrower region asked for);
//   $level, $status (or null: any); $overdue_on (a date or null: open warnings due before it);
//   $cursor (last warning_id of the previous page, '' for the first); $limit.
// Returns: one row, items: the page as maps of warning_id, household_id, township_code,
//   score, level, issued_on, due_on, due_on_provisional, status; dates as YYYY-MM-DD text.
// Routing (W5, CONTRACT §3, issue 13 item 7): as list.cypher, the household's village now
//   decides the region, and an open warning shows the household's township now.
// Rules: W3, W5, W6.
MATCH (h:Household {household_id: $household_id})
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
