// Returns a township's standby fund (R5): its balance and every entry in the order posted.
// Parameters: $township_code.
// Returns: one row: balance (0 for a fund without entries), entries [{entry_id, on, kind,
//   amount, relief_id, note, by}] in the order posted (seq).
// Rules: R5.
OPTIONAL MATCH (f:Fund {township_code: $township_code})
RETURN coalesce(f.balance_fen, 0) / 100.0 AS balance,
       COLLECT { MATCH (f)-[:HAS_ENTRY]->(e:FundEntry)
                 WITH e ORDER BY e.seq
                 RETURN e {.entry_id, .on, .kind, .amount, .relief_id, .note, .by} } AS entries
