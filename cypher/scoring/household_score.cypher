// Returns the warning score of one household on an as-of date (RULES §4), with the events
// behind each indicator. An event about the household counts for it; an event about a person
// counts for the household the person was a member of on the event's date (W1). Only events
// with occurred_on in ($window_start, $as_of] count (W2), from a department the ruleset allows
// for the indicator, and not already covered by a closed warning's verification (W6). Each
// indicator adds its points once, however many events it has (checkbox, W2). The events are
// those of fragments/window_events, which rescore_batch and levels_batch include too.
// Parameters: $household_id, $region_prefix (caller's region), $as_of, $window_start (as_of
//   minus the window length), $points {indicator: points}, $departments {indicator: [source]}.
// Returns: one row (none if the household is not in the region): household_id,
//   contributions [{indicator, points, event_ids}] sorted by indicator; score.
// Rules: W1, W2, W6.
MATCH (h:Household {household_id: $household_id})
WHERE h.region_code STARTS WITH $region_prefix
// W1, W2, W6: the events that count, e (null when none does).
// include: fragments/window_events
WITH h, e.indicator AS indicator, e.source + ':' + e.event_id AS event_id
ORDER BY indicator, event_id
WITH h, indicator, collect(event_id) AS event_ids
WITH h, collect(CASE WHEN indicator IS NOT NULL
                     THEN {indicator: indicator, points: $points[indicator],
                           event_ids: event_ids} END) AS contributions
RETURN h.household_id AS household_id, contributions,
       reduce(total = 0, c IN contributions | total + c.points) AS score
