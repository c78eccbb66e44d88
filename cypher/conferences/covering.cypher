// Returns the signed conferences of a county that may cover a relief case or a subject (R4:
// above the caps only through a conference, R6; X8): those held on the case, and those held
// on the subject before any filing (no relief_id). `conferences.plan.covers` decides.
// Parameters: $county_code; $relief_id, $household_id, $person_id (each may be null).
// Returns: one row per candidate: conference {conference_id, county_code, status, signed_on,
//   held_on, amount, relief_id, household_id, person_id}, oldest signature first.
// Rules: R6, R4, X8.
CALL () {
  MATCH (c:Conference {relief_id: $relief_id}) RETURN c
  UNION
  MATCH (c:Conference {household_id: $household_id}) RETURN c
  UNION
  MATCH (c:Conference {person_id: $person_id}) RETURN c
}
WITH c
WHERE c.county_code = $county_code AND c.status = 'signed'
RETURN c {.conference_id, .county_code, .status, .signed_on, .held_on, .amount, .relief_id,
          .household_id, .person_id} AS conference
ORDER BY c.signed_on, c.conference_id
