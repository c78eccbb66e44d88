// Returns one row: the version and edition of the Neo4j server answering (for GET /health).
// Parameters: none.
// Rules: none (contract §3, /health).
CALL dbms.components() YIELD name, versions, edition
WHERE name = 'Neo4j Kernel'
RETURN versions[0] AS version, edition
