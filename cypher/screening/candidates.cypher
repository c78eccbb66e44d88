// Returns who screening must look at within a region on a date (issue 5, 应救尽救):
// - households: every household with a current member, with whether it is enrolled in dibao
//   (E3 check) and its members' single-person dibao enrolments (E6 check);
// - persons who might meet T1: alive, a current member of a household in the region, and
//   without capacity to work by age or disability (T2 pre-filter; the check decides), with
//   whether they are enrolled in tekun;
// - tekun-enrolled persons of the region (to review: do they now have an able supporter?);
// - open recheck entries of persons of the region (dependents flagged by rescoring).
// Parameters: $region_prefix, $as_of.
// Returns: one row: households [{household_id, dibao}], persons [{person_id, tekun}],
//   rechecks [{person_id, supporter_id, supporter_visible (in the region), indicator,
//   event_key}], single [{person_id}].
// Rules: E1, E3, E6, T1, T2, T6.
CALL () {
  MATCH (h:Household)
  WHERE h.region_code STARTS WITH $region_prefix
    AND EXISTS { MATCH (h)<-[m:MEMBER_OF]-(:Person)
                 WHERE m.from <= $as_of AND (m.to IS NULL OR m.to >= $as_of) }
  RETURN collect({household_id: h.household_id, dibao: EXISTS {
    MATCH (e:Enrollment {program: 'dibao'})-[:OF]->(h)
    WHERE e.from <= $as_of AND (e.to IS NULL OR e.to >= $as_of) }}) AS households
}
CALL () {
  MATCH (p:Person)-[m:MEMBER_OF]->(h:Household)
  WHERE h.region_code STARTS WITH $region_prefix
    AND m.from <= $as_of AND (m.to IS NULL OR m.to >= $as_of)
    AND (p.death_date IS NULL OR p.death_date > $as_of)
  WITH p, duration.inMonths(p.birth_date, $as_of).years AS age
  WHERE age >= 60 OR age < 18 OR p.disability_grade IS NOT NULL
  RETURN collect({person_id: p.person_id, tekun: EXISTS {
    MATCH (e:Enrollment {program: 'tekun'})-[:OF]->(p)
    WHERE e.from <= $as_of AND (e.to IS NULL OR e.to >= $as_of) }}) AS persons
}
CALL () {
  MATCH (r:Recheck {status: 'open'})-[:OF]->(p:Person)-[m:MEMBER_OF]->(h:Household)
  WHERE h.region_code STARTS WITH $region_prefix
    AND m.from <= $as_of AND (m.to IS NULL OR m.to >= $as_of)
  // Whether the supporter lies in the region, decided as persons/supporters decides it: the
  // household of their latest membership begun by today in China, whatever $as_of (issue 14
  // item 7: visibility follows where a person belongs today); without any, the province only.
  OPTIONAL CALL (r) {
    MATCH (:Person {person_id: r.supporter_id})-[sm:MEMBER_OF]->(home:Household)
    WHERE sm.from <= date({timezone: '+08:00'})
    RETURN home ORDER BY sm.from DESC LIMIT 1
  }
  RETURN collect({person_id: p.person_id, supporter_id: r.supporter_id,
                  supporter_visible: (home IS NULL AND size($region_prefix) = 2)
                    OR coalesce(home.region_code STARTS WITH $region_prefix, false),
                  indicator: r.indicator, event_key: r.event_key}) AS rechecks
}
CALL () {
  MATCH (e:Enrollment {program: 'single_person_dibao'})-[:OF]->(p:Person)
  WHERE e.from <= $as_of AND (e.to IS NULL OR e.to >= $as_of)
  RETURN collect(p.person_id) AS single
}
RETURN households, persons, rechecks, single
