// Returns the enrolments of a region open after the death of their subject (X1, 信息比对:
// 死亡人员仍在享受待遇): a person's enrolment begun on or before $as_of whose person died
// before $as_of and whose range reaches past the death day; and a household's enrolment
// begun on or before $as_of whose last members are all dead and whose range reaches past the
// last death. A household's last members are the persons whose membership covers $as_of or
// lasted until their death (a person who dies is a member through the day of death, CONTRACT
// §2, whether or not the feed closed the membership then); a member who left alive is not one.
// Parameters: $region_prefix (significant digits of the region scanned); $as_of (a date).
// Returns: one row per enrolment: subject_id, subject_kind ('person' or 'household'),
//   region_code (the village of the person's household on $as_of, else their last one, or the
//   household's), program, from, to, died_on (the death, or the household's last death),
//   members (the household's dead members' ids, [] for a person); ordered by subject_id,
//   program, from.
// Rules: X1, E1, W5.
// Complexity: a range seek on Household.region_code, then each household's members and
//   enrolments: O(households + members + enrolments of the region).
CALL () {
  MATCH (h:Household)
  WHERE h.region_code STARTS WITH $region_prefix
  MATCH (p:Person)-[m:MEMBER_OF]->(h)
  WHERE p.death_date < $as_of AND
    // include: fragments/latest_membership(person: p, membership: m)
  MATCH (e:Enrollment)-[:OF]->(p)
  WHERE e.from <= $as_of AND (e.to IS NULL OR e.to > p.death_date)
  RETURN p.person_id AS subject_id, 'person' AS subject_kind, h.region_code AS region_code,
         e.program AS program, e.from AS from, e.to AS to, p.death_date AS died_on,
         [] AS members
  UNION
  MATCH (h:Household)
  WHERE h.region_code STARTS WITH $region_prefix
  MATCH (e:Enrollment)-[:OF]->(h)
  WHERE e.from <= $as_of
  WITH h, e, COLLECT {
    MATCH (p:Person)-[m:MEMBER_OF]->(h)
    WHERE m.from <= $as_of
      AND (m.to IS NULL OR m.to >= $as_of OR (p.death_date IS NOT NULL AND m.to >= p.death_date))
    RETURN DISTINCT p
  } AS last_members
  WHERE size(last_members) > 0
    AND all(p IN last_members WHERE p.death_date < $as_of)
  WITH h, e, last_members,
       reduce(d = date('1900-01-01'), p IN last_members |
              CASE WHEN p.death_date > d THEN p.death_date ELSE d END) AS died_on
  WHERE e.to IS NULL OR e.to > died_on
  RETURN h.household_id AS subject_id, 'household' AS subject_kind,
         h.region_code AS region_code, e.program AS program, e.from AS from, e.to AS to,
         died_on, [p IN last_members | p.person_id] AS members
}
RETURN subject_id, subject_kind, region_code, program, from, to, died_on, members
ORDER BY subject_id, program, from
