// Records the end of a run: status (succeeded or failed), error, final counts (W7).
// Parameters: $run_id, $status, $error, $counts_json, $done.
// Returns: run_id.
MATCH (r:RescoreRun {run_id: $run_id})
SET r.status = $status, r.error = $error, r.counts_json = $counts_json, r.done = $done,
    r.finished_at = datetime(), r.heartbeat_at = datetime()
RETURN r.run_id AS run_id
