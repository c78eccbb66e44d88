// Returns the schema as rows (name, type, entity, labels, properties, constraint), sorted by
// name: every index, with the uniqueness constraint that owns it if any. Token lookup
// indexes are left out (Neo4j creates them itself). Used to compare schemas across migrations.
// Parameters: none.
SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, owningConstraint
WHERE type <> 'LOOKUP'
RETURN name, type, entityType AS entity, labelsOrTypes AS labels, properties,
       owningConstraint AS constraint
ORDER BY name
