// Returns the dead-letter list: messages whose last allowed attempt failed, the oldest death
// first, without their bodies (an operator's list; a body may name persons).
// Parameters: $department (or null: every department), $prefix (or null: every region; else
//   the messages about a region within the one of these significant digits, I2), $limit.
// Returns: message_id, topic, department, region, attempts, last_error, created_at, dead_at,
//   webhook_id.
MATCH (m:OutboxMessage {status: 'dead'})
WHERE ($department IS NULL OR m.department = $department)
  AND ($prefix IS NULL OR m.region STARTS WITH $prefix)
RETURN m.message_id AS message_id, m.topic AS topic, m.department AS department,
       m.region AS region, m.attempts AS attempts, m.last_error AS last_error,
       m.created_at AS created_at, m.dead_at AS dead_at, m.webhook_id AS webhook_id
ORDER BY m.dead_at, m.message_id
LIMIT $limit
