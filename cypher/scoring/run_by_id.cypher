// Returns one rescoring run (a job of POST /v1/rescore) by id, or no row.
// Parameters: $run_id.
// Returns: run_id, status, total, done, counts_json, as_of, mode, ruleset, error.
MATCH (r:RescoreRun {run_id: $run_id})
RETURN r.run_id AS run_id, r.status AS status, r.total AS total, r.done AS done,
       r.counts_json AS counts_json, r.as_of AS as_of, r.mode AS mode, r.ruleset AS ruleset,
       r.error AS error
