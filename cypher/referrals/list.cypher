// Returns a page of referrals below a region in referral_id order (CONTRACT §4,
// GET /v1/referrals), a department's own only when $department is given; `overdue_on` keeps
// open referrals whose earliest running deadline is before that day (P11: shown in the
// county's list).
// Parameters: $region_prefix; $department, $status, $overdue_on (each null: any); $cursor
//   ('' for the first page); $limit.
// Returns: one row per referral: referral {referral_id, source_id, source_kind,
//   household_id, person_id, township_code, department, need, sent_on, status,
//   acknowledged_on, outcome_on, outcome, due_on, due_step, due_on_provisional}.
// Rules: P11.
MATCH (r:Referral)
WHERE r.township_code STARTS WITH $region_prefix
  AND r.referral_id > $cursor
  AND ($department IS NULL OR r.department = $department)
  AND ($status IS NULL OR r.status = $status)
  AND ($overdue_on IS NULL OR r.due_on < $overdue_on)
RETURN r {.referral_id, .source_id, .source_kind, .household_id, .person_id,
          .township_code, .department, .need, .sent_on, .status, .acknowledged_on,
          .outcome_on, .outcome, .due_on, .due_step, .due_on_provisional} AS referral
ORDER BY r.referral_id
LIMIT $limit
