// Returns how many events were loaded or changed since a moment: whether rescoring flags
// dependents in one transaction (flag_dependents) or slice by slice (flag_dependents_window).
// Parameters: $since (a datetime).
// Returns: events.
// Rules: W7 (incremental runs).
MATCH (e:Event)
WHERE e.updated_at > $since
RETURN count(e) AS events
