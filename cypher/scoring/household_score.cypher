// Returns the warning score of one household on an as-of date (RULES §4), with the events
// behind each indicator. An event about the household counts for it; an event about a person
// counts for the household the person was a member of on the event's date (W1). Only events
// with occurred_on in ($window_start, $as_of] count (W2), from a department the ruleset allows
// for the indicator, and not already covered by a closed warning's verification (W6). Each
// indicator adds its points once, however many events it has (checkbox, W2).
// Parameters: $household_id, $region_prefix (caller's region), $as_of, $window_start (as_of
//   minus the window length), $points {indicator: points}, $departments {indicator: [source]}.
// Returns: one row (none if the household is not in the region): household_id,
//   contributions [{indicator, points, event_ids}] sorted by indicator; score.
// Rules: W1, W2, W6.
MATCH (h:Household {household_id: $household_id})
WHERE h.region_code STARTS WITH $region_prefix
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
WITH h, e.indicator AS indicator, e.source + ':' + e.event_id AS event_id
ORDER BY indicator, event_id
WITH h, indicator, collect(event_id) AS event_ids
WITH h, collect(CASE WHEN indicator IS NOT NULL
                     THEN {indicator: indicator, points: $points[indicator],
                           event_ids: event_ids} END) AS contributions
RETURN h.household_id AS household_id, contributions,
       reduce(total = 0, c IN contributions | total + c.points) AS score
