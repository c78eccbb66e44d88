// Records a delivery the receiver answered with a 2xx: the message is delivered and leaves the
// queue. Also when this worker's lease ran out meanwhile: the receiver has it, and the
// worker that took it over then finds it delivered and records nothing.
// Parameters: $message_id, $now, $http_status.
// Returns: one row, message_id, when the message was pending; none otherwise.
MATCH (m:OutboxMessage {message_id: $message_id})
WHERE m.status = 'pending'
SET m.status = 'delivered', m.delivered_at = $now, m.attempts = m.attempts + 1,
    m.last_attempt_at = $now, m.last_status = $http_status, m.last_error = null,
    m.lease_until = null, m.lease_token = null
RETURN m.message_id AS message_id
