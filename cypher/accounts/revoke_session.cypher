// Ends one session (logout): its access tokens stop working at once, its refresh token too.
// Parameters: $sid, $why.
// Returns: one row: revoked (whether a live session ended now).
// Rules: none (CONTRACT §5).
OPTIONAL MATCH (s:Session {sid: $sid})
WHERE s.revoked_at IS NULL
SET s.revoked_at = datetime(), s.revoked_why = $why
RETURN s IS NOT NULL AS revoked
