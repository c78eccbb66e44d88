// Returns the open warnings whose deadline is provisional (counted Monday-Friday through a
// year without an official calendar, W4), with what their deadline is counted from.
// Parameters: none.
// Returns: warning_id, deadline_from, deadline_days.
MATCH (w:Warning {status: 'open', due_on_provisional: true})
WHERE w.deadline_days IS NOT NULL
RETURN w.warning_id AS warning_id, w.deadline_from AS deadline_from,
       w.deadline_days AS deadline_days
