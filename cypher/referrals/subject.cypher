// Returns what a referral is filed under (P11): the subject household (a person's: their
// current household) in the caller's region, its township, whether the source case names
// that household, and the latest recorded consent (R6, P11's charity rule reads the body's).
// Parameters: $household_id, $person_id (exactly one non-null), $source_id, $region_prefix,
//   $on (the day the referral is sent).
// Returns: one row, none when the subject does not exist or lies outside the region:
//   household_id, region_code (the village), source_kind ('application', 'discovery',
//   'relief', 'conference' or null when $source_id names none of them), source_household
//   (the household the source case is about, or null).
// Rules: P11, W5.
OPTIONAL MATCH (p:Person {person_id: $person_id})-[m:MEMBER_OF]->(ph:Household)
  WHERE m.from <= $on AND (m.to IS NULL OR m.to >= $on)
OPTIONAL MATCH (hh:Household {household_id: $household_id})
WITH coalesce(hh, ph) AS h
WHERE h IS NOT NULL AND h.region_code STARTS WITH $region_prefix
OPTIONAL MATCH (a:Application {application_id: $source_id})
OPTIONAL MATCH (d:Discovery {discovery_id: $source_id})
OPTIONAL MATCH (r:Relief {relief_id: $source_id})
OPTIONAL MATCH (c:Conference {conference_id: $source_id})
RETURN h.household_id AS household_id, h.region_code AS region_code,
       CASE WHEN a IS NOT NULL THEN 'application' WHEN d IS NOT NULL THEN 'discovery'
            WHEN r IS NOT NULL THEN 'relief' WHEN c IS NOT NULL THEN 'conference' END
         AS source_kind,
       coalesce(a.household_id, d.household_id, r.household_id, c.household_id)
         AS source_household
LIMIT 1
