// Returns the subject of a discovery report (P4, W5): the household named, or the household
// a person named was a member of on $on (an open membership covering it, both ends
// included), if that household lies in the caller's region; and the warning named, if any.
// Parameters: $household_id (or null), $person_id (or null), $on (found_on),
//   $region_prefix (the caller's region), $warning_id (or null).
// Returns: one row: household_id, region_code (its village), warning {warning_id,
//   household_id, status, level, genuine, visited_on} or null; household_id null when there
//   is no such household (or the person had none on $on) in the caller's region.
// Rules: P4, W5, W6.
OPTIONAL MATCH (p:Person {person_id: $person_id})
OPTIONAL MATCH (p)-[m:MEMBER_OF]->(ph:Household)
WHERE m.from <= $on AND (m.to IS NULL OR m.to >= $on)
WITH ph ORDER BY m.from DESC LIMIT 1
OPTIONAL MATCH (hh:Household {household_id: $household_id})
WITH coalesce(hh, ph) AS h
WITH CASE WHEN h.region_code STARTS WITH $region_prefix THEN h END AS h
OPTIONAL MATCH (w:Warning {warning_id: $warning_id})
RETURN h.household_id AS household_id, h.region_code AS region_code,
       CASE WHEN w IS NULL THEN null
            ELSE w {.warning_id, .household_id, .status, .level, .genuine, .visited_on} END
         AS warning
