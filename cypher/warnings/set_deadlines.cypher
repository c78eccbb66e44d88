// Sets recounted deadlines of open warnings (W4): once a day of their span is newly known or
// corrected in the calendar feed. A row is written only if the warning still counts from the
// same day and number of working days and the feed entries of its new span are still the
// ones the row was counted with: a recount that read the calendar before a concurrent load
// changes nothing, and the load's own recount (after its commit) writes the right deadline.
// Parameters: $rows [{warning_id, deadline_from, deadline_days, due_on, due_on_provisional,
//   basis: ["YYYY-MM-DD:kind", ...] in date order}].
// Returns: updated (how many warnings got a different deadline or flag).
// Rules: W3, W4.
UNWIND $rows AS row
MATCH (w:Warning {warning_id: row.warning_id, status: 'open'})
WHERE w.deadline_from = row.deadline_from AND w.deadline_days = row.deadline_days
CALL (w, row) {
  OPTIONAL MATCH (d:CalendarDay)
  WHERE d.date > w.deadline_from AND d.date <= row.due_on  // both bounds in the index seek
  WITH d ORDER BY d.date
  RETURN collect(toString(d.date) + ':' + d.kind) AS basis
}
WITH w, row, basis
WHERE basis = row.basis
WITH w, row, w.due_on <> row.due_on OR w.due_on_provisional <> row.due_on_provisional AS differs
SET w.due_on = row.due_on, w.due_on_provisional = row.due_on_provisional,
    w.deadline_basis = row.basis
FOREACH (_ IN CASE WHEN differs THEN [1] ELSE [] END | SET w.updated_at = datetime())
RETURN count(CASE WHEN differs THEN 1 END) AS updated
