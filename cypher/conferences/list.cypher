// Returns a page of conferences of a region in conference_id order (GET /v1/conferences): a
// conference belongs to its subject's township (the relief case's, else the household's), or
// to its county alone when neither is known.
// Parameters: $region_prefix; $status ('draft', 'signed' or null: any); $cursor ('' for the
//   first page); $limit.
// Returns: one row per conference: conference {conference_id, county_code, township_code,
//   status, held_on, signed_on, amount, relief_id, household_id, person_id, departments,
//   decision}.
// Rules: R6.
MATCH (c:Conference)
WHERE coalesce(c.township_code, c.county_code) STARTS WITH $region_prefix
  AND c.conference_id > $cursor
  AND ($status IS NULL OR c.status = $status)
RETURN c {.conference_id, .county_code, .township_code, .status, .held_on, .signed_on,
          .amount, .relief_id, .household_id, .person_id, .departments, .decision}
         AS conference
ORDER BY c.conference_id
LIMIT $limit
