// Returns the open warnings whose deadline must be counted again (W4, issue 13 item 9): those
// whose span (deadline_from, due_on] now holds calendar feed entries other than the ones the
// deadline was counted with (deadline_basis: a day newly loaded or corrected, in any year),
// and those still provisional (a day counted was not known; a newer chinese-calendar package
// may know it now). A day after due_on cannot change a deadline: counting never reaches it.
// Parameters: none.
// Returns: warning_id, deadline_from, deadline_days.
// Rules: W3, W4.
// Open warnings from the (status, level) index, not a scan of every warning ever issued.
MATCH (w:Warning)
USING INDEX w:Warning(status, level)
WHERE w.status = 'open' AND w.level IS NOT NULL AND w.deadline_days IS NOT NULL
CALL (w) {
  // One range seek on the CalendarDay date index per warning, both bounds in the seek (the
  // chained form a < d.date <= b left one bound to a filter): a span is a few weeks at most.
  OPTIONAL MATCH (d:CalendarDay)
  WHERE d.date > w.deadline_from AND d.date <= w.due_on
  WITH d ORDER BY d.date
  RETURN collect(toString(d.date) + ':' + d.kind) AS basis
}
WITH w, basis
WHERE w.due_on_provisional OR basis <> coalesce(w.deadline_basis, [])
RETURN w.warning_id AS warning_id, w.deadline_from AS deadline_from,
       w.deadline_days AS deadline_days
