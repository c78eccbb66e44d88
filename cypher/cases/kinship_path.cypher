// Returns how two persons are related: the shortest path between them over PARENT_OF and
// SPOUSE_OF (at most 8 steps), for investigators. BOTH persons must be in the caller's region
// (issue 14 item 1: with only the first checked, the answer told whether the second id existed
// anywhere, and a masked id could be unmasked by trying its hidden birth dates); persons on the
// path outside it come with in_region false, for the caller to mask.
// A person's region, as cypher/persons/supporters.cypher and the case graph decide it: where
//   the person belongs TODAY, whatever $as_of (issue 14 item 7): the region of their home, the
//   household of their latest membership begun on or before today in China (UTC+8, the
//   database's clock), even when it has ended (the dead and those who left stay where they
//   were last); a person with no such membership is in the region of a province-level caller
//   only.
// Parameters: $a, $b (person ids), $region_prefix, $as_of (kept for the route's contract: the
//   edges are walked as stored, undated).
// Returns: no row if either person does not exist or is not in the region (the two cases look
//   the same); else one row: persons [{id, label, in_region}] along the path (empty if
//   unrelated), steps [{from, to, kind}] in path order, each edge as stored (from is the
//   parent or the first spouse).
MATCH (a:Person {person_id: $a}), (b:Person {person_id: $b})
WHERE coalesce(
        COLLECT { MATCH (a)-[m:MEMBER_OF]->(home:Household)
                  WHERE m.from <= date({timezone: '+08:00'})
                  RETURN home.region_code ORDER BY m.from DESC LIMIT 1 }[0]
          STARTS WITH $region_prefix,
        size($region_prefix) = 2)
  AND coalesce(
        COLLECT { MATCH (b)-[m:MEMBER_OF]->(home:Household)
                  WHERE m.from <= date({timezone: '+08:00'})
                  RETURN home.region_code ORDER BY m.from DESC LIMIT 1 }[0]
          STARTS WITH $region_prefix,
        size($region_prefix) = 2)
OPTIONAL MATCH path = shortestPath((a)-[:PARENT_OF|SPOUSE_OF*..8]-(b))
RETURN [n IN coalesce(nodes(path), []) | {
          id: n.person_id, label: n.name,
          in_region: coalesce(
            COLLECT { MATCH (n)-[m:MEMBER_OF]->(home:Household)
                      WHERE m.from <= date({timezone: '+08:00'})
                      RETURN home.region_code ORDER BY m.from DESC LIMIT 1 }[0]
              STARTS WITH $region_prefix,
            size($region_prefix) = 2)}] AS persons,
       [r IN coalesce(relationships(path), []) | {
          from: startNode(r).person_id, to: endNode(r).person_id,
          kind: toLower(type(r))}] AS steps
