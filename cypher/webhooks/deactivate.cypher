// Stops a webhook: no new message is queued for it, and the messages it has pending stay
// pending, unclaimed, until the department registers again (claim_lock.cypher takes only
// messages of active webhooks), so that nothing is lost while a receiver is withdrawn.
// Parameters: $webhook_id, $now, $actor.
// Returns: the webhook's row (webhook_id, department, region, url, active, created_at,
//   updated_at), or no row when there is no such webhook.
// Rules: P11.
MATCH (w:Webhook {webhook_id: $webhook_id})
SET w.active = false, w.updated_at = $now, w.updated_by = $actor
RETURN w.webhook_id AS webhook_id, w.department AS department, w.region AS region,
       w.url AS url, w.active AS active, w.created_at AS created_at, w.updated_at AS updated_at
