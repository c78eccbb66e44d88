// Returns how many households there are (a full rescore's total, for its progress).
// Parameters: none.
// Returns: households.
MATCH (h:Household)
RETURN count(h) AS households
