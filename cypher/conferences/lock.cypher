// Takes the write lock of one conference before a change is planned (R6, P12): an amendment
// and a signature at once are put in a row, and the second plans from what the first wrote
// (so nothing changes a conference once it is signed).
// Parameters: $conference_id, $region_prefix (the caller's).
// Returns: one row: version; none outside the caller's region.
// Rules: R6, P12.
MATCH (c:Conference {conference_id: $conference_id})
WHERE coalesce(c.township_code, c.county_code) STARTS WITH $region_prefix
SET c.version = c.version + 1
RETURN c.version AS version
