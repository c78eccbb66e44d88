// Whether a session is live, for the check of every access token that names one (one
// indexed read on the unique sid; docs/security.md says why not a cache).
// Parameters: $sid.
// Returns: one row: live, limit (null, 'password' or 'otp').
// Rules: none (CONTRACT §5).
OPTIONAL MATCH (s:Session {sid: $sid})
RETURN s IS NOT NULL AND s.revoked_at IS NULL AND s.expires_at > datetime() AS live,
       s.limit AS limit
