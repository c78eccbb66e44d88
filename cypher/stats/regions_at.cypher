// The regions of one level under a region (S1: the rows of a level), in code order.
// Parameters: $prefix (the region's significant digits); $level (province, city, county,
//   township, village).
// Returns: code, name.
// Rules: S1, I2.
MATCH (r:Region)
WHERE r.code STARTS WITH $prefix AND r.level = $level
RETURN r.code AS code, r.name AS name
ORDER BY code
