// Returns a household with its current members and enrolments (CONTRACT §3,
// GET /v1/households/{id}): members with a membership open on $as_of (E1's candidates, before
// E1 takes out the imprisoned and missing), enrolments of the household or of a current
// member open on $as_of.
// Parameters: $household_id, $region_prefix (caller's region), $as_of.
// Returns: one row (none outside the region): household {household_id, region_code, hukou,
//   address, assets_ok, rigid_expenditure_annual}, members [{person_id, name, sex,
//   birth_date, relation, from, annual_income, disability_grade, disability_type,
//   major_disease, legal_status, death_date}], enrollments [{subject_id, program, from, to}].
// Rules: E1 (membership dates), M1-M5 (enrolments).
MATCH (h:Household {household_id: $household_id})
WHERE h.region_code STARTS WITH $region_prefix
RETURN h {.household_id, .region_code, .hukou, .address, .assets_ok,
          .rigid_expenditure_annual} AS household,
       COLLECT {
         MATCH (p:Person)-[m:MEMBER_OF]->(h)
         WHERE m.from <= $as_of AND (m.to IS NULL OR m.to >= $as_of)
         RETURN p {.person_id, .name, .sex, .birth_date, relation: m.relation, from: m.from,
                   .annual_income, .disability_grade, .disability_type, .major_disease,
                   .legal_status, .death_date}
         ORDER BY p.birth_date
       } AS members,
       COLLECT {
         MATCH (e:Enrollment)-[:OF]->(s)
         WHERE (s = h OR EXISTS {
                  MATCH (s)-[m:MEMBER_OF]->(h)
                  WHERE m.from <= $as_of AND (m.to IS NULL OR m.to >= $as_of) })
           AND e.from <= $as_of AND (e.to IS NULL OR e.to >= $as_of)
         RETURN e {.subject_id, .program, .from, .to}
         ORDER BY e.subject_id, e.program
       } AS enrollments
