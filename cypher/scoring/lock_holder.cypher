// Takes the write lock of the one rescoring lock node (created by the first run ever) and
// returns the run that holds it, with what tells whether that run is still alive (one run at
// a time across processes, CLI and API: issue 14 items 3 and 10). The SET takes the node's
// write lock before the holder is read, so two transactions that both want the lock read it
// one after the other, never both as free (Neo4j's lost-update pattern); the uniqueness
// constraint on RescoreLock.name makes MERGE create the node once, even from two at once.
// Parameters: $allowance_s (seconds within which a live run's heartbeat is renewed).
// Returns: one row: holder (a run_id, or null when free), status, owner_host, owner_pid,
//   owner_token of the holding run, stale (its heartbeat is older than the allowance).
// Rules: W6, W7.
MERGE (l:RescoreLock {name: 'rescore'})
SET l.checked_at = datetime()
WITH l
OPTIONAL MATCH (r:RescoreRun {run_id: l.run_id})
RETURN l.run_id AS holder, r.status AS status, r.owner_host AS owner_host,
       r.owner_pid AS owner_pid, r.owner_token AS owner_token,
       coalesce(r.heartbeat_at < datetime() - duration({seconds: $allowance_s}), true) AS stale
