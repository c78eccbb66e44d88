// Returns what a conference is about (R6): the subject household (a person's: the household
// they were a member of on the conference day) and the relief case, where each is named.
// Parameters: $household_id, $person_id, $relief_id (each may be null), $on (held_on).
// Returns: one row: household_id, region_code (the household's village; null when no
//   household or person was named, or the one named does not exist), relief_found (bool),
//   relief_township (the relief case's township_code, or null).
// Rules: R6, R1, W5.
OPTIONAL MATCH (p:Person {person_id: $person_id})-[m:MEMBER_OF]->(ph:Household)
  WHERE m.from <= $on AND (m.to IS NULL OR m.to >= $on)
OPTIONAL MATCH (hh:Household {household_id: $household_id})
OPTIONAL MATCH (r:Relief {relief_id: $relief_id})
WITH coalesce(hh, ph) AS h, r
RETURN h.household_id AS household_id, h.region_code AS region_code,
       r IS NOT NULL AS relief_found, r.township_code AS relief_township
LIMIT 1
