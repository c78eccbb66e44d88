// Records a failed attempt (an answer other than 2xx, a timeout, no connection): the message
// is due again at $next_attempt_at (the backoff), or dead after its last allowed attempt (the
// dead-letter list). Only by the worker that still holds its lease ($token): one whose lease
// ran out must not overwrite the state of the worker that took the message over.
// Parameters: $message_id, $token, $attempts (this attempt's number), $status ('pending' or
//   'dead'), $next_attempt_at, $error, $http_status (or null), $now.
// Returns: one row, status, when the lease was still held; none otherwise.
MATCH (m:OutboxMessage {message_id: $message_id})
WHERE m.status = 'pending' AND m.lease_token = $token
SET m.attempts = $attempts, m.status = $status, m.next_attempt_at = $next_attempt_at,
    m.last_error = $error, m.last_status = $http_status, m.last_attempt_at = $now,
    m.dead_at = CASE WHEN $status = 'dead' THEN $now END,
    m.lease_until = null, m.lease_token = null
RETURN m.status AS status
