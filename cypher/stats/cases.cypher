// Overdue cases and referrals (S1, S2) and the decisions behind the median working days
// (P7), for the regions at one level under a region, on each of some days. A case
// (application or discovery) or a referral is overdue on a day when it was open then
// (received or found or sent by then, not closed by then) and its running deadline, as the
// resource now records it (due_on), was before that day (P6 preamble: overdue from the day
// after its due date). Only running deadlines are recorded, so for a past day this counts
// what is still open now (docs/stats.md).
// Complexity: O(open cases and referrals with a deadline before the last day: the range
// indexes on due_on) + O(decisions from $first to $last: the range index on decided_on).
// Parameters: $prefix; $width; $days; $first (first day of the first month); $last.
// Returns: kind ('case', 'referral' or 'decision'), code (left(township_code, $width)),
//   day (for 'case' and 'referral'), n (their count), accepted_on, decided_on (a decision).
// Rules: S1, S2, P4, P7, P11.
CALL () {
  MATCH (a:Application)
  WHERE a.due_on < $last AND a.township_code STARTS WITH $prefix
  UNWIND $days AS day
  WITH a, day
  WHERE a.due_on < day AND a.received_on <= day AND (a.closed_on IS NULL OR a.closed_on > day)
  RETURN 'case' AS kind, left(a.township_code, $width) AS code, day, count(*) AS n,
         null AS accepted_on, null AS decided_on
  UNION ALL
  MATCH (d:Discovery)
  WHERE d.due_on < $last AND d.township_code STARTS WITH $prefix
  UNWIND $days AS day
  WITH d, day
  WHERE d.due_on < day AND d.found_on <= day AND (d.outcome_on IS NULL OR d.outcome_on > day)
  RETURN 'case' AS kind, left(d.township_code, $width) AS code, day, count(*) AS n,
         null AS accepted_on, null AS decided_on
  UNION ALL
  MATCH (r:Referral)
  WHERE r.due_on < $last AND r.township_code STARTS WITH $prefix
  UNWIND $days AS day
  WITH r, day
  WHERE r.due_on < day AND r.sent_on <= day AND (r.outcome_on IS NULL OR r.outcome_on > day)
  RETURN 'referral' AS kind, left(r.township_code, $width) AS code, day, count(*) AS n,
         null AS accepted_on, null AS decided_on
  UNION ALL
  MATCH (a:Application)
  WHERE a.decided_on >= $first AND a.decided_on <= $last
    AND a.township_code STARTS WITH $prefix AND a.accepted_on IS NOT NULL
  RETURN 'decision' AS kind, left(a.township_code, $width) AS code, null AS day, 1 AS n,
         a.accepted_on AS accepted_on, a.decided_on AS decided_on
}
RETURN kind, code, day, sum(n) AS n, accepted_on, decided_on
