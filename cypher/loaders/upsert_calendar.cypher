// Upserts official calendar days: statutory holidays and make-up working days (W4).
// Parameters: $rows: [{i, date, props: {kind}}].
// Returns: one row: written, the indexes of the rows written; changed, those that were
// created or now differ (a node or edge without updated_at was just created: every
// load sets it).
// $updated_by: who the load is for (a token's sub, or cli:user), stored with updated_at on
//   what the row changes (issue 14 item 8); null leaves it unset.
UNWIND $rows AS row
MERGE (d:CalendarDay {date: row.date})
WITH d, row, properties(d) AS before
SET d += row.props
WITH d, row, before.updated_at IS NULL OR before <> properties(d) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET d.updated_at = datetime(),
  d.updated_by = $updated_by)
// One record for the whole batch: a record per row costs a Bolt message each.
RETURN collect(row.i) AS written, collect(CASE WHEN changed THEN row.i END) AS changed
