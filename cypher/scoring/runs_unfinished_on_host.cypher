// Returns the runs still queued or running whose owning process ran on $host: those a
// restarted API checks for orphans (issue 14 item 10).
// Parameters: $host.
// Returns: run_id, owner_pid, owner_token.
// Rules: W7.
MATCH (r:RescoreRun)
WHERE r.status IN ['queued', 'running'] AND r.owner_host = $host
RETURN r.run_id AS run_id, r.owner_pid AS owner_pid, r.owner_token AS owner_token
