// Puts on the recheck list the dependents of persons hit by a death, disability-grade change
// or registered unemployment event: their spouse, parents, children, grandparents,
// grandchildren and siblings (the relations of T4-T5), alive on $as_of. The supporter they
// had may no longer be able (T6), so screening re-runs their destitute check. Over-inclusion
// is intended: the list says whom to look at again, the check itself decides.
// Which events: those in the window ($window_start, $as_of] loaded or changed since $since
//   (the start of the last successful run), plus the window events of persons whose kinship
//   edges changed since then (a new or corrected relative); ranges on the updated_at indexes;
//   plus the window events whose occurred_on entered the window since the last run's as-of
//   date ($shifted: an event reported ahead of its date, issue 13 item 8).
//   Without a last run, or after a large backlog, flag_dependents_window.cypher takes the
//   whole window slice by slice instead (scoring.rescore.flag_dependents).
// Parameters: $as_of, $window_start, $since, $shifted [{after, until}] (as in
//   touched_households.cypher).
// Returns: nothing; the caller counts the Recheck nodes created (query counters), since a
//   property marking creation would force Cypher to materialise every row (Eager).
// Idempotent: MERGE on the Recheck key (person_id, event_key); an event flags nobody twice.
// Rules: T4, T5, T6 (dependents), W2 (window).
CALL () {
  MATCH (e:Event)-[:ABOUT]->(p:Person)
  USING INDEX e:Event(updated_at)
  WHERE e.indicator IN ['death', 'disability_grade_change', 'unemployment_registered']
    AND $window_start < e.occurred_on <= $as_of
    AND e.updated_at > $since
  RETURN e, p
  UNION
  // The hints keep these on the updated_at indexes: the planner would otherwise start from
  // every event of the window (PROFILE at 1M households: 1.2M rows, 3 s).
  MATCH (p:Person)-[k:PARENT_OF]-(:Person)
  USING INDEX k:PARENT_OF(updated_at)
  WHERE k.updated_at > $since
  MATCH (e:Event)-[:ABOUT]->(p)
  WHERE e.indicator IN ['death', 'disability_grade_change', 'unemployment_registered']
    AND $window_start < e.occurred_on <= $as_of
  RETURN e, p
  UNION
  MATCH (p:Person)-[k:SPOUSE_OF]-(:Person)
  USING INDEX k:SPOUSE_OF(updated_at)
  WHERE k.updated_at > $since
  MATCH (e:Event)-[:ABOUT]->(p)
  WHERE e.indicator IN ['death', 'disability_grade_change', 'unemployment_registered']
    AND $window_start < e.occurred_on <= $as_of
  RETURN e, p
  UNION
  UNWIND $shifted AS range
  MATCH (e:Event)-[:ABOUT]->(p:Person)
  WHERE e.occurred_on > range.after AND e.occurred_on <= range.until
    AND e.indicator IN ['death', 'disability_grade_change', 'unemployment_registered']
    AND $window_start < e.occurred_on <= $as_of
  RETURN e, p
}
// include: fragments/recheck_dependents
