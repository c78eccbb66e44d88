// Returns what a conference is about (R6): the subject household (a person's: the household
// they were a member of on the conference day) and the relief case, where each is named, and
// the household of the relief case's subject (its household, else its person's on the
// conference day), whom the tasks are referred about when the conference names no subject.
// Parameters: $household_id, $person_id, $relief_id (each may be null), $on (held_on).
// Returns: one row: household_id, region_code (the household's village; null when no
//   household or person was named, or the one named does not exist), relief_found (bool),
//   relief_township (the relief case's township_code, or null), relief_household and
//   relief_region (the relief subject's household and its village, or null: no case, no
//   subject recorded, or a person in no household that day).
// Rules: R6, R1, W5, P11.
OPTIONAL MATCH (p:Person {person_id: $person_id})-[m:MEMBER_OF]->(ph:Household)
  WHERE m.from <= $on AND (m.to IS NULL OR m.to >= $on)
OPTIONAL MATCH (hh:Household {household_id: $household_id})
OPTIONAL MATCH (r:Relief {relief_id: $relief_id})
WITH coalesce(hh, ph) AS h, r
LIMIT 1
OPTIONAL MATCH (rh:Household {household_id: r.household_id})
OPTIONAL MATCH (:Person {person_id: r.person_id})-[rm:MEMBER_OF]->(rph:Household)
  WHERE rm.from <= $on AND (rm.to IS NULL OR rm.to >= $on)
WITH h, r, coalesce(rh, rph) AS home
RETURN h.household_id AS household_id, h.region_code AS region_code,
       r IS NOT NULL AS relief_found, r.township_code AS relief_township,
       home.household_id AS relief_household, home.region_code AS relief_region
LIMIT 1
