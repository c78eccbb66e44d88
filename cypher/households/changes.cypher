// Returns the composition changes of a household between two dates (CONTRACT §3, /changes),
// derived from memberships, death dates and spouse edges. Memberships include both ends
// (CONTRACT §2), so a member whose last day is D has `left` on D + 1; a member who dies is a
// member through the day of death and has `died` on it, not `left`. A member from their
// birth date was `born` into the household rather than `joined` it. `married` / `divorced`
// come from a member's spouse edge starting / ending while they were a member; an edge
// ended by a spouse's death is no divorce.
// Parameters: $household_id; $region_prefix (the caller's region: the household must lie
//   below it); $since, $until (dates or null: open); $today. A person belongs to the region
//   of their latest membership begun by $today (a former member who moved away is outside
//   it, one who died stays in it): in_region false asks the caller to mask the id.
// Returns: one row, household_id and changes: [{date, kind, person_id, relation, in_region}]
//   ordered by date, kind,
//   person; no row when the household does not exist within the region.
// Rules: E1 (membership dates), W1.
MATCH (h:Household {household_id: $household_id})
WHERE h.region_code STARTS WITH $region_prefix
OPTIONAL CALL (h) {
  MATCH (p:Person)-[m:MEMBER_OF]->(h)
  RETURN m.from AS day, CASE WHEN m.from = p.birth_date THEN 'born' ELSE 'joined' END AS kind,
         p.person_id AS person_id, m.relation AS relation
  UNION ALL
  // A last day of 9999-12-31 (Python's date.max, accepted before feeds bounded dates at
  // 2999-12-31) has no next day a client can read: such a membership has not ended.
  MATCH (p:Person)-[m:MEMBER_OF]->(h)
  WHERE m.to IS NOT NULL AND m.to < date('9999-12-31')
    AND NOT coalesce(p.death_date <= m.to, false)
  RETURN m.to + duration({days: 1}) AS day, 'left' AS kind,
         p.person_id AS person_id, m.relation AS relation
  UNION ALL
  MATCH (p:Person)-[m:MEMBER_OF]->(h)
  WHERE p.death_date >= m.from AND (m.to IS NULL OR p.death_date <= m.to)
  RETURN p.death_date AS day, 'died' AS kind, p.person_id AS person_id, m.relation AS relation
  UNION ALL
  MATCH (p:Person)-[m:MEMBER_OF]->(h)
  MATCH (p)-[s:SPOUSE_OF]-(:Person)
  WHERE s.from >= m.from AND (m.to IS NULL OR s.from <= m.to)
  RETURN s.from AS day, 'married' AS kind, p.person_id AS person_id, m.relation AS relation
  UNION ALL
  MATCH (p:Person)-[m:MEMBER_OF]->(h)
  MATCH (p)-[s:SPOUSE_OF]-(q:Person)
  WHERE s.to >= m.from AND (m.to IS NULL OR s.to <= m.to)
    AND NOT coalesce(p.death_date <= s.to, false) AND NOT coalesce(q.death_date <= s.to, false)
  RETURN s.to AS day, 'divorced' AS kind, p.person_id AS person_id, m.relation AS relation
}
WITH h, day, kind, person_id, relation,
     COLLECT { MATCH (:Person {person_id: person_id})-[m:MEMBER_OF]->(x:Household)
               WHERE m.from <= $today
               RETURN x.region_code ORDER BY m.from DESC LIMIT 1 } AS latest_region
WITH h, day, kind, person_id, relation,
     coalesce(latest_region[0] STARTS WITH $region_prefix, false) AS in_region
ORDER BY day, kind, person_id
RETURN h.household_id AS household_id,
       collect(CASE WHEN ($since IS NULL OR day >= $since) AND ($until IS NULL OR day <= $until)
               THEN {date: day, kind: kind, person_id: person_id, relation: relation,
                     in_region: in_region} END)
         AS changes
