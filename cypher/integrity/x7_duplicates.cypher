// Returns the possible duplicate persons of a region (X7, 重复人员): two person ids with the
// same name and birth date that share a parent (a PARENT_OF edge from one person to both), a
// spouse (a SPOUSE_OF edge of both to one person) or a household (a membership of both in
// one household, at any time). The twin of each person of the region is found by a seek on
// the (name, birth_date) index (migration 018), never by comparing the region's persons
// pairwise; the neighbourhood then tells a duplicate from a namesake.
// Parameters: $region_prefix (significant digits of the region scanned); $as_of (a date:
//   where each person belongs, as the latest membership begun by then says).
// Returns: one row per pair: subject_id (the person of the region; of two in the region, the
//   smaller id), other_id, other_region (the village of the other's household on $as_of, else
//   their last one; null without any), region_code (the subject's), name, birth_date, shared
//   (a sorted subset of ['household', 'parent', 'spouse']); ordered by subject_id, other_id.
// Rules: X7, I1, W5.
// Complexity: a range seek on Household.region_code, then per person of the region one seek
//   on the index `person_name_birth` and three bounded neighbourhood checks: O(persons of the
//   region × persons sharing a name and birth date).
MATCH (h:Household)
WHERE h.region_code STARTS WITH $region_prefix
MATCH (p:Person)-[m:MEMBER_OF]->(h)
WHERE
  // include: fragments/latest_membership(person: p, membership: m)
MATCH (q:Person)
WHERE q.name = p.name AND q.birth_date = p.birth_date AND q.person_id <> p.person_id
WITH p, h, q,
     [kind IN ['household', 'parent', 'spouse'] WHERE
        CASE kind
          WHEN 'household' THEN EXISTS { (p)-[:MEMBER_OF]->(:Household)<-[:MEMBER_OF]-(q) }
          WHEN 'parent' THEN EXISTS { (p)<-[:PARENT_OF]-(:Person)-[:PARENT_OF]->(q) }
          ELSE EXISTS { (p)-[:SPOUSE_OF]-(:Person)-[:SPOUSE_OF]-(q) }
        END] AS shared
WHERE size(shared) > 0
OPTIONAL CALL (q) {
  MATCH (q)-[qm:MEMBER_OF]->(home:Household)
  WHERE qm.from <= $as_of
  RETURN home ORDER BY qm.from DESC LIMIT 1
}
WITH p, h, q, shared, home.region_code AS other_region
WHERE p.person_id < q.person_id OR NOT coalesce(other_region STARTS WITH $region_prefix, false)
RETURN p.person_id AS subject_id, q.person_id AS other_id, other_region,
       h.region_code AS region_code, p.name AS name, p.birth_date AS birth_date, shared
ORDER BY subject_id, other_id
