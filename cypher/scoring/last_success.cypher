// Returns the last successful run that wrote warnings (not a dry run): when it started, its
// as-of date and its ruleset version, or no row. Incremental rescoring looks at what changed
// since that start and at the events whose occurred_on entered or left the window between
// that as-of date and its own (W2, W7; issue 13 item 8).
// Parameters: none.
// Returns: started_at, as_of, ruleset.
// Rules: W2, W7.
MATCH (r:RescoreRun {status: 'succeeded'})
WHERE NOT r.dry_run AND r.started_at IS NOT NULL
RETURN r.started_at AS started_at, r.as_of AS as_of, r.ruleset AS ruleset
ORDER BY started_at DESC
LIMIT 1
