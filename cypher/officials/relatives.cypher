// Returns how officials are related to household members on a date (近亲属, C2), for the
// filing of C3, the recusal of C5 and the integrity check X6: one row per (official, member,
// relation), with one relation path each.
// Parameters: $official_ids, $member_ids (lists of person ids); $on (a date); $scope
//   ('wide', the default of coi_scope, or 'civil_code').
// Returns: official_id, member_id, relation (what the member is to the official), persons
//   (the person ids along the path, official first, member last) and steps (one per edge:
//   'spouse', 'parent' (the next person is a parent of the previous), 'child'). Where several
//   paths give one relation (full siblings share two parents), the least (persons, steps) in
//   list order is shown, so that the answer is the same on every run. Ordered by official_id,
//   member_id, relation. Ids that name no person give no row.
// Rules: C2 (民法典 第一千零四十五条; 1072, 1111 for the edges), T4, T5, C5.
//
// Relations, 'wide' scope (C2's list): spouse; parent, parent_in_law (a spouse's parent);
//   sibling, sibling_in_law (a sibling's spouse, a spouse's sibling); child, child_in_law (a
//   child's spouse); grandparent, grandchild; parent_sibling (a parent's sibling). 'civil_code'
//   keeps the 近亲属 of 1045 only: spouse, parent, child, sibling, grandparent (祖父母, 外祖父母),
//   grandchild (孙子女, 外孙子女). Both scopes add 'self' (empty steps) where an official is
//   the member: no kinship, but the plainest conflict of all, which C3 and C5 must not miss.
// Edges, as cypher/persons/supporters.cypher decides them (the same tests), on $on:
//   Spouse (T4, 1059): a SPOUSE_OF edge, either direction, whose range covers $on.
//   Duty edge (T4): a PARENT_OF edge of basis birth, adoptive or step_raised (1072: never
//     step_not_raised) whose range covers $on, and, for a birth edge, the child has no adoptive
//     parent edge covering $on (1111: adoption ends the birth ties). A path with ONE
//     PARENT_OF edge walks duty edges: parent, child, parent_in_law, child_in_law (a
//     step-parent who raised the child is that child's parent in law).
//   Kin edge (T5): the same test over birth and adoptive edges only. A path with TWO OR MORE
//     PARENT_OF edges walks kin edges: grandparent, grandchild, sibling, sibling_in_law,
//     parent_sibling (1072 joins a step-parent and step-child and nobody else; 1111 extends
//     an adoption to the adoptive parent's relatives).
//   Siblings share at least one parent: half-siblings are siblings (T5; 1045 makes no
//     difference between full and half blood).
// Deaths end nothing (C5: kinship does not end with a death): a dead spouse, parent or
//   sibling still relates, and a path may run through the dead. Only an edge's own range
//   does: a divorce sets the spouse edge's `to`, an ended adoption its edge's. Kin not yet
//   born are not reached: their parent edges begin at the birth.
// A path's persons are all different (a simple path): a walk that comes back to a person
//   relates nobody new.
// Bounded: the longest relation is three edges (parent_sibling, sibling_in_law), so the one
//   pattern walks at most three PARENT_OF or SPOUSE_OF edges from each official, pruned by
//   the edges' dates as it goes; each path's steps then name its relation, or none (a
//   grandparent-in-law, a parent's spouse who is no parent: not on C2's list). One pattern,
//   not a UNION of a branch per relation: the planner takes a fraction of the time (each
//   load of a small graph may make it plan again), and the relation table reads as one CASE.
UNWIND $official_ids AS official_id
MATCH (x:Person {person_id: official_id})
CALL (x) {
  WITH x
  WHERE x.person_id IN $member_ids
  RETURN [x] AS persons, [] AS rels
  UNION
  MATCH path = (x)-[:PARENT_OF|SPOUSE_OF*1..3]-(k:Person)
  WHERE k.person_id IN $member_ids
    // Every edge in force on $on (1072: a step_not_raised edge never carries kinship).
    AND all(r IN relationships(path) WHERE r.from <= $on AND (r.to IS NULL OR r.to >= $on)
                                       AND (r.basis IS NULL OR r.basis <> 'step_not_raised'))
  RETURN nodes(path) AS persons, relationships(path) AS rels
}
// Each edge as a step from the official: spouse, or up to a parent, or down to a child.
// One PARENT_OF edge in the path: a T4 duty edge; two or more: T5 kin edges. A person with an
// adoptive parent edge in force has no birth parent edges (1111).
WITH x, persons, rels,
     [i IN range(0, size(rels) - 1) |
       CASE WHEN type(rels[i]) = 'SPOUSE_OF' THEN 'spouse'
            WHEN startNode(rels[i]) = persons[i] THEN 'child'
            ELSE 'parent' END] AS steps,
     CASE WHEN size([r IN rels WHERE type(r) = 'PARENT_OF']) = 1
          THEN ['birth', 'adoptive', 'step_raised'] ELSE ['birth', 'adoptive'] END AS bases,
     [n IN persons | EXISTS {
       (n)<-[a:PARENT_OF {basis: 'adoptive'}]-(:Person)
       WHERE a.from <= $on AND (a.to IS NULL OR a.to >= $on) }] AS adopted
WHERE all(i IN range(0, size(rels) - 1) WHERE
          steps[i] = 'spouse'
          OR (rels[i].basis IN bases
              AND (rels[i].basis <> 'birth'
                   OR NOT adopted[CASE steps[i] WHEN 'child' THEN i + 1 ELSE i END])))
  // A simple path: no person twice.
  AND all(i IN range(0, size(persons) - 2) WHERE NOT persons[i] IN persons[i + 1..])
// C2's relations by the steps of their paths.
WITH x, [n IN persons | n.person_id] AS persons, steps,
     CASE steps
       WHEN [] THEN 'self'
       WHEN ['spouse'] THEN 'spouse'
       WHEN ['parent'] THEN 'parent'
       WHEN ['child'] THEN 'child'
       WHEN ['spouse', 'parent'] THEN 'parent_in_law'
       WHEN ['child', 'spouse'] THEN 'child_in_law'
       WHEN ['parent', 'parent'] THEN 'grandparent'
       WHEN ['child', 'child'] THEN 'grandchild'
       WHEN ['parent', 'child'] THEN 'sibling'
       WHEN ['parent', 'child', 'spouse'] THEN 'sibling_in_law'
       WHEN ['spouse', 'parent', 'child'] THEN 'sibling_in_law'
       WHEN ['parent', 'parent', 'child'] THEN 'parent_sibling'
     END AS relation
WHERE relation IS NOT NULL
  AND ($scope = 'wide'
       OR relation IN ['self', 'spouse', 'parent', 'child', 'sibling', 'grandparent',
                       'grandchild'])
// One path per relation: the least, so that the answer is the same on every run.
WITH x, relation, persons, steps
ORDER BY persons, steps
WITH x.person_id AS official_id, persons[size(persons) - 1] AS member_id, relation,
     collect({persons: persons, steps: steps})[0] AS path
RETURN official_id, member_id, relation, path.persons AS persons, path.steps AS steps
ORDER BY official_id, member_id, relation
