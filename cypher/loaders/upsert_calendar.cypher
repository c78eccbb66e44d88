// Upserts official calendar days: statutory holidays and make-up working days (W4).
// Parameters: $rows: [{i, date, props: {kind}}].
// Returns: i, changed per written row. (changed: created, or a property differs; a
// node or edge without updated_at was just created, since every load sets it)
UNWIND $rows AS row
MERGE (d:CalendarDay {date: row.date})
WITH d, row, properties(d) AS before
SET d += row.props
WITH d, row, before.updated_at IS NULL OR before <> properties(d) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET d.updated_at = datetime())
RETURN row.i AS i, changed
