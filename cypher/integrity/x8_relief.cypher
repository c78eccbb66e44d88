// Returns a page of the relief cases filed in a region with what X8 needs to judge each against
// R4's limits from the graph itself, marked at filing or not (a second township's filing, a
// load, a filing before its conference was cancelled): the case, the first case of its group
// (the same subject, its `FOR` node, the same cause, the same calendar year, by any township,
// filed on or before $as_of; first by filed_on, then an unmarked case before a marked one, then
// relief_id, as `relief.same_cause_repeats` orders them for the assistance chain), and the
// conferences that bear on it (on the case, or cited at its filing), each as it stood on
// $as_of (held by then; signed only from its `signed_on`, as the chain reads them). The case is
// a repeat when its group's first is another case; `relief.cause_lifted` and
// `relief.over_limits` say whether a signed conference of its county lifts each limit.
// Parameters: $region_prefix (significant digits of the region scanned); $as_of (a date);
//   $cursor ('' for the first page: relief ids after it); $limit (cases read per page).
// Returns: one row per case of the page (every case filed in the region on or before $as_of,
//   the page's last row gives the next cursor): relief {relief_id, township_code, county_code,
//   household_id, person_id, subject_kind, cause, year, occurred_on, filed_on,
//   requested_amount, paid_amount, decided_amount, case_cap, repeated_cause, conference_id},
//   first (the relief_id of its group's first case, itself included), conferences
//   [{conference_id, county_code, status, amount, relief_id, household_id, person_id}];
//   ordered by relief_id.
// Rules: X8, R4, R6, R1.
// Complexity: a range seek on Relief.township_code, then per case the degree of its subject
//   (the cases FOR it) and index seeks of conferences by relief_id and conference_id: never
//   one query per case.
MATCH (r:Relief)
WHERE r.township_code STARTS WITH $region_prefix
  AND r.relief_id > $cursor
  AND r.filed_on <= $as_of
WITH r
ORDER BY r.relief_id
LIMIT $limit
RETURN r {.relief_id, .township_code, .county_code, .household_id, .person_id, .subject_kind,
          .cause, .year, .occurred_on, .filed_on, .requested_amount, .paid_amount,
          .decided_amount, .case_cap, .repeated_cause, .conference_id} AS relief,
       COLLECT {
         MATCH (r)-[:FOR]->(subject)
         MATCH (o:Relief)-[:FOR]->(subject)
         WHERE o.cause = r.cause AND o.year = r.year AND o.filed_on <= $as_of
         WITH o ORDER BY o.filed_on, coalesce(o.repeated_cause, false), o.relief_id
         RETURN o.relief_id
         LIMIT 1
       }[0] AS first,
       COLLECT {
         CALL (r) {
           MATCH (c:Conference {relief_id: r.relief_id})
           RETURN c
           UNION
           MATCH (c:Conference {conference_id: r.conference_id})
           RETURN c
         }
         WITH c, c.status = 'signed' AND c.signed_on <= $as_of AS signed
         WHERE c.held_on <= $as_of
         WITH c, signed ORDER BY c.conference_id
         RETURN c {.conference_id, .county_code, .amount, .relief_id, .household_id,
                   .person_id, status: CASE WHEN signed THEN 'signed' ELSE 'draft' END}
       } AS conferences
ORDER BY r.relief_id
