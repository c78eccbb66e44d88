// Closes an open warning with its home-visit verification (W6): visit date, genuine or not,
// findings, action and the officer. The events it covers stop counting in later scores.
// A visit before the warning's issue day closes nothing (issue 13 item 11): the caller
// answers 422 naming visited_on. Closing records the township that holds the household's
// village now (W5: the queue it was closed from, also after a move).
// Parameters: $warning_id, $region_prefix (caller's region), $visited_on, $genuine,
//   $findings, $action, $officer (also stored as updated_by, issue 14 item 8).
// Returns: closed (it was open and is now closed), visit_before_issue ($visited_on is before
//   issued_on), and the warning's fields as in list.cypher; no row when there is no such
//   warning in the region.
// Rules: W5, W6.
MATCH (w:Warning {warning_id: $warning_id})-[:FOR_HOUSEHOLD]->(h:Household)
WHERE h.region_code STARTS WITH $region_prefix
WITH w, h, $visited_on < w.issued_on AS visit_before_issue
WITH w, h, visit_before_issue, w.status = 'open' AND NOT visit_before_issue AS closing
FOREACH (_ IN CASE WHEN closing THEN [1] ELSE [] END |
  SET w.status = 'closed', w.visited_on = $visited_on, w.genuine = $genuine,
      w.findings = $findings, w.action = $action, w.verified_by = $officer,
      w.updated_by = $officer,
      w.township_code = left(h.region_code, 9) + '000',
      w.closed_at = datetime(), w.updated_at = datetime()
  // Only an open warning holds its household's open_key (one open warning per household,
  // issue 14 item 3): closed, it leaves room for the next one.
  REMOVE w.open_key)
RETURN closing AS closed, visit_before_issue, w.warning_id AS warning_id,
       w.household_id AS household_id,
       CASE WHEN w.status = 'open' THEN left(h.region_code, 9) + '000'
            ELSE w.township_code END AS township_code,
       w.score AS score, w.level AS level,
       w.issued_on AS issued_on, w.due_on AS due_on,
       w.due_on_provisional AS due_on_provisional, w.status AS status,
       w.visited_on AS visited_on, w.genuine AS genuine, w.findings AS findings,
       w.action AS action, w.verified_by AS verified_by
