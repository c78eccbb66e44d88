// Counts from the resources themselves what the rollup holds for a region on a day (S1):
// open warnings by level, overdue warnings, visits on time and late in the day's month up
// to the day, applications by status, overdue cases and referrals. The rollup must equal
// it (tests/stats: the hypothesis test), and bench/stats_figures.py measures it as the figures' floor. A warning is open
// from its issue day until the day of its visit or guidance call (W6), at the level of its
// last issue or escalation on or before the day (level_on, level_seq); overdue when open
// and its due_on is before the day; an application's status is what its last step (by seq)
// dated on or before the day produced (P12); a case (application, discovery) or a referral
// overdue when the last step (by seq) dated on or before the day left a running deadline
// before the day (a step's due_on; the last step's, if it has none, the resource's).
// Complexity: O(warnings + (applications + discoveries + referrals) × steps of the region):
// what the rollup avoids.
// Parameters: $prefix (the region's significant digits); $day.
// Returns: key (as stats.rollup names it), n.
// Rules: S1, W3, W6, P4, P7, P11, P12.
CALL () {
  MATCH (w:Warning)
  WHERE w.township_code STARTS WITH $prefix AND w.issued_on <= $day
  WITH w, CASE WHEN w.status = 'closed' THEN coalesce(w.visited_on, w.guidance_called_on)
          END AS closed,
       coalesce(w.level_on, [w.issued_on]) AS ons, coalesce(w.level_seq, [w.level]) AS seq
  WHERE closed IS NULL OR closed > $day
  WITH w, [i IN range(0, size(ons) - 1) WHERE ons[i] <= $day | seq[i]] AS levels
  UNWIND ['warnings_open:' + levels[-1]] +
         CASE WHEN w.due_on < $day THEN ['warnings_overdue'] ELSE [] END AS key
  RETURN key, count(*) AS n
  UNION ALL
  MATCH (w:Warning)
  WHERE w.township_code STARTS WITH $prefix AND w.status = 'closed'
    AND w.visited_on >= date.truncate('month', $day) AND w.visited_on <= $day
  RETURN CASE WHEN w.due_on IS NOT NULL AND w.visited_on > w.due_on
              THEN 'verifications_late' ELSE 'verifications_on_time' END AS key,
         count(*) AS n
  UNION ALL
  MATCH (a:Application)
  WHERE a.township_code STARTS WITH $prefix AND a.received_on <= $day
  CALL (a) {
    MATCH (a)-[:HAS_STEP]->(s:CaseStep)
    WHERE s.on <= $day
    WITH s ORDER BY s.seq DESC LIMIT 1
    RETURN s.produced AS status
  }
  RETURN 'applications:' + status AS key, count(*) AS n
  UNION ALL
  MATCH (c:Application|Discovery|Referral)
  WHERE c.township_code STARTS WITH $prefix
  CALL (c) {
    MATCH (c)-[:HAS_STEP]->(s:CaseStep)
    WITH s ORDER BY s.seq DESC
    WITH collect(s) AS steps
    WITH steps[0] AS last, [x IN steps WHERE x.on <= $day][0] AS now
    RETURN CASE WHEN now = last THEN coalesce(now.due_on, c.due_on) ELSE now.due_on END AS due
  }
  WITH c, due
  WHERE due < $day
  RETURN CASE WHEN c:Referral THEN 'referrals_overdue' ELSE 'cases_overdue' END AS key,
         count(*) AS n
}
RETURN key, sum(n) AS n
