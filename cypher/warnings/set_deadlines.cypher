// Sets recomputed deadlines of open warnings (W4: once the calendar of their year is known).
// Parameters: $rows [{warning_id, due_on, due_on_provisional}].
// Returns: updated (how many warnings got a different deadline or flag).
UNWIND $rows AS row
MATCH (w:Warning {warning_id: row.warning_id, status: 'open'})
WITH w, row, w.due_on <> row.due_on OR w.due_on_provisional <> row.due_on_provisional AS differs
SET w.due_on = row.due_on, w.due_on_provisional = row.due_on_provisional
FOREACH (_ IN CASE WHEN differs THEN [1] ELSE [] END | SET w.updated_at = datetime())
RETURN count(CASE WHEN differs THEN 1 END) AS updated
