// Returns the next page of household ids after $after, in id order (keyset pagination on the
// unique index, so a full rescore never holds every id at once).
// Parameters: $after (a household id, '' for the first page), $limit.
// Returns: one row, household_ids: the page, in order (one record, not one per id: decoding
// 2,000 records took the rescoring's main thread ~35 ms a page, 1.7 s of a 3 s full run at
// 100k households, while the batch workers waited for the next page).
MATCH (h:Household)
WHERE h.household_id > $after
WITH h.household_id AS household_id
ORDER BY household_id
LIMIT $limit
RETURN collect(household_id) AS household_ids
