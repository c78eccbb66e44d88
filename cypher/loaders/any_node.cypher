// Returns one row if the database holds any node, else none: `hhgraph import --initial`
// refuses a database that holds data (issue 20).
// Parameters: none.
MATCH (n)
RETURN elementId(n) AS node
LIMIT 1
