// Returns the assistance chain of one household (一户一条救助链; CONTRACT §4
// GET /v1/households/{id}/assistance) as it stood on $as_of, one walk from the household:
// every enrolment of the household or of a member on $as_of, begun on or before $as_of
// (M1-M5); every application (P1), referral (P11) and discovery (P4) FOR the household,
// filed on or before $as_of, with its status on $as_of: the status its last timeline step
// dated on or before $as_of produced (P12), and the day it closed when that status is final
// (granted, refused, not_accepted, withdrawn; rejected, done; closed). A step dated after
// $as_of is not yet seen, so an earlier $as_of shows the chain as it then was.
// Relief (R1-R5): every temporary-relief case FOR the household or a member on $as_of,
//   filed on or before $as_of, by ANY township (R1: the place of the emergency), with its
//   status as above (final: closed) and the standby-fund payments linked to it (R5: ledger
//   entries of kind payment carrying its relief_id, in its filing township's fund) paid on
//   or before $as_of. Conferences (R6): every case conference held on or before $as_of that
//   names the household, a member, or a relief case of the chain (on it, or cited at its
//   filing), with its status on $as_of: signed from its signature's day (`signed_on`, the
//   day its signature step records; R6: read-only from then), a draft before.
// Visibility: `visible` lists the persons the items and members name whom the caller may
//   see, decided as cypher/persons/visible does (where the person belongs today, UTC+8);
//   the caller masks the others (CONTRACT §3). The household itself must lie in the
//   caller's region; relief cases and their payments show whoever filed them (R1).
// Parameters: $household_id, $region_prefix (the caller's region), $as_of.
// Returns: one row (none for a household outside $region_prefix): household_id, region_code,
//   members [person_id] (membership open on $as_of, E1's candidates), enrollments
//   [{subject_id, person_id (null: the household's own), program, from, to, monthly_amount,
//   application_id, review_id}], applications [{application_id, program, person_id,
//   received_on, status, closed_on, monthly_amount, proposed_amount}], referrals
//   [{referral_id, department, need, person_id, source_id, source_kind, sent_on, status,
//   closed_on, outcome}], discoveries [{discovery_id, person_id, source, found_on, status,
//   closed_on, outcome}], relief [{relief_id, township_code, county_code, track, cause, year,
//   occurred_on, filed_on, household_id, person_id, subject_kind, repeated_cause,
//   conference_id, shown_person (the member it is FOR, or null), status, closed_on,
//   payments [{entry_id, on, amount}]}], conferences [{conference_id, county_code, status,
//   held_on, signed_on (on $as_of), amount, decision, relief_id, household_id, person_id,
//   shown_person}], visible [person_id].
// Complexity: one index seek on the household, then its degree: memberships, the
//   enrolments of it and its members, its cases and their timeline steps, the entries of
//   the funds of its relief cases' townships, index seeks of conferences by household,
//   person, relief case and id; no scan.
// Rules: E1 (members on a date), M1-M5, P1, P4, P11, P12, R1, R3, R4, R5, R6.
MATCH (h:Household {household_id: $household_id})
WHERE h.region_code STARTS WITH $region_prefix
CALL (h) {
  OPTIONAL MATCH (p:Person)-[m:MEMBER_OF]->(h)
  WHERE m.from <= $as_of AND (m.to IS NULL OR m.to >= $as_of)
  WITH DISTINCT p
  WHERE p IS NOT NULL
  RETURN collect(p) AS persons
}
WITH h, persons,
     COLLECT {
       UNWIND [h] + persons AS s
       MATCH (e:Enrollment)-[:OF]->(s)
       WHERE e.from <= $as_of
       RETURN e {.subject_id, person_id: CASE WHEN s = h THEN null ELSE s.person_id END,
                 .program, .from, .to, .monthly_amount, .application_id, .review_id}
     } AS enrollments,
     COLLECT {
       MATCH (a:Application)-[:FOR]->(h)
       WHERE a.received_on <= $as_of
       WITH a, COLLECT {
         MATCH (a)-[:HAS_STEP]->(s:CaseStep)
         WHERE s.on <= $as_of
         WITH s ORDER BY s.seq
         RETURN s {.produced, .on}
       } AS steps
       WITH a, steps, [s IN steps WHERE s.produced IN
                         ['granted', 'refused', 'not_accepted', 'withdrawn'] | s.on] AS closing
       RETURN a {.application_id, .program, .person_id, .received_on,
                 status: coalesce(steps[-1].produced, 'received'),
                 closed_on: closing[0], .monthly_amount, .proposed_amount}
     } AS applications,
     COLLECT {
       MATCH (r:Referral)-[:FOR]->(h)
       WHERE r.sent_on <= $as_of
       WITH r, COLLECT {
         MATCH (r)-[:HAS_STEP]->(s:CaseStep)
         WHERE s.on <= $as_of
         WITH s ORDER BY s.seq
         RETURN s {.produced, .on}
       } AS steps
       WITH r, steps, [s IN steps WHERE s.produced IN ['rejected', 'done'] | s.on] AS closing
       RETURN r {.referral_id, .department, .need, .person_id, .source_id, .source_kind,
                 .sent_on, status: coalesce(steps[-1].produced, 'sent'),
                 closed_on: closing[0],
                 outcome: CASE WHEN size(closing) > 0 THEN r.outcome END}
     } AS referrals,
     COLLECT {
       MATCH (d:Discovery)-[:FOR]->(h)
       WHERE d.found_on <= $as_of
       WITH d, COLLECT {
         MATCH (d)-[:HAS_STEP]->(s:CaseStep)
         WHERE s.on <= $as_of
         WITH s ORDER BY s.seq
         RETURN s {.produced, .on}
       } AS steps
       WITH d, steps, [s IN steps WHERE s.produced = 'closed' | s.on] AS closing
       RETURN d {.discovery_id, .person_id, .source, .found_on,
                 status: coalesce(steps[-1].produced, 'open'), closed_on: closing[0],
                 outcome: CASE WHEN size(closing) > 0 THEN d.outcome END}
     } AS discoveries,
     COLLECT {
       UNWIND [h] + persons AS s
       MATCH (r:Relief)-[:FOR]->(s)
       WHERE r.filed_on <= $as_of
       WITH r, s, COLLECT {
         MATCH (r)-[:HAS_STEP]->(st:CaseStep)
         WHERE st.on <= $as_of
         WITH st ORDER BY st.seq
         RETURN st {.produced, .on}
       } AS steps
       WITH r, s, steps, [st IN steps WHERE st.produced = 'closed' | st.on] AS closing
       RETURN r {.relief_id, .township_code, .county_code, .track, .cause, .year,
                 .occurred_on, .filed_on, .household_id, .person_id, .subject_kind,
                 .repeated_cause, .conference_id,
                 shown_person: CASE WHEN s = h THEN null ELSE s.person_id END,
                 status: coalesce(steps[-1].produced, 'filed'), closed_on: closing[0],
                 payments: COLLECT {
                   MATCH (:Fund {township_code: r.township_code})-[:HAS_ENTRY]->(e:FundEntry)
                   WHERE e.relief_id = r.relief_id AND e.kind = 'payment' AND e.on <= $as_of
                   WITH e ORDER BY e.seq
                   RETURN e {.entry_id, .on, .amount}
                 }}
     } AS relief
WITH h, persons, enrollments, applications, referrals, discoveries, relief,
     COLLECT {
       CALL (h, persons, relief) {
         MATCH (c:Conference {household_id: h.household_id})
         RETURN c
         UNION
         UNWIND persons AS p
         MATCH (c:Conference {person_id: p.person_id})
         RETURN c
         UNION
         UNWIND relief AS r
         MATCH (c:Conference {relief_id: r.relief_id})
         RETURN c
         UNION
         UNWIND relief AS r
         MATCH (c:Conference {conference_id: r.conference_id})
         RETURN c
       }
       WITH c, c.status = 'signed' AND c.signed_on <= $as_of AS signed
       WHERE c.held_on <= $as_of
       RETURN c {.conference_id, .county_code, .held_on, .amount, .decision, .relief_id,
                 .household_id, .person_id,
                 shown_person: coalesce(c.person_id,
                                        [r IN relief WHERE r.relief_id = c.relief_id
                                         | r.shown_person][0]),
                 status: CASE WHEN signed THEN 'signed' ELSE 'draft' END,
                 signed_on: CASE WHEN signed THEN c.signed_on END}
     } AS conferences
WITH h, enrollments, applications, referrals, discoveries, relief, conferences,
     [p IN persons | p.person_id] AS members
WITH h, members, enrollments, applications, referrals, discoveries, relief, conferences,
     members + [e IN enrollments WHERE e.person_id IS NOT NULL | e.person_id]
             + [a IN applications WHERE a.person_id IS NOT NULL | a.person_id]
             + [r IN referrals WHERE r.person_id IS NOT NULL | r.person_id]
             + [d IN discoveries WHERE d.person_id IS NOT NULL | d.person_id]
             + [r IN relief WHERE r.shown_person IS NOT NULL | r.shown_person]
             + [c IN conferences WHERE c.shown_person IS NOT NULL | c.shown_person] AS named
RETURN h.household_id AS household_id, h.region_code AS region_code, members, enrollments,
       applications, referrals, discoveries, relief, conferences,
       COLLECT {
         UNWIND named AS id
         WITH DISTINCT id
         MATCH (p:Person {person_id: id})
         WHERE coalesce(
                 COLLECT { MATCH (p)-[m:MEMBER_OF]->(home:Household)
                           WHERE m.from <= date({timezone: '+08:00'})
                           RETURN home.region_code ORDER BY m.from DESC LIMIT 1 }[0]
                   STARTS WITH $region_prefix,
                 size($region_prefix) = 2)
         RETURN p.person_id
       } AS visible
