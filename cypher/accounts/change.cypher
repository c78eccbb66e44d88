// Changes an account (CONTRACT §5: disable, reset, a new password, a second factor) under
// its lock (`version`), and ends its live sessions when `$end_sessions`.
// Parameters: $username, $changes (a map of properties the accounts package whitelists),
//   $by (who changes it), $end_sessions (bool), $why (the sessions' revoked_why).
// Returns: at most one row: account (every property, after), ended (sessions ended).
// Rules: none (CONTRACT §5).
MATCH (a:Account {username: $username})
SET a.version = a.version + 1
SET a += $changes, a.updated_at = datetime(), a.updated_by = $by
WITH a
CALL (a) {
  OPTIONAL MATCH (a)-[:HAS_SESSION]->(s:Session)
  WHERE $end_sessions AND s.revoked_at IS NULL
  SET s.revoked_at = datetime(), s.revoked_why = $why
  RETURN count(s) AS ended
}
RETURN properties(a) AS account, ended
