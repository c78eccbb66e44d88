// Returns the level of each household of a batch under one ruleset, writing nothing: the
// what-if comparison of a draft ruleset with the one in force (W7). Score as in
// household_score.cypher (events: fragments/window_events).
// Parameters: $household_ids; $as_of; $window_start; $points; $departments; $levels
//   [{level, min_score, max_score}].
// Returns: household_id, level.
// Rules: W1, W2, W3, W7.
UNWIND $household_ids AS household_id
MATCH (h:Household {household_id: household_id})
// W1, W2, W6: the events that count, e (null when none does).
// include: fragments/window_events
WITH h, collect(DISTINCT e.indicator) AS indicators
WITH h, reduce(total = 0, i IN indicators | total + $points[i]) AS score
RETURN h.household_id AS household_id,
       [l IN $levels WHERE l.min_score <= score AND (l.max_score IS NULL OR score <= l.max_score)
       ][0].level AS level
