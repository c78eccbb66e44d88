// Upserts SPOUSE_OF edges, stored once per couple with the smaller id as a (T4: 1059).
// Parameters: $rows: [{i, a, b, props: {from, to}}] with a < b.
// Returns: one row: written, the indexes of the rows written; changed, those that were
// created or now differ (a node or edge without updated_at was just created: every
// load sets it).
// $updated_by: who the load is for (a token's sub, or cli:user), stored with updated_at on
//   what the row changes (issue 14 item 8); null leaves it unset.
UNWIND $rows AS row
MATCH (a:Person {person_id: row.a})
MATCH (b:Person {person_id: row.b})
MERGE (a)-[k:SPOUSE_OF]->(b)
WITH k, row, properties(k) AS before
SET k += row.props
WITH k, row, before.updated_at IS NULL OR before <> properties(k) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET k.updated_at = datetime(),
  k.updated_by = $updated_by)
// One record for the whole batch: a record per row costs a Bolt message each.
RETURN collect(row.i) AS written, collect(CASE WHEN changed THEN row.i END) AS changed
