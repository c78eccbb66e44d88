// Marks runs interrupted (their process is known dead: issue 14 item 10) and gives back the
// rescoring lock if one of them holds it, so that a new run may start at once.
// Parameters: $run_ids, $reason.
// Returns: interrupted (how many runs were marked).
// Rules: W7.
OPTIONAL MATCH (l:RescoreLock {name: 'rescore'})
WHERE l.run_id IN $run_ids
SET l.run_id = null, l.released_at = datetime()
WITH count(l) AS released
MATCH (r:RescoreRun)
WHERE r.run_id IN $run_ids AND r.status IN ['queued', 'running']
SET r.status = 'interrupted', r.error = $reason, r.finished_at = datetime()
RETURN count(r) AS interrupted
