// Records a queued rescoring job (POST /v1/rescore) before it starts (W7).
// Parameters: $run_id, $as_of, $mode, $ruleset.
// Returns: run_id.
MERGE (r:RescoreRun {run_id: $run_id})
ON CREATE SET r.as_of = $as_of, r.mode = $mode, r.ruleset = $ruleset, r.dry_run = false,
              r.status = 'queued', r.total = 0, r.done = 0, r.queued_at = datetime()
RETURN r.run_id AS run_id
