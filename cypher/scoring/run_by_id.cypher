// Returns one rescoring run (a job of POST /v1/rescore) by id, or no row.
// Parameters: $run_id, $allowance_s (seconds within which a live run's heartbeat is renewed).
// Returns: run_id, status, total, done, counts_json, as_of, mode, ruleset, error, region
//   (null: a run from before runs had one, the province), heartbeat_at, stale (its heartbeat
//   is older than the allowance), owner_host, owner_pid, owner_token.
// Rules: W7.
MATCH (r:RescoreRun {run_id: $run_id})
RETURN r.run_id AS run_id, r.status AS status, r.total AS total, r.done AS done,
       r.counts_json AS counts_json, r.as_of AS as_of, r.mode AS mode, r.ruleset AS ruleset,
       r.error AS error, r.region AS region, r.heartbeat_at AS heartbeat_at,
       coalesce(r.heartbeat_at < datetime() - duration({seconds: $allowance_s}), true) AS stale,
       r.owner_host AS owner_host, r.owner_pid AS owner_pid, r.owner_token AS owner_token
