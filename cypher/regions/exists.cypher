// Returns whether a region code names a region, for the check of a token's region (issue 14
// item 15: a token's region must exist), and whether the graph holds any region at all (a
// fresh database, before its regions feed is loaded, accepts any well-formed code).
// Parameters: $code (a 12-digit region code).
// Returns: one row: exists, any_region.
// Rules: I2.
OPTIONAL MATCH (r:Region {code: $code})
RETURN r IS NOT NULL AS exists, EXISTS { MATCH (:Region) } AS any_region
