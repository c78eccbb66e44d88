// Returns the enrolments of a region begun on or after the day the workflow went live with
// no decision behind them (X5; 民发〔2021〕57号 第二十九条: no enrolment without application,
// investigation and decision): an enrolment of a programme an application may ask for (P1),
// begun on or after $workflow_from and on or before $as_of, that no granted application
// created (P8, `GRANTED`) and no review opened (P10: an adjust opens the next enrolment,
// `OF {as: 'opened'}`).
// Parameters: $region_prefix (significant digits of the region scanned); $as_of (a date);
//   $workflow_from (the `workflow_from` setting); $programs (P1's programmes).
// Returns: one row per enrolment: subject_id, subject_kind ('person' or 'household'),
//   region_code (the village of the person's household on $as_of, else their last one, or the
//   household's), program, from, to; ordered by subject_id, program, from.
// Rules: X5, P1, P7, P8, P10, W5.
// Complexity: a range seek on Household.region_code, then each subject's enrolments:
//   O(households + members + enrolments of the region).
CALL () {
  MATCH (h:Household)
  WHERE h.region_code STARTS WITH $region_prefix
  MATCH (p:Person)-[m:MEMBER_OF]->(h)
  WHERE
    // include: fragments/latest_membership(person: p, membership: m)
  MATCH (e:Enrollment)-[:OF]->(p)
  RETURN p.person_id AS subject_id, 'person' AS subject_kind, h.region_code AS region_code, e
  UNION
  MATCH (h:Household)
  WHERE h.region_code STARTS WITH $region_prefix
  MATCH (e:Enrollment)-[:OF]->(h)
  RETURN h.household_id AS subject_id, 'household' AS subject_kind,
         h.region_code AS region_code, e
}
WITH subject_id, subject_kind, region_code, e
WHERE e.program IN $programs
  AND e.from >= $workflow_from AND e.from <= $as_of
  AND NOT EXISTS { (:Application {status: 'granted'})-[:GRANTED]->(e) }
  AND NOT EXISTS { (:Review)-[o:OF]->(e) WHERE o.as = 'opened' }
RETURN subject_id, subject_kind, region_code, e.program AS program, e.from AS from,
       e.to AS to
ORDER BY subject_id, program, from
