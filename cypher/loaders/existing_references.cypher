// Returns which of the given persons, households and regions exist, with what the checks
// need: a person's birth date (parent born before child), a household's village and a
// region's level, and, when $homes, each person's home: the village of their household of
// the latest membership begun on or before $today, ended or not (as reads decide a person's
// region: cypher/persons/supporters.cypher), for the region rule of writes (issue 14 item 12).
// Dates come as ISO text: a driver Date costs more to decode than the rest of the row.
// Parameters: $person_ids, $household_ids, $region_codes: lists of keys; $homes (bool);
//   $today (a date).
// Returns: one row: persons [[id, birth_date as YYYY-MM-DD, home village or null]],
//   households [[id, region_code]], regions [[code, level]].
CALL () {
  UNWIND $person_ids AS id
  MATCH (p:Person {person_id: id})
  OPTIONAL CALL (p) {
    WITH p
    WHERE $homes
    MATCH (p)-[m:MEMBER_OF]->(home:Household)
    WHERE m.from <= $today
    RETURN home.region_code AS home
    ORDER BY m.from DESC
    LIMIT 1
  }
  RETURN collect([id, toString(p.birth_date), home]) AS persons
}
CALL () {
  UNWIND $household_ids AS id
  MATCH (h:Household {household_id: id})
  RETURN collect([id, h.region_code]) AS households
}
CALL () {
  UNWIND $region_codes AS code
  MATCH (r:Region {code: code})
  RETURN collect([code, r.level]) AS regions
}
RETURN persons, households, regions
