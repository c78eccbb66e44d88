// The first half of a delivery claim: takes the write locks of up to $limit due messages
// (pending, next_attempt_at reached, no live lease) of active webhooks, the longest due first.
// The SET takes each node's write lock before anything else reads it, so a second claimer
// that selected the same messages waits here until this transaction ends (Neo4j's lost-update
// pattern, as scoring/lock_holder.cypher). claim_lease.cypher then reads them again, in a
// statement of its own under these locks, and leases those still free: the second claimer
// finds them leased and leaves them, so no message is sent by two workers in one round.
// Parameters: $now, $limit.
// Returns: message_id of each message locked.
MATCH (m:OutboxMessage {status: 'pending'})
WHERE m.next_attempt_at <= $now AND (m.lease_until IS NULL OR m.lease_until <= $now)
  AND EXISTS { MATCH (w:Webhook {webhook_id: m.webhook_id}) WHERE w.active }
WITH m ORDER BY m.next_attempt_at, m.message_id LIMIT $limit
SET m.claim_lock = true
REMOVE m.claim_lock
RETURN m.message_id AS message_id
