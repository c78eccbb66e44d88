// Gives a dead message a new life: pending, due at $now, with the full number of attempts
// again (its last error stays, for the record, until the next attempt replaces it).
// Parameters: $message_id, $now, $actor (who requeued it, or null).
// Returns: one row, message_id, when the message was dead; none otherwise (no such message,
//   or it is pending or delivered: requeuing those would send them again).
MATCH (m:OutboxMessage {message_id: $message_id})
WHERE m.status = 'dead'
SET m.status = 'pending', m.attempts = 0, m.next_attempt_at = $now, m.dead_at = null,
    m.requeued_at = $now, m.requeued_by = $actor
RETURN m.message_id AS message_id
