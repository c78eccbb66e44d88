// Upserts households and their IN edge to their village; a household moved to another
// village loses the old edge (I2, W5).
// Parameters: $rows: [{i, household_id, props: {region_code, hukou, address, assets_ok,
//   rigid_expenditure_annual}}].
// Returns: one row: written, the indexes of the rows written; changed, those that were
// created or now differ (a node or edge without updated_at was just created: every
// load sets it).
// $updated_by: who the load is for (a token's sub, or cli:user), stored with updated_at on
//   what the row changes (issue 14 item 8); null leaves it unset.
UNWIND $rows AS row
MATCH (v:Region {code: row.props.region_code})
MERGE (h:Household {household_id: row.household_id})
WITH h, v, row, properties(h) AS before
SET h += row.props
WITH h, v, row, before
// The old edge is found from h (a pattern comprehension over h's own IN edges): as an
// OPTIONAL MATCH on (o:Region), a plan made while the store held no households scanned every
// region per row (5,000 × 772 per batch: the first batches of a load took 4 s each).
FOREACH (old IN [(h)-[r:IN]->() WHERE endNode(r) <> v | r] | DELETE old)
MERGE (h)-[:IN]->(v)
WITH DISTINCT h, row, before.updated_at IS NULL OR before <> properties(h) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET h.updated_at = datetime(),
  h.updated_by = $updated_by)
// One record for the whole batch: a record per row costs a Bolt message each.
RETURN collect(row.i) AS written, collect(CASE WHEN changed THEN row.i END) AS changed
