// Returns the level of each household of a batch under one ruleset, writing nothing: the
// what-if comparison of a draft ruleset with the one in force (W7). Score as in
// household_score.cypher.
// Parameters: $household_ids; $as_of; $window_start; $points; $departments; $levels
//   [{level, min_score, max_score}].
// Returns: household_id, level.
// Rules: W1, W2, W3, W7.
UNWIND $household_ids AS household_id
MATCH (h:Household {household_id: household_id})
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
WITH h, collect(DISTINCT e.indicator) AS indicators
WITH h, reduce(total = 0, i IN indicators | total + $points[i]) AS score
RETURN h.household_id AS household_id,
       [l IN $levels WHERE l.min_score <= score AND (l.max_score IS NULL OR score <= l.max_score)
       ][0].level AS level
