// Upserts persons (I1).
// Parameters: $rows: [{i, person_id, props: {name, sex, birth_date, annual_income,
//   disability_grade, disability_type, major_disease, legal_status, death_date}}].
// Returns: one row: written, the indexes of the rows written; changed, those that were
// created or now differ (a node or edge without updated_at was just created: every
// load sets it).
// $updated_by: who the load is for (a token's sub, or cli:user), stored with updated_at on
//   what the row changes (issue 14 item 8); null leaves it unset.
UNWIND $rows AS row
MERGE (p:Person {person_id: row.person_id})
WITH p, row, properties(p) AS before
SET p += row.props
WITH p, row, before.updated_at IS NULL OR before <> properties(p) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET p.updated_at = datetime(),
  p.updated_by = $updated_by)
// One record for the whole batch: a record per row costs a Bolt message each.
RETURN collect(row.i) AS written, collect(CASE WHEN changed THEN row.i END) AS changed
