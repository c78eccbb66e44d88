// Returns what an application's intake and its steps check about the household (P1, P2, E1,
// W5): the household if it lies in the caller's region, its village, and its members on $on
// (an open membership covering $on, both ends included), with the facts E1 counts them by.
// Parameters: $household_id, $region_prefix (the caller's region), $on (a date).
// Returns: one row, none when the household does not exist or lies outside the region:
//   household_id, region_code (the village), hukou, members [{person_id, name, relation,
//   legal_status, death_date}] ordered by person_id.
// Rules: P1, P2, E1, W5.
MATCH (h:Household {household_id: $household_id})
WHERE h.region_code STARTS WITH $region_prefix
RETURN h.household_id AS household_id, h.region_code AS region_code, h.hukou AS hukou,
       COLLECT {
         MATCH (p:Person)-[m:MEMBER_OF]->(h)
         WHERE m.from <= $on AND (m.to IS NULL OR m.to >= $on)
         RETURN p {.person_id, .name, .legal_status, .death_date, relation: m.relation}
         ORDER BY p.person_id
       } AS members
