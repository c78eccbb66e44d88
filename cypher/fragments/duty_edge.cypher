// Fragment: whether the PARENT_OF edge `edge`, which points to the person `child`, carries the
// parent-child duty on $as_of (T4; 民法典 1067, 1072, 1111): its basis is birth, adoptive or
// step_raised (a step_not_raised edge never does, 1072), its from/to range covers $as_of, and
// a birth edge only while the child has no adoptive parent edge covering $as_of (1111:
// adoption ends the birth ties, in both directions). A kinship edge (T5: grandparents,
// grandchildren, siblings) is a duty edge of basis birth or adoptive: the including query
// adds that basis test. A boolean expression in parentheses, so it stands wherever a
// predicate does.
// Arguments: edge (a PARENT_OF relationship variable), child (the person it points to).
// Parameters: $as_of.
// Included by: persons/supporters.
// Rules: T4, T5.
({{edge}}.basis IN ['birth', 'adoptive', 'step_raised']
 AND {{edge}}.from <= $as_of AND ({{edge}}.to IS NULL OR {{edge}}.to >= $as_of)
 AND ({{edge}}.basis <> 'birth' OR NOT EXISTS {
       ({{child}})<-[a:PARENT_OF {basis: 'adoptive'}]-(:Person)
       WHERE a.from <= $as_of AND (a.to IS NULL OR a.to >= $as_of) }))
