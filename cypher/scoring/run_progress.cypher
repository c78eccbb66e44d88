// Records a run's progress after a batch: households done and the counts by level so far,
// and renews its heartbeat, as long as the run still holds the rescoring lock. A run that
// lost it (taken over once it looked dead, issue 14 item 10) stops at once.
// Parameters: $run_id, $done, $counts_json.
// Returns: holds (the run still holds the lock).
// Rules: W7.
MATCH (r:RescoreRun {run_id: $run_id})
OPTIONAL MATCH (l:RescoreLock {name: 'rescore'})
WITH r, coalesce(l.run_id = $run_id, false) AS holds
FOREACH (_ IN CASE WHEN holds THEN [1] ELSE [] END |
  SET r.done = $done, r.counts_json = $counts_json, r.heartbeat_at = datetime())
RETURN holds
