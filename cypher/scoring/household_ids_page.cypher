// Returns the next page of household ids after $after, in id order (keyset pagination on the
// unique index, so a full rescore never holds every id at once).
// Parameters: $after (a household id, '' for the first page), $limit.
// Returns: household_id.
MATCH (h:Household)
WHERE h.household_id > $after
RETURN h.household_id AS household_id
ORDER BY h.household_id
LIMIT $limit
