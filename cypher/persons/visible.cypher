// Returns which of the persons an answer names the caller may see, decided as everywhere
// (issue 14 item 7; cypher/persons/supporters.cypher): a person belongs to the region of the
// household of their latest membership begun on or before today in China (UTC+8, the
// database's clock), even when it has ended (a person who died or left stays where they were
// last); visible when its region code starts with $region_prefix; a person with no such
// membership is visible only to a province-level caller. Whatever as-of date the answer is
// for: the facts it shows of a person are today's (the means test of an earlier date).
// Parameters: $person_ids (resident ids), $region_prefix (the caller's region).
// Returns: one row: visible (those of $person_ids that exist and the caller may see).
// Complexity: one index seek per id and its memberships.
// Rules: I1, I2.
UNWIND $person_ids AS id
MATCH (p:Person {person_id: id})
WITH p, coalesce(
          COLLECT { MATCH (p)-[m:MEMBER_OF]->(home:Household)
                    WHERE m.from <= date({timezone: '+08:00'})
                    RETURN home.region_code ORDER BY m.from DESC LIMIT 1 }[0]
            STARTS WITH $region_prefix,
          size($region_prefix) = 2) AS visible
WHERE visible
RETURN collect(DISTINCT p.person_id) AS visible
