// Returns one review with its timeline (RULES P10, P12) and what its written notice (P9)
// names: the township's name (its Region node) and the addressee (the enrolled person, or
// the household's head on the review's day, else its first member by id).
// Parameters: $review_id, $region_prefix (the caller's region).
// Returns: one row, none when there is no such review in the caller's region: review (the
//   Review's properties), steps [{step_id, seq, step, on, by, role, rules, produced, data}]
//   by seq, township_name (or null), addressee {person_id, name} (or null), filings
//   [{official_id, role, region_code, member_id, relation, relation_path, declared,
//   undeclared, found_on, at_step}] (C3: the enrolment's filings as the review found them),
//   by official_id, member_id, relation.
// Rules: P9, P10, P12, C3.
MATCH (r:Review {review_id: $review_id})
WHERE r.township_code STARTS WITH $region_prefix
OPTIONAL MATCH (t:Region {code: r.township_code})
RETURN r {.*} AS review,
       COLLECT {
         MATCH (r)-[:HAS_STEP]->(s:CaseStep)
         WITH s ORDER BY s.seq
         RETURN s {.step_id, .seq, .step, .on, .by, .role, .rules, .produced, .data}
       } AS steps,
       t.name AS township_name,
       COLLECT {
         MATCH (r)-[:FILED]->(f:Filing)
         WITH f ORDER BY f.official_id, f.member_id, f.relation
         RETURN f {.official_id, .role, .region_code, .member_id, .relation, .relation_path,
                   .declared, .undeclared, .found_on, .at_step}
       } AS filings,
       head(COLLECT {
         MATCH (p:Person)
         WHERE p.person_id = r.subject_id
         RETURN p {.person_id, .name}
         UNION
         MATCH (p:Person)-[m:MEMBER_OF]->(:Household {household_id: r.subject_id})
         WHERE m.from <= r.reviewed_on AND (m.to IS NULL OR m.to >= r.reviewed_on)
         WITH p, m ORDER BY m.relation <> 'head', p.person_id LIMIT 1
         RETURN p {.person_id, .name}
       }) AS addressee
