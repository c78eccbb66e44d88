// Department webhooks and their outbox (issue 18): one webhook per department and region,
// message ids unique (the id a receiver deduplicates on), and the index the delivery's claim
// and the dead-letter list read messages by (status, then due time).
// Rules: P11.
CREATE CONSTRAINT webhook_id IF NOT EXISTS
FOR (w:Webhook) REQUIRE w.webhook_id IS UNIQUE;

CREATE CONSTRAINT webhook_department_region IF NOT EXISTS
FOR (w:Webhook) REQUIRE (w.department, w.region) IS UNIQUE;

CREATE CONSTRAINT outbox_message_id IF NOT EXISTS
FOR (m:OutboxMessage) REQUIRE m.message_id IS UNIQUE;

CREATE RANGE INDEX outbox_status_due IF NOT EXISTS
FOR (m:OutboxMessage) ON (m.status, m.next_attempt_at);
