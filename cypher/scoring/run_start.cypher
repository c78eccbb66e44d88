// Records the start of a rescoring run (W7), in the transaction that gave it the rescoring
// lock, or finds it again when the run was queued by POST /v1/rescore. A queued job gets its
// started_at here: without it the next incremental run found no last success and ran in full
// (issue 13 item 8). The process running it becomes its owner (issue 14 item 10).
// Parameters: $run_id, $as_of, $mode, $ruleset, $dry_run, $total, $region, $owner_kind,
//   $owner_host, $owner_pid, $owner_token.
// Returns: run_id, status.
MERGE (r:RescoreRun {run_id: $run_id})
ON CREATE SET r.as_of = $as_of, r.mode = $mode, r.ruleset = $ruleset, r.dry_run = $dry_run,
              r.total = $total, r.done = 0, r.status = 'running', r.started_at = datetime(),
              r.region = $region
ON MATCH SET r.status = 'running', r.total = $total,
             r.started_at = coalesce(r.started_at, datetime())
SET r.heartbeat_at = datetime(), r.owner_kind = $owner_kind, r.owner_host = $owner_host,
    r.owner_pid = $owner_pid, r.owner_token = $owner_token
RETURN r.run_id AS run_id, r.status AS status
