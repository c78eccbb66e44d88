// Indexes for incremental rescoring over the moving window (issue 13 item 8): warnings
// closed since the last run (their events stop counting, W6).
// Rules: W6, W7.
CREATE RANGE INDEX warning_closed_at IF NOT EXISTS
FOR (w:Warning) ON (w.closed_at);
