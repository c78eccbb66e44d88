// Returns one conference as it now is: its properties, its timeline (oldest first), and the
// subject of its relief case (for the referrals its signature sends, P11).
// Parameters: $conference_id, $region_prefix (the caller's).
// Returns: one row, none outside the caller's region: conference (every property), steps
//   (every CaseStep, by seq), relief ({relief_id, township_code, household_id, person_id}
//   of the ON_CASE relief or of a Relief node with its relief_id, or null).
// Rules: R6, P12.
MATCH (c:Conference {conference_id: $conference_id})
WHERE coalesce(c.township_code, c.county_code) STARTS WITH $region_prefix
OPTIONAL MATCH (r:Relief {relief_id: c.relief_id})
RETURN c {.*} AS conference,
       COLLECT { MATCH (c)-[:HAS_STEP]->(s:CaseStep) WITH s ORDER BY s.seq RETURN s {.*} }
         AS steps,
       CASE WHEN r IS NULL THEN null
            ELSE r {.relief_id, .township_code, .household_id, .person_id} END AS relief
