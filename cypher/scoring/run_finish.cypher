// Records the end of a run: status (succeeded or failed), error, final counts (W7), and
// gives the rescoring lock back. A run marked interrupted (another run took the lock once it
// looked dead, issue 14 item 10) stays interrupted, and the lock stays with its new holder.
// Parameters: $run_id, $status, $error, $counts_json, $done.
// Returns: run_id, status.
MATCH (r:RescoreRun {run_id: $run_id})
WITH r, r.status = 'interrupted' AS interrupted
SET r.status = CASE WHEN interrupted THEN r.status ELSE $status END,
    r.error = CASE WHEN interrupted THEN r.error ELSE $error END,
    r.counts_json = $counts_json, r.done = $done,
    r.finished_at = coalesce(r.finished_at, datetime()), r.heartbeat_at = datetime()
WITH r
OPTIONAL MATCH (l:RescoreLock {name: 'rescore', run_id: $run_id})
SET l.run_id = null, l.released_at = datetime()
RETURN r.run_id AS run_id, r.status AS status
