// Returns one outbox message as an operator looks at it: its body and delivery state, not its
// lease.
// Parameters: $message_id.
// Returns: one row (message_id, topic, department, region, body_json, status, attempts,
//   created_at, next_attempt_at, last_error, delivered_at, dead_at, webhook_id), or none.
MATCH (m:OutboxMessage {message_id: $message_id})
RETURN m.message_id AS message_id, m.topic AS topic, m.department AS department,
       m.region AS region, m.body_json AS body_json, m.status AS status,
       m.attempts AS attempts, m.created_at AS created_at,
       m.next_attempt_at AS next_attempt_at, m.last_error AS last_error,
       m.delivered_at AS delivered_at, m.dead_at AS dead_at, m.webhook_id AS webhook_id
