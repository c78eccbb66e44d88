// Renews a running run's heartbeat (issue 14 item 10), from a thread of its process while
// the run lasts, as long as the run holds the rescoring lock.
// Parameters: $run_id.
// Returns: holds (the run still holds the lock).
// Rules: W7.
MATCH (r:RescoreRun {run_id: $run_id})
OPTIONAL MATCH (l:RescoreLock {name: 'rescore'})
WITH r, coalesce(l.run_id = $run_id, false) AS holds
FOREACH (_ IN CASE WHEN holds THEN [1] ELSE [] END | SET r.heartbeat_at = datetime())
RETURN holds
