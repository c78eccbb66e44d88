// Returns a page of every warning, in id order, with what the rollup counts of it: for
// rebuilding the rollup from the warnings themselves (stats.rollup.rebuild; a store whose
// warnings predate migration 019).
// Parameters: $after (the last id of the previous page, '' for the first); $limit.
// Returns: warning {warning_id, township_code, status, level, issued_on, due_on, visited_on,
//   guidance_called_on, level_on, level_seq}.
// Rules: S1, S2.
MATCH (w:Warning)
WHERE w.warning_id > $after
WITH w ORDER BY w.warning_id LIMIT $limit
RETURN w {.warning_id, .township_code, .status, .level, .issued_on, .due_on, .visited_on,
          .guidance_called_on, .level_on, .level_seq} AS warning
