// Rescoring runs and open warnings: the index incremental rescoring uses to find warnings
// closed since the last run (their events stop counting, W6; issue 13 item 8), and the
// uniqueness constraints that keep one open warning per household and one run at a time
// (issue 14 item 3).
// Rules: W6, W7.
CREATE RANGE INDEX warning_closed_at IF NOT EXISTS
FOR (w:Warning) ON (w.closed_at);

// At most one open warning per household, kept by the store itself (W6; issue 14 item 3:
// two runs at once gave 1,321 households two open warnings). Community Edition has only
// uniqueness constraints, so an open warning carries open_key = its household id, removed
// when it is closed; a closed warning has none, and absent values are not constrained.
CREATE CONSTRAINT warning_open_key IF NOT EXISTS
FOR (w:Warning) REQUIRE w.open_key IS UNIQUE;

// The one rescoring lock (issue 14 item 3): one node, taken by setting its run_id in a
// write transaction (scoring/lock_holder.cypher), across every process.
CREATE CONSTRAINT rescore_lock_name IF NOT EXISTS
FOR (l:RescoreLock) REQUIRE l.name IS UNIQUE;
