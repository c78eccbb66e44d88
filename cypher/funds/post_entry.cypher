// Posts one entry to a township's standby fund (R5) under the fund node's lock (the node is
// made by funds/ensure_fund first): the balance is read after the lock is taken, and a
// payment that would take it below zero writes nothing. Entries are created, never changed or
// deleted; `seq` numbers them in the order posted.
// Parameters: $township_code, $entry {entry_id, on, kind ('allocation', 'payment', 'return'),
//   amount (> 0, yuan), relief_id (payments and returns) or null, note, by}, $fen (the amount
//   in whole fen: the balance is kept in fen, exactly, since floats of yuan drift).
// Returns: one row: posted (false when a payment would overdraw), balance (after, or as it
//   stays), entry_id.
// Rules: R5.
MATCH (f:Fund {township_code: $township_code})
// Taking the lock: every writer of this fund waits here for the one before it.
SET f.version = f.version + 1
WITH f, CASE $entry.kind WHEN 'payment' THEN -$fen ELSE $fen END AS delta
WITH f, delta, f.balance_fen + delta >= 0 AS posted
CALL (f, delta, posted) {
  WITH f, delta, posted
  WHERE posted
  CREATE (f)-[:HAS_ENTRY]->(e:FundEntry)
  SET e = $entry, e.township_code = f.township_code, e.seq = f.version,
      e.recorded_at = datetime()
  SET f.balance_fen = f.balance_fen + delta
}
RETURN posted, f.balance_fen / 100.0 AS balance, $entry.entry_id AS entry_id
