// Returns the exclusive enrolments of a region open at once (X2, 重复享受): one person
// enrolled in both `tekun` and `single_person_dibao`, or one household in both `dibao` and
// `marginal`, with ranges (both ends included) that share a day on or before $as_of.
// Parameters: $region_prefix (significant digits of the region scanned); $as_of (a date).
// Returns: one row per pair of enrolments: subject_id, subject_kind ('person' or
//   'household'), region_code (the village of the person's household on $as_of, else their
//   last one, or the household's), programs [first, second] (tekun before
//   single_person_dibao, dibao before marginal), froms [first's from, second's from],
//   overlap_from (the first day both are open); ordered by subject_id, froms.
// Rules: X2, M1, M2, M3, E4, E6, W5.
// Complexity: a range seek on Household.region_code, then each subject's enrolments:
//   O(households + members + enrolments of the region).
CALL () {
  MATCH (h:Household)
  WHERE h.region_code STARTS WITH $region_prefix
  MATCH (p:Person)-[m:MEMBER_OF]->(h)
  WHERE
    // include: fragments/latest_membership(person: p, membership: m)
  MATCH (a:Enrollment {program: 'tekun'})-[:OF]->(p)
  MATCH (b:Enrollment {program: 'single_person_dibao'})-[:OF]->(p)
  RETURN p.person_id AS subject_id, 'person' AS subject_kind, h.region_code AS region_code,
         a, b
  UNION
  MATCH (h:Household)
  WHERE h.region_code STARTS WITH $region_prefix
  MATCH (a:Enrollment {program: 'dibao'})-[:OF]->(h)
  MATCH (b:Enrollment {program: 'marginal'})-[:OF]->(h)
  RETURN h.household_id AS subject_id, 'household' AS subject_kind,
         h.region_code AS region_code, a, b
}
WITH subject_id, subject_kind, region_code, a, b,
     CASE WHEN a.from > b.from THEN a.from ELSE b.from END AS overlap_from
WHERE overlap_from <= $as_of
  AND (a.to IS NULL OR a.to >= overlap_from)
  AND (b.to IS NULL OR b.to >= overlap_from)
RETURN subject_id, subject_kind, region_code, [a.program, b.program] AS programs,
       [a.from, b.from] AS froms, overlap_from
ORDER BY subject_id, froms
