// Fragment: what the next review of the enrolment `e` (of the household `h`, or of its member
// `p` when not null) is counted from (P10), as the RETURN of the including query: the last
// review of the enrolment, the counted members on the day counting starts (for a person's
// enrolment: the person alone), and the open warnings on the household.
// Returns: subject_id, program, from, to, person (true for a person's enrolment),
//   township_code (the household's township now, W5), last_review (date or null), members
//   [{birth_date, legal_status, death_date, meets_t2}], warnings [{level, issued_on, due_on}]
//   (open, with a due date).
// T2 here is its disability clauses (一至三级智力、精神残疾，一、二级肢体残疾，一级视力残疾);
//   the age clauses are the schedule's (aged 16–59).
// Included by: reviews/due, integrity/x3_enrolments.
// Rules: P10, W3, W5, W6, T2, E1.
WITH h, e, p,
     COLLECT {
       MATCH (r:Review)-[o:OF]->(e)
       WHERE o.as = 'reviewed'
       WITH r.reviewed_on AS day ORDER BY day DESC LIMIT 1
       RETURN day
     } AS reviewed
WITH h, e, p, reviewed[0] AS last_review
WITH h, e, p, last_review, coalesce(last_review, e.from) AS start
RETURN e.subject_id AS subject_id, e.program AS program, e.from AS from, e.to AS to,
       p IS NOT NULL AS person,
       left(h.region_code, 9) + '000' AS township_code,
       last_review,
       COLLECT {
         MATCH (k:Person)-[m:MEMBER_OF]->(h)
         WHERE (p IS NULL OR k = p) AND m.from <= start AND (m.to IS NULL OR m.to >= start)
         RETURN k {.birth_date, .legal_status, .death_date,
                   meets_t2: coalesce(
                     (k.disability_type IN ['intellectual', 'mental']
                      AND k.disability_grade <= 3)
                     OR (k.disability_type = 'physical' AND k.disability_grade <= 2)
                     OR (k.disability_type = 'visual' AND k.disability_grade = 1), false)}
       } AS members,
       COLLECT {
         MATCH (w:Warning)-[:FOR_HOUSEHOLD]->(h)
         WHERE w.status = 'open' AND w.due_on IS NOT NULL
         RETURN w {.level, .issued_on, .due_on}
       } AS warnings
