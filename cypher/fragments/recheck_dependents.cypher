// Fragment: puts on the recheck list the relatives of the person p whom the event e hit: their
// spouse, parents, children, grandparents, grandchildren and siblings (the relations of T4-T5),
// alive on $as_of, each with the relations they were reached by. One Recheck per relative and
// event, MERGEd on its key (person_id, event_key), so that an event flags nobody twice. Ends
// the query: it returns nothing.
// Expects: e (an Event), p (the Person it is about). Parameters: $as_of.
// Included by: scoring/flag_dependents, scoring/flag_dependents_window.
// Rules: T4, T5, T6 (dependents).
CALL (p) {
  MATCH (p)-[:SPOUSE_OF]-(d:Person) RETURN d, 'spouse' AS relation
  UNION
  MATCH (p)-[:PARENT_OF]->(d:Person) RETURN d, 'child' AS relation
  UNION
  MATCH (p)<-[:PARENT_OF]-(d:Person) RETURN d, 'parent' AS relation
  UNION
  MATCH (p)-[:PARENT_OF]->(:Person)-[:PARENT_OF]->(d:Person) RETURN d, 'grandchild' AS relation
  UNION
  MATCH (p)<-[:PARENT_OF]-(:Person)<-[:PARENT_OF]-(d:Person) RETURN d, 'grandparent' AS relation
  UNION
  MATCH (p)<-[:PARENT_OF]-(:Person)-[:PARENT_OF]->(d:Person) WHERE d <> p
  RETURN d, 'sibling' AS relation
}
WITH e, p, d, collect(relation) AS relations
WHERE d.death_date IS NULL OR d.death_date > $as_of
MERGE (r:Recheck {person_id: d.person_id, event_key: e.source + ':' + e.event_id})
ON CREATE SET r.supporter_id = p.person_id, r.indicator = e.indicator,
              r.relations = relations, r.flagged_on = $as_of, r.status = 'open'
MERGE (r)-[:OF]->(d)
