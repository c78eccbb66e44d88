// Records a run's progress after a batch: households done and the counts by level so far.
// Parameters: $run_id, $done, $counts_json.
// Returns: run_id.
MATCH (r:RescoreRun {run_id: $run_id})
SET r.done = $done, r.counts_json = $counts_json, r.heartbeat_at = datetime()
RETURN r.run_id AS run_id
