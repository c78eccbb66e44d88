// Files an application's hits of officials' relatives (单独登记备案, C3): one Filing per
// (official, member, relation), kept once; a later check finding it again adds nothing.
// Parameters: $application_id; $filings [{official_id, role, region_code, member_id,
//   relation, relation_path, declared, undeclared, found_on, at_step}].
// Returns: one row: filed (how many filings the application has now).
// Rules: C3.
MATCH (a:Application {application_id: $application_id})
CALL (a) {
  UNWIND $filings AS f
  MERGE (a)-[:FILED]->(x:Filing {application_id: a.application_id, official_id: f.official_id,
                                 member_id: f.member_id, relation: f.relation})
  ON CREATE SET x += f
}
WITH a, COUNT { (a)-[:FILED]->(:Filing) } AS filed
SET a.filed = filed > 0
RETURN filed
