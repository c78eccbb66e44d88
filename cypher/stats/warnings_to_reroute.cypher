// Returns the ids of the open warnings whose household now sits in a village of another
// township (W5): the warnings `warnings/reroute_open` is about to move, read in its
// transaction so that the rollup moves their counts with them (S1, S2).
// Parameters: none.
// Returns: warning_ids.
// Rules: S1, W5.
MATCH (w:Warning {status: 'open'})-[:FOR_HOUSEHOLD]->(h:Household)
WHERE w.township_code <> left(h.region_code, 9) + '000'
RETURN collect(w.warning_id) AS warning_ids
