// Returns a page of household ids in id order (stats.rebuild counts the rollup's group
// cells again page by page, a transaction each: feasible at 1M households).
// Parameters: $after (the last id of the previous page, '' at first); $limit.
// Returns: household_ids (at most $limit, ascending; empty after the last page).
// Rules: S1, S2.
MATCH (h:Household)
WHERE h.household_id > $after
WITH h.household_id AS id ORDER BY id LIMIT $limit
RETURN collect(id) AS household_ids
