// Returns the households an incremental rescore must look at: every household whose score or
// warnings a full run on the same as-of date could set differently from the last successful
// run (W7; issue 13 item 8). Those whose own record, a member's record or membership, a
// member's kinship, an enrolment, or an event counting for them (W1) changed since $since
// (loaders set updated_at on every change); those with an event whose occurred_on entered or
// left the window between the last run's as-of date and this one's (W2: an event reported
// ahead of its date counts only once the window reaches it, and one that leaves lowers the
// score); and those whose warning was closed since (W6: its events stop counting).
// Parameters: $since (a datetime: the start of the last successful run); $shifted
//   [{after, until}]: the ranges of occurred_on, (after, until], whose days are in one window
//   and not in the other (empty when the as-of date is the same).
// Returns: one row, household_ids (sorted).
// Rules: W1, W2, W6, W7.
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
  UNION
  MATCH (w:Warning)-[:FOR_HOUSEHOLD]->(h:Household)
  USING INDEX w:Warning(closed_at)
  WHERE w.closed_at > $since
  RETURN h
  UNION
  // Both bounds in the occurred_on index seek (one seek per range).
  UNWIND $shifted AS range
  MATCH (e:Event)-[:ABOUT]->(h:Household)
  WHERE e.occurred_on > range.after AND e.occurred_on <= range.until
  RETURN h
  UNION
  UNWIND $shifted AS range
  MATCH (e:Event)-[:ABOUT]->(:Person)-[m:MEMBER_OF]->(h:Household)
  WHERE e.occurred_on > range.after AND e.occurred_on <= range.until
    AND m.from <= e.occurred_on AND (m.to IS NULL OR e.occurred_on <= m.to)
  RETURN h
}
WITH h.household_id AS household_id ORDER BY household_id
RETURN collect(household_id) AS household_ids
