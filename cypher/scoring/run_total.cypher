// Records how many households a run will look at, once it holds the lock and knows (W7).
// Parameters: $run_id, $total.
// Returns: run_id.
MATCH (r:RescoreRun {run_id: $run_id})
SET r.total = $total
RETURN r.run_id AS run_id
