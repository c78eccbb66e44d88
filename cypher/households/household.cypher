// Returns a household with its current members and enrolments (CONTRACT §3,
// GET /v1/households/{id}): members with a membership open on $as_of (E1's candidates, before
// E1 takes out the imprisoned and missing), enrolments of the household or of a current
// member open on $as_of.
// A member's own facts are undated (the latest loaded), so a member on an earlier $as_of who
//   belongs elsewhere TODAY (the household of their latest membership begun by today in China,
//   UTC+8, the database's clock, lies outside $region_prefix) comes with in_region false, for
//   the caller to mask (issue 14 item 7); so do that member's enrolments.
// Parameters: $household_id, $region_prefix (caller's region), $as_of.
// Returns: one row (none outside the region): household {household_id, region_code, hukou,
//   address, assets_ok, rigid_expenditure_annual}, members [{person_id, name, sex,
//   birth_date, relation, from, annual_income, disability_grade, disability_type,
//   major_disease, legal_status, death_date, in_region}], enrollments [{subject_id, program,
//   from, to, in_region}].
// The enrolments are found from the household and its current members (their OF edges), never
//   from all enrolments: a filter on the subject after matching every Enrollment scanned the
//   label, ~80,000 nodes and 0.7 s a request at 100,000 households (bench/api_layers.py,
//   issue 20).
// Rules: E1 (membership dates), M1-M5 (enrolments).
MATCH (h:Household {household_id: $household_id})
WHERE h.region_code STARTS WITH $region_prefix
WITH h, COLLECT {
  MATCH (p:Person)-[m:MEMBER_OF]->(h)
  WHERE m.from <= $as_of AND (m.to IS NULL OR m.to >= $as_of)
  RETURN p {.person_id, .name, .sex, .birth_date, relation: m.relation, from: m.from,
            .annual_income, .disability_grade, .disability_type, .major_disease,
            .legal_status, .death_date,
            in_region: coalesce(
              COLLECT { MATCH (p)-[t:MEMBER_OF]->(today_home:Household)
                        WHERE t.from <= date({timezone: '+08:00'})
                        RETURN today_home.region_code ORDER BY t.from DESC LIMIT 1 }[0]
                STARTS WITH $region_prefix,
              size($region_prefix) = 2)}
  ORDER BY p.birth_date
} AS members
RETURN h {.household_id, .region_code, .hukou, .address, .assets_ok,
          .rigid_expenditure_annual} AS household,
       members,
       COLLECT {
         UNWIND [h] + COLLECT {
           MATCH (p:Person)-[m:MEMBER_OF]->(h)
           WHERE m.from <= $as_of AND (m.to IS NULL OR m.to >= $as_of)
           RETURN DISTINCT p
         } AS s
         MATCH (e:Enrollment)-[:OF]->(s)
         WHERE e.from <= $as_of AND (e.to IS NULL OR e.to >= $as_of)
         RETURN e {.subject_id, .program, .from, .to,
                   in_region: s = h OR [x IN members WHERE x.person_id = s.person_id][0].in_region}
         ORDER BY e.subject_id, e.program
       } AS enrollments
