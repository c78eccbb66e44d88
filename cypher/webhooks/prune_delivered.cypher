// Deletes up to $limit messages delivered before $before (the outbox is a queue, not an
// archive: the referral itself is the record of what was sent). Pending and dead messages are
// never pruned.
// Parameters: $before, $limit.
// Returns: one row, deleted.
MATCH (m:OutboxMessage {status: 'delivered'})
WHERE m.delivered_at < $before
WITH m LIMIT $limit
DELETE m
RETURN count(*) AS deleted
