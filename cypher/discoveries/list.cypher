// Returns a page of discoveries below a region, in discovery_id order (CONTRACT §4,
// GET /v1/discoveries), with the filters of the route; `overdue_on` keeps open discoveries
// whose outcome was due before that day (the day after a due date is the first overdue day,
// RULES §6 preamble).
// Parameters: $region_prefix; $status, $overdue_on (each null: any); $cursor (the last
//   discovery_id of the previous page, '' for the first); $limit.
// Returns: one row per discovery: discovery (every property).
// Rules: P4, W5.
MATCH (d:Discovery)
WHERE d.township_code STARTS WITH $region_prefix
  AND d.discovery_id > $cursor
  AND ($status IS NULL OR d.status = $status)
  AND ($overdue_on IS NULL OR (d.status = 'open' AND d.due_on < $overdue_on))
RETURN d {.*} AS discovery
ORDER BY d.discovery_id
LIMIT $limit
