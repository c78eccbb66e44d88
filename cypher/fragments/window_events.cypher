// Fragment: the events that count for the household h on $as_of, one row each as e, or e null
// when none does (OPTIONAL CALL: h stays). An event about h counts for it; an event about a
// person counts for the household the person was a member of on the event's date (W1). Only
// events with occurred_on in ($window_start, $as_of] count (W2), from a department the
// ruleset allows for the indicator, and not already covered by a closed warning's
// verification (W6). UNION: an event counts once.
// Expects: h, a Household. Parameters: $window_start, $as_of, $departments {indicator: [source]}.
// Included by: scoring/household_score, scoring/rescore_batch, scoring/levels_batch.
// Rules: W1, W2, W6.
OPTIONAL CALL (h) {
  // No :Event label on e (only events have ABOUT edges), so no index on events can be
  // chosen and the plan walks from h. With the label, a plan made right after the store was
  // emptied and reloaded ran 192 s (303M page hits) on 2,000 households (BENCHMARKS.md).
  MATCH (e)-[:ABOUT]->(h)
  WHERE $window_start < e.occurred_on <= $as_of AND e.source IN $departments[e.indicator]
    AND NOT EXISTS { (e)<-[:COVERS]-(:Warning {status: 'closed'}) }
  RETURN e
  UNION
  MATCH (e)-[:ABOUT]->(:Person)-[m:MEMBER_OF]->(h)
  WHERE $window_start < e.occurred_on <= $as_of AND e.source IN $departments[e.indicator]
    AND m.from <= e.occurred_on AND (m.to IS NULL OR e.occurred_on <= m.to)
    AND NOT EXISTS { (e)<-[:COVERS]-(:Warning {status: 'closed'}) }
  RETURN e
}
