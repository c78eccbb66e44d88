// Returns how two persons are related: the shortest path between them over PARENT_OF and
// SPOUSE_OF (at most 8 steps), for investigators. The first person must be in the caller's
// region; persons on the path outside it come with in_region false, for the caller to mask.
// Parameters: $a, $b (person ids), $region_prefix, $as_of.
// Returns: no row if $a is not in the region or either person does not exist; else one row:
//   persons [{id, label, in_region}] along the path (empty if unrelated), steps [{from, to,
//   kind}] in path order, each edge as stored (from is the parent or the first spouse).
MATCH (a:Person {person_id: $a}), (b:Person {person_id: $b})
WHERE EXISTS {
  MATCH (a)-[m:MEMBER_OF]->(h:Household)
  WHERE m.from <= $as_of AND (m.to IS NULL OR m.to >= $as_of)
    AND h.region_code STARTS WITH $region_prefix }
OPTIONAL MATCH path = shortestPath((a)-[:PARENT_OF|SPOUSE_OF*..8]-(b))
RETURN [n IN coalesce(nodes(path), []) | {
          id: n.person_id, label: n.name,
          in_region: EXISTS {
            MATCH (n)-[m:MEMBER_OF]->(h:Household)
            WHERE m.from <= $as_of AND (m.to IS NULL OR m.to >= $as_of)
              AND h.region_code STARTS WITH $region_prefix }}] AS persons,
       [r IN coalesce(relationships(path), []) | {
          from: startNode(r).person_id, to: endNode(r).person_id,
          kind: toLower(type(r))}] AS steps
