// Returns the case graph around a person or a household for investigators (CONTRACT §3,
// /v1/cases/{id}/graph): every person and household within $depth steps over MEMBER_OF,
// PARENT_OF and SPOUSE_OF, and the edges among them. Households outside the caller's region
// are left out (with their edges, so nothing of them shows); persons outside it are kept, with
// in_region false and no status, for the caller to mask.
// Parameters: $id (a person id or a household id), $region_prefix, $depth (1-3; the pattern
//   bound is fixed at 3 and the value filters it), $as_of (for statuses and enrolments).
// Returns: one row (none if the start is not in the caller's region): nodes [{id, kind,
//   label, in_region, status}], edges [{source, target, kind}].
//   A person's status (null unless in_region): dead (death_date on or before $as_of),
//   death_date (then), disability_grade, disability_type, legal_status (normal,
//   incapacitated, missing, imprisoned), enrolments (programs of the person's own enrolments
//   open on $as_of, e.g. tekun 特困 or dibao 低保, sorted).
//   A household's status: enrolments (the household's own, open on $as_of), warning_level
//   (the level of its open warning issued on or before $as_of, or null: W3, W6; the current
//   level, escalations included).
// A person's region, as cypher/persons/supporters.cypher decides it: where the person belongs
//   TODAY, whatever $as_of (issue 14 item 7: an earlier date must not show a person who moved
//   away since): the region of their home, the household of their latest membership begun on
//   or before today in China (UTC+8, the database's clock), even when it has ended (a person
//   who died or left stays where they were last); a person with no such membership is in the
//   region of a province-level caller (a 2-digit prefix) only. Statuses stay as of $as_of.
// Rules: W3, W6 (open warnings), M1-M5 (enrolments), T6 facts (death, disability, legal status).
CALL () {
  MATCH (s:Person {person_id: $id}) RETURN s
  UNION
  MATCH (s:Household {household_id: $id}) RETURN s
}
WITH s
WHERE (s:Household AND s.region_code STARTS WITH $region_prefix)
   OR (s:Person AND coalesce(
         COLLECT { MATCH (s)-[m:MEMBER_OF]->(home:Household)
                   WHERE m.from <= date({timezone: '+08:00'})
                   RETURN home.region_code ORDER BY m.from DESC LIMIT 1 }[0]
           STARTS WITH $region_prefix,
         size($region_prefix) = 2))
MATCH path = (s)-[:MEMBER_OF|PARENT_OF|SPOUSE_OF*0..3]-(n)
WHERE length(path) <= $depth
  AND all(x IN nodes(path) WHERE NOT x:Household OR x.region_code STARTS WITH $region_prefix)
WITH collect(DISTINCT n) AS found
UNWIND found AS a
OPTIONAL MATCH (a)-[r:MEMBER_OF|PARENT_OF|SPOUSE_OF]->(b)
WHERE b IN found
WITH found, collect(CASE WHEN r IS NULL THEN null ELSE {
       source: coalesce(a.person_id, a.household_id),
       target: coalesce(b.person_id, b.household_id), kind: toLower(type(r))} END) AS edges
UNWIND found AS n
CALL (n) {
  WITH n
  WHERE n:Person
  WITH n, coalesce(
         COLLECT { MATCH (n)-[m:MEMBER_OF]->(home:Household)
                   WHERE m.from <= date({timezone: '+08:00'})
                   RETURN home.region_code ORDER BY m.from DESC LIMIT 1 }[0]
           STARTS WITH $region_prefix,
         size($region_prefix) = 2) AS in_region
  RETURN {id: n.person_id, kind: 'person', label: n.name, in_region: in_region,
          status: CASE WHEN in_region THEN {
            dead: coalesce(n.death_date <= $as_of, false),
            death_date: CASE WHEN n.death_date <= $as_of THEN n.death_date END,
            disability_grade: n.disability_grade,
            disability_type: n.disability_type,
            legal_status: n.legal_status,
            enrolments: COLLECT {
              MATCH (e:Enrollment)-[:OF]->(n)
              WHERE e.from <= $as_of AND (e.to IS NULL OR e.to >= $as_of)
              RETURN DISTINCT e.program AS program ORDER BY program }
          } END} AS node
  UNION
  WITH n
  WHERE n:Household
  RETURN {id: n.household_id, kind: 'household', label: n.address, in_region: true,
          status: {
            enrolments: COLLECT {
              MATCH (e:Enrollment)-[:OF]->(n)
              WHERE e.from <= $as_of AND (e.to IS NULL OR e.to >= $as_of)
              RETURN DISTINCT e.program AS program ORDER BY program },
            warning_level: COLLECT {
              MATCH (w:Warning {status: 'open'})-[:FOR_HOUSEHOLD]->(n)
              WHERE w.issued_on <= $as_of
              RETURN w.level ORDER BY w.issued_on DESC LIMIT 1 }[0]
          }} AS node
}
RETURN collect(node) AS nodes, edges
