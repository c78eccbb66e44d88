// Returns the village of each of a list of households, for routing a finding that names a
// household (X4: a screening finding) to its township (W5).
// Parameters: $household_ids (a list of household ids).
// Returns: one row per id that names a household: household_id, region_code.
// Rules: W5.
// Complexity: one seek on Household.household_id per id.
UNWIND $household_ids AS id
MATCH (h:Household {household_id: id})
RETURN h.household_id AS household_id, h.region_code AS region_code
