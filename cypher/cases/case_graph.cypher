// Returns the case graph around a person or a household for investigators (CONTRACT §3,
// /v1/cases/{id}/graph): every person and household within $depth steps over MEMBER_OF,
// PARENT_OF and SPOUSE_OF, and the edges among them. Households outside the caller's region
// are left out (with their edges, so nothing of them shows); persons outside it are kept, with
// in_region false, for the caller to mask.
// Parameters: $id (a person id or a household id), $region_prefix, $depth (1-3; the pattern
//   bound is fixed at 3 and the value filters it), $as_of (for a person's current household).
// Returns: one row (none if the start is not in the caller's region): nodes [{id, kind,
//   label, in_region}], edges [{source, target, kind}].
CALL () {
  MATCH (s:Person {person_id: $id}) RETURN s
  UNION
  MATCH (s:Household {household_id: $id}) RETURN s
}
WITH s
WHERE (s:Household AND s.region_code STARTS WITH $region_prefix)
   OR (s:Person AND EXISTS {
         MATCH (s)-[m:MEMBER_OF]->(h:Household)
         WHERE m.from <= $as_of AND (m.to IS NULL OR m.to >= $as_of)
           AND h.region_code STARTS WITH $region_prefix })
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
RETURN [n IN found | {
         id: coalesce(n.person_id, n.household_id),
         kind: CASE WHEN n:Person THEN 'person' ELSE 'household' END,
         label: coalesce(n.name, n.address),
         in_region: n:Household OR EXISTS {
           MATCH (n)-[m:MEMBER_OF]->(h:Household)
           WHERE m.from <= $as_of AND (m.to IS NULL OR m.to >= $as_of)
             AND h.region_code STARTS WITH $region_prefix }}] AS nodes,
       edges
