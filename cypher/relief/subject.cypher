// Returns what a relief case is filed under (R1, R4): the filing township (any subject, of any
// region: R1 sets no hukou or residence condition), the subject household or person, the
// household of a person on the day of the emergency (else their latest), the earlier cases of
// the same subject and cause in the same calendar year, and the cited case conference.
// Parameters: $township_code, $household_id, $person_id (exactly one non-null), $cause,
//   $year, $occurred_on, $conference_id (or null).
// Returns: one row, none when the township or the subject does not exist: household_id,
//   person_id, name (the person's, or null), same_cause [relief_id], conference (the node's
//   properties, or null).
// Rules: R1, R4, R6.
MATCH (t:Region {code: $township_code})
OPTIONAL MATCH (p:Person {person_id: $person_id})
OPTIONAL MATCH (hh:Household {household_id: $household_id})
WITH t, p, hh
WHERE (p IS NOT NULL) <> (hh IS NOT NULL)
WITH t, p, coalesce(hh,
       COLLECT { MATCH (p)-[m:MEMBER_OF]->(home:Household) WHERE m.from <= $occurred_on
                 RETURN home ORDER BY
                   CASE WHEN m.to IS NULL OR m.to >= $occurred_on THEN 0 ELSE 1 END, m.from DESC
                 LIMIT 1 }[0]) AS h
OPTIONAL MATCH (c:Conference {conference_id: $conference_id})
WITH t, p, h, c, coalesce(p, h) AS subject
RETURN h.household_id AS household_id, p.person_id AS person_id, p.name AS name,
       COLLECT { MATCH (r:Relief)-[:FOR]->(subject)
                 WHERE r.cause = $cause AND r.year = $year
                 RETURN r.relief_id ORDER BY r.relief_id } AS same_cause,
       CASE WHEN c IS NULL THEN null ELSE c {.*} END AS conference
