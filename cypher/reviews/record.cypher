// Records a review of an enrolment (RULES P10, P12): the Review node and its CaseStep
// timeline, linked to the enrolment it reviewed by an OF edge (as 'reviewed') and to the
// enrolment's filings (C3: what this review's check and earlier ones filed); a terminate
// or an adjust ends the enrolment on $ends_on, and an adjust opens the new enrolment
// ($opens) from the first day of the next month, linked by a second OF edge (as 'opened').
// Parameters: $subject_id, $program, $from (the reviewed enrolment's key); $review (the
//   Review's properties); $steps (the CaseSteps' properties, in seq order); $ends_on (a date
//   or null); $opens ({from, monthly_amount, decided_on, updated_by} or null).
// Returns: one row: review_id.
// Rules: P10, P12, C3.
MATCH (e:Enrollment {subject_id: $subject_id, program: $program, from: $from})-[:OF]->(subject)
CREATE (r:Review)
SET r = $review, r.version = 1, r.created_at = datetime()
CREATE (r)-[:OF {as: 'reviewed'}]->(e)
FOREACH (x IN COLLECT { MATCH (e)-[:FILED]->(x:Filing) RETURN x } | CREATE (r)-[:FILED]->(x))
FOREACH (step IN $steps |
  CREATE (r)-[:HAS_STEP]->(s:CaseStep)
  SET s = step, s.recorded_at = datetime())
FOREACH (_ IN CASE WHEN $ends_on IS NULL THEN [] ELSE [1] END |
  SET e.to = $ends_on, e.ended_by_review = $review.review_id, e.updated_at = datetime(),
      e.updated_by = $review.by)
FOREACH (new IN CASE WHEN $opens IS NULL THEN [] ELSE [$opens] END |
  MERGE (n:Enrollment {subject_id: $subject_id, program: $program, from: new.from})
  SET n.monthly_amount = new.monthly_amount, n.review_id = $review.review_id,
      n.decided_on = new.decided_on, n.updated_at = datetime(), n.updated_by = new.updated_by
  MERGE (n)-[:OF]->(subject)
  CREATE (r)-[:OF {as: 'opened'}]->(n))
RETURN r.review_id AS review_id
