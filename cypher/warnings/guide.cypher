// Closes an open green warning with the phone guidance recorded instead of a visit (W3, P4):
// the day called, the result and the officer. Closed as a verification closes it (W6): the
// events it covers stop counting in later scores, the household's open_key is freed, and the
// township that holds the household's village now is recorded. Nothing is written for a
// warning that is closed, not green, or called before its issue day; the caller answers 409
// or 422 by the flags.
// Parameters: $warning_id, $region_prefix (caller's region), $called_on, $result, $officer.
// Returns: closed (it was an open green warning and is now closed), call_before_issue
//   ($called_on is before issued_on), was_open, and the warning's fields as in list.cypher
//   with called_on, result, guided_by; no row when there is no such warning in the region.
// Rules: W3, W5, W6, P4.
MATCH (w:Warning {warning_id: $warning_id})-[:FOR_HOUSEHOLD]->(h:Household)
WHERE h.region_code STARTS WITH $region_prefix
WITH w, h, $called_on < w.issued_on AS call_before_issue, w.status = 'open' AS was_open
WITH w, h, call_before_issue, was_open,
     was_open AND w.level = 'green' AND NOT call_before_issue AS closing
FOREACH (_ IN CASE WHEN closing THEN [1] ELSE [] END |
  SET w.status = 'closed', w.guidance_called_on = $called_on,
      w.guidance_result = $result, w.guided_by = $officer, w.updated_by = $officer,
      w.township_code = left(h.region_code, 9) + '000',
      w.closed_at = datetime(), w.updated_at = datetime()
  REMOVE w.open_key)
RETURN closing AS closed, call_before_issue, was_open, w.warning_id AS warning_id,
       w.household_id AS household_id,
       CASE WHEN w.status = 'open' THEN left(h.region_code, 9) + '000'
            ELSE w.township_code END AS township_code,
       w.score AS score, w.level AS level,
       w.issued_on AS issued_on, w.due_on AS due_on,
       w.due_on_provisional AS due_on_provisional, w.status AS status,
       w.guidance_called_on AS called_on, w.guidance_result AS result,
       w.guided_by AS guided_by
