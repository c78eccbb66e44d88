// Lifts a session's limit once its holder did what it waited for (the second factor
// enrolled), so that the holder's next token check finds a full session.
// Parameters: $sid, $limit (the limit to lift: only that one is lifted).
// Returns: one row: lifted.
// Rules: none (CONTRACT §5).
OPTIONAL MATCH (s:Session {sid: $sid})
WHERE s.limit = $limit AND s.revoked_at IS NULL
REMOVE s.limit
RETURN s IS NOT NULL AS lifted
