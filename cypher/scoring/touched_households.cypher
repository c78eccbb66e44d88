// Returns the households an incremental rescore must look at: those whose own record, a
// member's record or membership, a member's kinship, an enrolment, or an event counting for
// them (W1) changed since $since (loaders set updated_at on every change).
// Parameters: $since (a datetime: the start of the last successful run).
// Returns: one row, household_ids (sorted).
// Rules: W1, W7.
CALL () {
  MATCH (h:Household) WHERE h.updated_at > $since
  RETURN h
  UNION
  MATCH (e:Event)-[:ABOUT]->(h:Household) WHERE e.updated_at > $since
  RETURN h
  UNION
  MATCH (e:Event)-[:ABOUT]->(:Person)-[m:MEMBER_OF]->(h:Household)
  WHERE e.updated_at > $since
    AND m.from <= e.occurred_on AND (m.to IS NULL OR e.occurred_on <= m.to)
  RETURN h
  UNION
  MATCH (:Person)-[m:MEMBER_OF]->(h:Household) WHERE m.updated_at > $since
  RETURN h
  UNION
  MATCH (p:Person)-[:MEMBER_OF]->(h:Household) WHERE p.updated_at > $since
  RETURN h
  UNION
  MATCH (p:Person)-[k:PARENT_OF|SPOUSE_OF]-(:Person) WHERE k.updated_at > $since
  MATCH (p)-[:MEMBER_OF]->(h:Household)
  RETURN h
  UNION
  MATCH (n:Enrollment)-[:OF]->(h:Household) WHERE n.updated_at > $since
  RETURN h
  UNION
  MATCH (n:Enrollment)-[:OF]->(:Person)-[:MEMBER_OF]->(h:Household) WHERE n.updated_at > $since
  RETURN h
}
WITH h.household_id AS household_id ORDER BY household_id
RETURN collect(household_id) AS household_ids
