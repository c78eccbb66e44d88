// Rescores a batch of households on $as_of and issues or escalates their warnings (W1-W6).
// Score as in household_score.cypher (events: fragments/window_events). Then, per household:
// - no open warning and a level with an action (score >= 1): a new open warning issued on
//   $as_of, routed to the township that holds the household's village (W5), due on the
//   level's deadline (W3, W4), covering the events behind the score;
// - an open warning of a lower level: escalated to the new level and score (level_on and
//   level_seq keep the day and level of the issue and of each escalation, for the figures
//   as of a past day, S1-S2); its deadline
//   becomes the new level's, counted from $as_of, if that is earlier (W6);
// - an open warning: it also covers every event now behind the score, so that closing it
//   (verification) takes them out of later scores (W2, W6), and moves to the township that
//   holds the household's village now (W5: it follows a household that moved).
// The same batch run again changes nothing: no second open warning is created, levels only
// rise, COVERS edges of an open warning are merged. An open warning carries open_key (its
// household id), which a uniqueness constraint holds: a batch that races another run's batch
// for a household fails on it instead of issuing a second open warning (issue 14 item 3),
// and is run again, when it finds the other's warning and escalates it if need be. A new warning's are created: it has no
// edges yet and `events` holds each event once (UNION), so MERGE's lock and look-up buy
// nothing (first run at 100k households: 4.3-5.8 s with MERGE, 3.8-4.6 s without). Warning ids are <household>-<as_of>-<n>, n counting that
// household's warnings, so a rerun after a crash yields the same ids.
// Parameters: $household_ids; $as_of; $window_start; $points; $departments (as in
//   household_score); $levels [{level, rank, min_score, max_score, action, working_days,
//   due_on, due_on_provisional, basis}]; $ruleset (version); $run_id. A warning keeps the day
//   its deadline is counted from, the working days and the calendar feed entries counted
//   (deadline_basis), so that the deadline is counted again when the feed changes under it
//   (W4, scoring.deadlines).
// Returns: level, households: how many of the batch scored at each level; before: the open
//   warnings the batch changed, as they were (the projection of
//   cypher/stats/warnings_of_households); changed: the households whose warning the batch
//   issued, escalated or moved (the rollup reads only theirs again).
// Rules: W1, W2, W3, W4, W5, W6, W7.
UNWIND $household_ids AS household_id
MATCH (h:Household {household_id: household_id})
// W1, W2, W6: the events that count, e (null when none does).
// include: fragments/window_events
WITH h, collect(e) AS events
WITH h, events,
     reduce(seen = [], e IN events |
            CASE WHEN e.indicator IN seen THEN seen ELSE seen + e.indicator END) AS indicators
WITH h, events, reduce(total = 0, i IN indicators | total + $points[i]) AS score
WITH h, events, score,
     [l IN $levels WHERE l.min_score <= score AND (l.max_score IS NULL OR score <= l.max_score)
     ][0] AS lv
OPTIONAL MATCH (open:Warning {status: 'open'})-[:FOR_HOUSEHOLD]->(h)
// What the rollup (S1, S2) must hear of: a new warning, an escalation (which alone can move
// the deadline) or a move to another township. `before` is the open warning as it stands
// now: a map projection is a value, which the SETs below leave as it is.
WITH h, events, score, lv, open, [l IN $levels WHERE l.level = open.level][0] AS old
WITH h, events, score, lv, open,
     CASE WHEN open IS NULL THEN lv.action <> 'none'
          ELSE lv.rank > old.rank OR open.township_code <> left(h.region_code, 9) + '000'
     END AS changed
WITH h, events, score, lv, open, changed,
     CASE WHEN changed AND open IS NOT NULL
          THEN open {.warning_id, .township_code, .status, .level, .issued_on, .due_on,
                     .visited_on, .guidance_called_on, .level_on, .level_seq} END AS before
CALL (h, events, score, lv, open) {
  WITH h, events, score, lv, open
  WHERE open IS NULL AND lv.action <> 'none'
  WITH h, events, score, lv, COUNT { (h)<-[:FOR_HOUSEHOLD]-(:Warning) } AS earlier
  CREATE (w:Warning {
    warning_id: h.household_id + '-' + toString($as_of) + '-' + toString(earlier + 1),
    household_id: h.household_id, township_code: left(h.region_code, 9) + '000',
    score: score, level: lv.level, level_on: [$as_of], level_seq: [lv.level],
    issued_on: $as_of, due_on: lv.due_on,
    due_on_provisional: lv.due_on_provisional, deadline_from: $as_of,
    deadline_days: lv.working_days, deadline_basis: lv.basis, status: 'open',
    open_key: h.household_id, ruleset: $ruleset,
    run_id: $run_id, updated_at: datetime()})-[:FOR_HOUSEHOLD]->(h)
  FOREACH (e IN events | CREATE (w)-[:COVERS]->(e))
}
CALL (h, events, score, lv, open) {
  WITH h, events, score, lv, open
  WHERE open IS NOT NULL
  WITH h, events, score, lv, open, [l IN $levels WHERE l.level = open.level][0] AS old
  WITH h, events, score, lv, open, old,
       lv.rank > old.rank AND lv.due_on IS NOT NULL
         AND (open.due_on IS NULL OR lv.due_on < open.due_on) AS earlier_due
  FOREACH (_ IN CASE WHEN lv.rank > old.rank THEN [1] ELSE [] END |
    SET open.level_on = coalesce(open.level_on, [open.issued_on]) + $as_of,
        open.level_seq = coalesce(open.level_seq, [open.level]) + lv.level,
        open.level = lv.level, open.score = score, open.escalated_on = $as_of,
        open.updated_at = datetime())
  FOREACH (_ IN CASE WHEN earlier_due THEN [1] ELSE [] END |
    SET open.due_on = lv.due_on, open.due_on_provisional = lv.due_on_provisional,
        open.deadline_from = $as_of, open.deadline_days = lv.working_days,
        open.deadline_basis = lv.basis)
  SET open.township_code = left(h.region_code, 9) + '000'
  FOREACH (e IN events | MERGE (open)-[:COVERS]->(e))
}
RETURN lv.level AS level, count(*) AS households, collect(before) AS before,
       collect(CASE WHEN changed THEN h.household_id END) AS changed
