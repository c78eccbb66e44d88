// Files a reviewed enrolment's hits of officials' relatives (单独登记备案, C3 at each review):
// one Filing per (official, member, relation) on the enrolment, kept once; a later review
// finding it again adds nothing. Written before the review's transaction, so that a review
// refused after (C4: a filed case needs a county officer's home visit) keeps the filing.
// Parameters: $subject_id, $program, $from (the enrolment's key); $filings [{official_id,
//   role, region_code, member_id, relation, relation_path, declared, undeclared, found_on,
//   at_step}].
// Returns: one row: filed (how many filings the enrolment has now); none when there is no
//   such enrolment.
// Rules: C3, C4, P10.
MATCH (e:Enrollment {subject_id: $subject_id, program: $program, from: $from})
CALL (e) {
  UNWIND $filings AS f
  MERGE (e)-[:FILED]->(x:Filing {subject_id: e.subject_id, program: e.program,
                                 enrollment_from: e.from, official_id: f.official_id,
                                 member_id: f.member_id, relation: f.relation})
  ON CREATE SET x += f
}
WITH e, COUNT { (e)-[:FILED]->(:Filing) } AS filed
SET e.filed = filed > 0
RETURN filed
