// Moves every open warning whose household now sits in a village of another township to
// that township (W5, CONTRACT §3: an open warning follows its household; issue 13 item 7).
// The work queue already finds warnings through the household's village (list.cypher); this
// keeps the stored township_code true for every other reader. Run after a households load.
// Parameters: none.
// Returns: rerouted (how many warnings moved).
// Rules: W5.
MATCH (w:Warning {status: 'open'})-[:FOR_HOUSEHOLD]->(h:Household)
WITH w, left(h.region_code, 9) + '000' AS township
WHERE w.township_code <> township
SET w.township_code = township, w.updated_at = datetime()
RETURN count(w) AS rerouted
