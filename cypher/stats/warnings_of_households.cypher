// Returns what the rollup counts of the open warnings of some households (S1, S2;
// stats.rollup.warning_cells): read in a rescoring batch's transaction before and after the
// batch, so that the batch's issues, escalations and moves reach the rollup in that
// transaction.
// Parameters: $household_ids.
// Returns: warning {warning_id, township_code, status, level, issued_on, due_on, visited_on,
//   guidance_called_on, level_on, level_seq}, one row per open warning.
// Rules: S1, S2, W6.
UNWIND $household_ids AS household_id
MATCH (w:Warning {open_key: household_id})
RETURN w {.warning_id, .township_code, .status, .level, .issued_on, .due_on, .visited_on,
          .guidance_called_on, .level_on, .level_seq} AS warning
