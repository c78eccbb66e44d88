// Takes the write lock of one application before its step is planned: the first statement of
// every step's transaction, so that two officers acting on one case at once are put in a row
// and the second plans from what the first wrote (its guard then refuses, 409).
// Parameters: $application_id, $region_prefix (the caller's region).
// Returns: one row: version (the application's, now one higher); none when there is no such
//   application in the caller's region.
// Rules: P12.
MATCH (a:Application {application_id: $application_id})
WHERE a.township_code STARTS WITH $region_prefix
SET a.version = a.version + 1
RETURN a.version AS version
