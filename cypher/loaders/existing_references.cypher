// Returns which of the given persons, households and regions exist, with what the checks
// need: a person's birth date (parent born before child) and a region's level. Dates come
// as ISO text: a driver Date costs more to decode than the rest of the row.
// Parameters: $person_ids, $household_ids, $region_codes: lists of keys.
// Returns: one row: persons [[id, birth_date as YYYY-MM-DD]], households [id], regions [[code, level]].
CALL () {
  UNWIND $person_ids AS id
  MATCH (p:Person {person_id: id})
  RETURN collect([id, toString(p.birth_date)]) AS persons
}
CALL () {
  UNWIND $household_ids AS id
  MATCH (h:Household {household_id: id})
  RETURN collect(id) AS households
}
CALL () {
  UNWIND $region_codes AS code
  MATCH (r:Region {code: code})
  RETURN collect([code, r.level]) AS regions
}
RETURN persons, households, regions
