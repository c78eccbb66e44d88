// Closes an open warning with its home-visit verification (W6): visit date, genuine or not,
// findings, action and the officer. The events it covers stop counting in later scores.
// Parameters: $warning_id, $region_prefix (caller's region), $visited_on, $genuine,
//   $findings, $action, $officer (also stored as updated_by, issue 14 item 8).
// Returns: found (the warning exists in the region), closed (it was open and is now closed),
//   and the warning's fields as in list.cypher.
// Rules: W6.
MATCH (w:Warning {warning_id: $warning_id})-[:FOR_HOUSEHOLD]->(h:Household)
WHERE h.region_code STARTS WITH $region_prefix
WITH w, w.status = 'open' AS was_open
FOREACH (_ IN CASE WHEN was_open THEN [1] ELSE [] END |
  SET w.status = 'closed', w.visited_on = $visited_on, w.genuine = $genuine,
      w.findings = $findings, w.action = $action, w.verified_by = $officer,
      w.updated_by = $officer,
      w.closed_at = datetime(), w.updated_at = datetime())
RETURN was_open AS closed, w.warning_id AS warning_id, w.household_id AS household_id,
       w.township_code AS township_code, w.score AS score, w.level AS level,
       w.issued_on AS issued_on, w.due_on AS due_on,
       w.due_on_provisional AS due_on_provisional, w.status AS status,
       w.visited_on AS visited_on, w.genuine AS genuine, w.findings AS findings,
       w.action AS action, w.verified_by AS verified_by
