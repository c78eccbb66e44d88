// Returns the official working-day calendar entries (the `calendar` feed) that override every
// other source for their date: statutory holidays and make-up working days (调休).
// Parameters: $years: a list of integer years whose entries to read, or null for every year.
// Returns: one row per CalendarDay, date and kind ('workday' or 'holiday'), ordered by date.
// Rules: W4.
CALL () {
  MATCH (d:CalendarDay)
  WHERE $years IS NULL
  RETURN d
  UNION
  // One index range per year (the unique constraint on date backs a range index).
  UNWIND coalesce($years, []) AS year
  MATCH (d:CalendarDay)
  WHERE d.date >= date({year: year, month: 1, day: 1})
    AND d.date < date({year: year + 1, month: 1, day: 1})
  RETURN d
}
RETURN d.date AS date, d.kind AS kind
ORDER BY date
