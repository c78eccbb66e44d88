// Takes the write lock of one relief case before a step is planned (R3, P12): two steps at
// once are put in a row, and the second plans from what the first wrote. An advance takes the
// township fund's lock after this one, in the same transaction (R3, R5).
// Parameters: $relief_id, $region_prefix (the caller's region).
// Returns: one row: version; none outside the region (the filing township's, R1).
// Rules: R1, R3, P12.
MATCH (r:Relief {relief_id: $relief_id})
WHERE r.township_code STARTS WITH $region_prefix
SET r.version = r.version + 1
RETURN r.version AS version
