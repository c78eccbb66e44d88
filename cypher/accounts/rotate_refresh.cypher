// Uses a refresh token (CONTRACT §5): when the presented hash is the session's current one,
// it is replaced by `$new_hash` and kept among the used ones; when it is a used one, this is
// a reuse (a stolen token, or the holder's old copy) and the whole session is revoked.
// Parameters: $sid, $hash (SHA-256 of the presented token), $new_hash.
// Returns: one row: outcome ('rotated', 'reused', 'expired' or 'unknown'), account (every
//   property, for the new access token's claims), limit.
// Rules: none (CONTRACT §5).
OPTIONAL MATCH (a:Account)-[:HAS_SESSION]->(s:Session {sid: $sid})
WITH a, s,
     CASE
       WHEN s IS NULL THEN 'unknown'
       WHEN s.refresh_hash = $hash AND s.revoked_at IS NULL AND s.expires_at > datetime()
         THEN 'rotated'
       WHEN $hash IN s.used_hashes OR s.refresh_hash = $hash THEN
         CASE WHEN s.revoked_at IS NULL AND s.expires_at > datetime() THEN 'reused'
              ELSE 'expired' END
       ELSE 'unknown'
     END AS outcome
FOREACH (_ IN CASE WHEN outcome = 'rotated' THEN [1] ELSE [] END |
  SET s.used_hashes = s.used_hashes + s.refresh_hash, s.refresh_hash = $new_hash,
      s.last_used_at = datetime())
FOREACH (_ IN CASE WHEN outcome = 'reused' THEN [1] ELSE [] END |
  SET s.revoked_at = datetime(), s.revoked_why = 'refresh_reused')
RETURN outcome, properties(a) AS account, s.limit AS limit
