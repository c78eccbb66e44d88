// A successful sign-in (or password change): the failure count ends, and a session starts
// (CONTRACT §5), only while the account is active (a disable in between wins).
// Parameters: $username, $session {sid, refresh_hash, expires_at, limit, client},
//   $rehash (a new password hash when the stored one has older parameters, else null),
//   $login (whether this is a sign-in: last_login_at).
// Returns: at most one row: sid.
// Rules: none (CONTRACT §5).
MATCH (a:Account {username: $username})
WHERE a.status = 'active'
SET a.failures = 0, a.locked_until = null,
    a.last_login_at = CASE WHEN $login THEN datetime() ELSE a.last_login_at END
FOREACH (h IN CASE WHEN $rehash IS NULL THEN [] ELSE [$rehash] END |
  SET a.password_hash = h, a.password_history = [h] + a.password_history[1..])
CREATE (a)-[:HAS_SESSION]->(s:Session)
SET s = $session, s.username = a.username, s.used_hashes = [], s.created_at = datetime()
RETURN s.sid AS sid
