// Returns the ids of the region's households, for X3's walk of their enrolments in batches
// (integrity/x3_enrolments).
// Parameters: $region_prefix (the region's significant digits, I2).
// Returns: one row per household below the region: household_id.
// Rules: X3, I2.
// Complexity: one range seek on Household(region_code); no sort.
MATCH (h:Household)
WHERE h.region_code STARTS WITH $region_prefix
RETURN h.household_id AS household_id
