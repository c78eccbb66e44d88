// Returns the registered webhooks, of one department or of all, without their secrets.
// Parameters: $department (or null: every department), $prefix (or null: every region; else
//   the webhooks whose region lies within the region of these significant digits, I2).
// Returns: webhook_id, department, region, url, active, created_at, updated_at; by department,
//   then region.
// Rules: P11.
MATCH (w:Webhook)
WHERE ($department IS NULL OR w.department = $department)
  AND ($prefix IS NULL OR w.region STARTS WITH $prefix)
RETURN w.webhook_id AS webhook_id, w.department AS department, w.region AS region,
       w.url AS url, w.active AS active, w.created_at AS created_at, w.updated_at AS updated_at
ORDER BY department, region
