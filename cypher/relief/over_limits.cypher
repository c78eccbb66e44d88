// Lists the relief cases of a region that are over R4's limits (X8): the case's amount (the
// decided one once decided, else the larger of the requested and the paid) above its case cap,
// or a repeated cause (the same cause of the same subject in the same calendar year), each with
// the case conferences that bear on it; `relief.limits.over_limits` says whether a signed one of
// the county covers it, and only uncovered cases are findings.
// Parameters: $region_prefix; $cursor ('' for the first page); $limit.
// Returns: one row per case over a limit: relief {relief_id, township_code, county_code,
//   household_id, person_id, cause, year, occurred_on, requested_amount, paid_amount, decided_amount,
//   case_cap, repeated_cause, conference_id}, conferences [{conference_id, county_code, status,
//   amount, relief_id, household_id, person_id}].
// Rules: X8, R4, R6.
MATCH (r:Relief)
WHERE r.township_code STARTS WITH $region_prefix
  AND r.relief_id > $cursor
  AND (r.repeated_cause
       OR coalesce(r.decided_amount,
                   CASE WHEN r.paid_amount > r.requested_amount THEN r.paid_amount
                        ELSE r.requested_amount END) > r.case_cap)
RETURN r {.relief_id, .township_code, .county_code, .household_id, .person_id, .cause, .year,
          .occurred_on, .requested_amount, .paid_amount, .decided_amount, .case_cap, .repeated_cause,
          .conference_id} AS relief,
       COLLECT { MATCH (c:Conference)
                 WHERE c.relief_id = r.relief_id OR c.conference_id = r.conference_id
                 WITH c ORDER BY c.conference_id
                 RETURN c {.conference_id, .county_code, .status, .amount, .relief_id,
                           .household_id, .person_id} } AS conferences
ORDER BY r.relief_id
LIMIT $limit
