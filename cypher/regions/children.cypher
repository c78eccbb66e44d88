// Returns a region and a page of the regions directly under it (one IN edge down), for the
// console's cascading village filter (GET /v1/regions?parent=). The parent must lie within
// the caller's region (its code starts with $region_prefix; the caller's own region does);
// every child of such a parent then does too (I2: a child's code extends its parent's
// significant digits).
// Parameters: $parent (a 12-digit region code); $region_prefix (the caller's region);
//   $after (the last code of the previous page, '' for the first); $limit.
// Returns: no row when the parent does not exist or lies outside the caller's region; else one
//   row: parent {code, name, level}, children [{code, name, level}] in code order, at most
//   $limit of them, each with a code greater than $after.
// Rules: I2 (region codes and levels).
MATCH (p:Region {code: $parent})
WHERE p.code STARTS WITH $region_prefix
RETURN p {.code, .name, .level} AS parent,
       COLLECT {
         MATCH (c:Region)-[:IN]->(p)
         WHERE c.code > $after
         RETURN c {.code, .name, .level}
         ORDER BY c.code
         LIMIT $limit
       } AS children
