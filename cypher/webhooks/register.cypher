// Registers a department's webhook for a region, or gives the one it has there a new URL and a
// new secret (one per department and region: the webhook_department_region constraint, which
// also makes two registrations at once create one node), and makes it active. A message queued
// for it and not yet delivered goes to the new URL, signed with the new secret. The secret is
// written here and never returned: only the delivery's claim reads it (claim_lease.cypher).
// Parameters: $webhook_id (kept only when the webhook is new), $department, $region (12
//   digits), $prefix (the region's significant digits, I2), $url, $secret, $now, $actor (who
//   registered it, or null).
// Returns: one row: webhook_id, department, region, url, active, created_at, updated_at.
// Rules: P11, I2.
MERGE (w:Webhook {department: $department, region: $region})
ON CREATE SET w.webhook_id = $webhook_id, w.created_at = $now
SET w.prefix = $prefix, w.url = $url, w.secret = $secret, w.active = true,
    w.updated_at = $now, w.updated_by = $actor
RETURN w.webhook_id AS webhook_id, w.department AS department, w.region AS region,
       w.url AS url, w.active AS active, w.created_at AS created_at, w.updated_at AS updated_at
