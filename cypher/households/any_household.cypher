// Returns one row if the database holds at least one household, else none (for `hhgraph demo`).
// Parameters: none.
MATCH (h:Household)
RETURN h.household_id AS household_id
LIMIT 1
