// Returns which of the ids a refused request named exist outside the caller's region, so that
// the audit entry of a 404 says `denied` (it exists, the caller may not see it) rather than
// `error` (there is no such thing) (issue 14 item 8). Asked only after a 404.
// An id may be a person (visible by where they belong today, as in
// cypher/persons/supporters.cypher: the household of their latest membership begun by today
// in China, UTC+8, the database's clock; none: the province only), a household (its village),
// a warning (its household) or a region (its code).
// Parameters: $ids (strings), $region_prefix (the caller's region).
// Returns: one row: outside (the ids that exist and lie outside the region).
// Rules: I1, I2, W5.
UNWIND $ids AS id
CALL (id) {
  MATCH (p:Person {person_id: id})
  RETURN coalesce(
           COLLECT { MATCH (p)-[m:MEMBER_OF]->(home:Household)
                     WHERE m.from <= date({timezone: '+08:00'})
                     RETURN home.region_code ORDER BY m.from DESC LIMIT 1 }[0]
             STARTS WITH $region_prefix,
           size($region_prefix) = 2) AS inside
  UNION ALL
  MATCH (h:Household {household_id: id})
  RETURN h.region_code STARTS WITH $region_prefix AS inside
  UNION ALL
  MATCH (:Warning {warning_id: id})-[:FOR_HOUSEHOLD]->(h:Household)
  RETURN h.region_code STARTS WITH $region_prefix AS inside
  UNION ALL
  MATCH (r:Region {code: id})
  RETURN r.code STARTS WITH $region_prefix AS inside
}
WITH id, inside
WHERE NOT inside
RETURN collect(DISTINCT id) AS outside
