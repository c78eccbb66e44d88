// Upserts regions and their IN edge to the parent region (I2). Rows come sorted by level, so
// a parent in the same batch is written before its children.
// Parameters: $rows: [{i, code, parent_code (null for a province), props: {name, level}}].
// Returns: one row: written, the indexes of the rows written; changed, those that were
// created or now differ (a node or edge without updated_at was just created: every
// load sets it).
// $updated_by: who the load is for (a token's sub, or cli:user), stored with updated_at on
//   what the row changes (issue 14 item 8); null leaves it unset.
UNWIND $rows AS row
MERGE (r:Region {code: row.code})
WITH r, row, properties(r) AS before
SET r += row.props
WITH r, row, before
OPTIONAL MATCH (parent:Region {code: row.parent_code})
FOREACH (p IN CASE WHEN parent IS NULL THEN [] ELSE [parent] END | MERGE (r)-[:IN]->(p))
WITH r, row, before.updated_at IS NULL OR before <> properties(r) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET r.updated_at = datetime(),
  r.updated_by = $updated_by)
// One record for the whole batch: a record per row costs a Bolt message each.
RETURN collect(row.i) AS written, collect(CASE WHEN changed THEN row.i END) AS changed
