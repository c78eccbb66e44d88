// Upserts effective-dated local standards and their FOR_REGION edge (E7, T3, T6).
// Parameters: $rows: [{i, region_code, effective_from, props: {dibao_urban_monthly, ...}}].
// Returns: i, changed per written row. (changed: created, or a property differs; a
// node or edge without updated_at was just created, since every load sets it)
UNWIND $rows AS row
MATCH (r:Region {code: row.region_code})
MERGE (s:Standard {region_code: row.region_code, effective_from: row.effective_from})
WITH s, r, row, properties(s) AS before
SET s += row.props
MERGE (s)-[:FOR_REGION]->(r)
WITH s, row, before.updated_at IS NULL OR before <> properties(s) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET s.updated_at = datetime())
RETURN row.i AS i, changed
