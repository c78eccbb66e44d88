// Queues a message in the caller's transaction (the transactional outbox: it commits or rolls
// back with the change it reports), for the department's most specific active webhook whose
// region covers the message's region (its prefix, I2). It is due at once. The webhook is named
// by id, not by a relationship: queuing then takes no lock on the webhook node, so referral
// transactions of one department do not wait for each other, and a webhook never becomes a
// dense node of every message it was sent.
// Parameters: $message_id (a uuid4), $topic, $department, $region (12 digits), $body_json (the
//   exact bytes every attempt posts, as text), $now.
// Returns: one row, message_id and webhook_id; no row when no active webhook of the
//   department covers the region (the department reads its referrals instead).
// Rules: P11, I2.
MATCH (w:Webhook {department: $department, active: true})
WHERE $region STARTS WITH w.prefix
WITH w ORDER BY size(w.prefix) DESC LIMIT 1
CREATE (m:OutboxMessage {message_id: $message_id, topic: $topic, department: $department,
                         region: $region, body_json: $body_json, webhook_id: w.webhook_id,
                         created_at: $now, next_attempt_at: $now, attempts: 0,
                         status: 'pending'})
RETURN m.message_id AS message_id, m.webhook_id AS webhook_id
