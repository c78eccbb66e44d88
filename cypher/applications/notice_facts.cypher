// Returns what a written notice names besides the case (P9): the applicant's name and the
// township's name (乡镇人民政府 / 街道办事处) that issues it.
// Parameters: $applicant_id, $township_code.
// Returns: one row: applicant_name (null when the person is gone), township_name (null when
//   the region is not loaded).
// Rules: P9.
OPTIONAL MATCH (p:Person {person_id: $applicant_id})
OPTIONAL MATCH (r:Region {code: $township_code})
RETURN p.name AS applicant_name, r.name AS township_name
