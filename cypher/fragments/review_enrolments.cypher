// Fragment: the enrolments of $programs that a household's reviews are about (P10): the
// household's own, and those of each of its current members (a person's enrolment, such as
// tekun), each beside the person (`p`; null for the household's own). A CALL subquery that
// binds `e` and `p` for the household `h` of the including query.
// Parameters: $programs.
// Included by: reviews/due, integrity/x3_enrolments.
// Rules: P10, E1.
CALL (h) {
  MATCH (e:Enrollment)-[:OF]->(h)
  WHERE e.program IN $programs
  RETURN e, null AS p
  UNION
  MATCH (p:Person)-[m:MEMBER_OF]->(h)
  WHERE m.to IS NULL
  MATCH (e:Enrollment)-[:OF]->(p)
  WHERE e.program IN $programs
  RETURN e, p
}
