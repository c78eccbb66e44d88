// Creates a township's standby fund node on first use (R5), before any entry is posted: the
// posting statement then only MATCHes it, and takes nothing but that node's write lock, so
// concurrent postings queue on it instead of deadlocking on a MERGE's lock upgrade.
// Parameters: $township_code.
// Returns: one row: township_code.
// Rules: R5.
MERGE (f:Fund {township_code: $township_code})
  ON CREATE SET f.balance_fen = 0, f.version = 0, f.created_at = datetime()
RETURN f.township_code AS township_code
