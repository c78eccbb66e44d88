// Returns the start time of the last successful run that wrote warnings (not a dry run),
// or no row: incremental rescoring looks at what changed since then (W7).
// Parameters: none.
// Returns: started_at.
MATCH (r:RescoreRun {status: 'succeeded'})
WHERE NOT r.dry_run
RETURN r.started_at AS started_at
ORDER BY started_at DESC
LIMIT 1
