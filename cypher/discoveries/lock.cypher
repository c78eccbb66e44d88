// Takes the write lock of one discovery before its outcome is planned: the first statement of
// the step's transaction, so that two officers recording an outcome at once are put in a row
// and the second plans from what the first wrote (then refused, 409).
// Parameters: $discovery_id, $region_prefix (the caller's region).
// Returns: one row: version (the discovery's, now one higher); none when there is no such
//   discovery in the caller's region.
// Rules: P4, P12.
MATCH (d:Discovery {discovery_id: $discovery_id})
WHERE d.township_code STARTS WITH $region_prefix
SET d.version = d.version + 1
RETURN d.version AS version
