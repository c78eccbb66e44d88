// Returns the case conferences that bear on one relief case (R4, R6): those held on it
// (`relief_id`) and the one cited at its filing (`conference_id`), signed or not; the caller
// keeps the signed ones of the case's county (relief.limits.Conference).
// Parameters: $relief_id, $conference_id (or null).
// Returns: one row per conference: conference {conference_id, county_code, status, amount,
//   relief_id, household_id, person_id}.
// Rules: R4, R6.
MATCH (c:Conference)
WHERE c.relief_id = $relief_id OR c.conference_id = $conference_id
RETURN c {.conference_id, .county_code, .status, .amount, .relief_id, .household_id,
          .person_id} AS conference
ORDER BY c.conference_id
