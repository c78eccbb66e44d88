// Puts on the recheck list the dependents of persons hit by a death, disability-grade change
// or registered unemployment event that occurred in ($from, $to], a slice of the window: the
// whole-window pass of flag_dependents.cypher, cut in slices so that each transaction stays
// small (at 1M households the window holds ~700,000 recheck entries, more than a
// transaction's memory allows). Used for a first run and after a large backlog of events;
// relatives and entries as in flag_dependents.cypher (fragments/recheck_dependents).
// Parameters: $as_of; $from, $to (dates: ($from, $to] lies within the window).
// Returns: nothing; the caller counts the Recheck nodes created (query counters).
// Idempotent: MERGE on the Recheck key (person_id, event_key).
// Rules: T4, T5, T6 (dependents), W2 (window).
MATCH (e:Event)-[:ABOUT]->(p:Person)
USING INDEX e:Event(occurred_on)
WHERE $from < e.occurred_on <= $to
  AND e.indicator IN ['death', 'disability_grade_change', 'unemployment_registered']
// include: fragments/recheck_dependents
