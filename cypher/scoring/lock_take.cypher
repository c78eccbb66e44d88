// Gives the rescoring lock to $run_id, in the transaction of lock_holder.cypher that found it
// free or held by a run known to be dead; that run, if it was still queued or running, is
// marked interrupted with the reason (issue 14 item 10).
// Parameters: $run_id, $reason.
// Returns: run_id (the new holder).
// Rules: W7.
MATCH (l:RescoreLock {name: 'rescore'})
OPTIONAL MATCH (old:RescoreRun {run_id: l.run_id})
WHERE old.run_id <> $run_id AND old.status IN ['queued', 'running']
SET old.status = 'interrupted', old.error = $reason, old.finished_at = datetime()
SET l.run_id = $run_id, l.taken_at = datetime()
RETURN l.run_id AS run_id
