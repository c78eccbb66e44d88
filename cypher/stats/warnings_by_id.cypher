// Returns what the rollup counts of some warnings, by id (S1, S2; stats.rollup.warning_cells):
// read in a verification's, a guidance call's or a deadline recount's transaction before
// and after its write.
// Parameters: $warning_ids.
// Returns: warning {warning_id, township_code, status, level, issued_on, due_on, visited_on,
//   guidance_called_on, level_on, level_seq}, one row per warning found.
// Rules: S1, S2, W4, W6.
UNWIND $warning_ids AS warning_id
MATCH (w:Warning {warning_id: warning_id})
RETURN w {.warning_id, .township_code, .status, .level, .issued_on, .due_on, .visited_on,
          .guidance_called_on, .level_on, .level_seq} AS warning
