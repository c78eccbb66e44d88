// The second half of a delivery claim, in the transaction of claim_lock.cypher that holds the
// messages' write locks: reads them again (a statement of its own, so nothing read before the
// locks is reused) and leases to $token those still due and free until $lease_until. The only
// query that returns a webhook's secret: the worker signs with it and keeps it nowhere.
// Parameters: $message_ids (locked by claim_lock), $now, $token, $lease_until.
// Returns: message_id, body_json, attempts, webhook_id, url, secret of each message leased,
//   the longest due first.
MATCH (m:OutboxMessage)
WHERE m.message_id IN $message_ids AND m.status = 'pending' AND m.next_attempt_at <= $now
  AND (m.lease_until IS NULL OR m.lease_until <= $now)
MATCH (w:Webhook {webhook_id: m.webhook_id})
WHERE w.active
SET m.lease_until = $lease_until, m.lease_token = $token
RETURN m.message_id AS message_id, m.body_json AS body_json, m.attempts AS attempts,
       w.webhook_id AS webhook_id, w.url AS url, w.secret AS secret
ORDER BY m.next_attempt_at, message_id
