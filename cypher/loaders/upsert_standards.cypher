// Upserts effective-dated local standards and their FOR_REGION edge (E7, T3, T6).
// Parameters: $rows: [{i, region_code, effective_from, props: {dibao_urban_monthly, ...}}].
// Returns: one row: written, the indexes of the rows written; changed, those that were
// created or now differ (a node or edge without updated_at was just created: every
// load sets it).
// $updated_by: who the load is for (a token's sub, or cli:user), stored with updated_at on
//   what the row changes (issue 14 item 8); null leaves it unset.
UNWIND $rows AS row
MATCH (r:Region {code: row.region_code})
MERGE (s:Standard {region_code: row.region_code, effective_from: row.effective_from})
WITH s, r, row, properties(s) AS before
SET s += row.props
MERGE (s)-[:FOR_REGION]->(r)
WITH s, row, before.updated_at IS NULL OR before <> properties(s) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET s.updated_at = datetime(),
  s.updated_by = $updated_by)
// One record for the whole batch: a record per row costs a Bolt message each.
RETURN collect(row.i) AS written, collect(CASE WHEN changed THEN row.i END) AS changed
