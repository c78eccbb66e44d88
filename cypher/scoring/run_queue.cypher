// Records a queued rescoring job (POST /v1/rescore) before it starts (W7), in the transaction
// that gave it the rescoring lock: its region (the caller's), and the process that owns it
// (host, pid, a token of that process' life) so that it can be known dead (issue 14 item 10).
// Parameters: $run_id, $as_of, $mode, $ruleset, $region, $owner_kind, $owner_host,
//   $owner_pid, $owner_token.
// Returns: run_id.
MERGE (r:RescoreRun {run_id: $run_id})
ON CREATE SET r.as_of = $as_of, r.mode = $mode, r.ruleset = $ruleset, r.dry_run = false,
              r.status = 'queued', r.total = 0, r.done = 0, r.queued_at = datetime(),
              r.heartbeat_at = datetime(), r.region = $region, r.owner_kind = $owner_kind,
              r.owner_host = $owner_host, r.owner_pid = $owner_pid,
              r.owner_token = $owner_token
RETURN r.run_id AS run_id
