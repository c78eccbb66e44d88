// Records the start of a rescoring run (W7), or finds it again when a run with this id is
// resumed or was queued by POST /v1/rescore. A queued job gets its started_at here: without
// it the next incremental run found no last success and ran in full (issue 13 item 8); a
// resumed run keeps its first start, so that what changed while it ran is looked at again.
// Parameters: $run_id, $as_of, $mode, $ruleset, $dry_run, $total.
// Returns: run_id, status.
MERGE (r:RescoreRun {run_id: $run_id})
ON CREATE SET r.as_of = $as_of, r.mode = $mode, r.ruleset = $ruleset, r.dry_run = $dry_run,
              r.total = $total, r.done = 0, r.status = 'running', r.started_at = datetime(),
              r.heartbeat_at = datetime()
ON MATCH SET r.status = 'running', r.total = $total, r.heartbeat_at = datetime(),
             r.started_at = coalesce(r.started_at, datetime())
RETURN r.run_id AS run_id, r.status AS status
