// Returns one registered webhook, without its secret (the routes check the caller's
// department and region on it before they stop it).
// Parameters: $webhook_id.
// Returns: one row (webhook_id, department, region, url, active, created_at, updated_at), or
//   none.
// Rules: P11.
MATCH (w:Webhook {webhook_id: $webhook_id})
RETURN w.webhook_id AS webhook_id, w.department AS department, w.region AS region,
       w.url AS url, w.active AS active, w.created_at AS created_at, w.updated_at AS updated_at
