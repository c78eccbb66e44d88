// Returns the officials serving a township, its villages or its county on a date (C1, C3):
// one row per SERVES edge in force on $on (from <= $on <= to, both ends included; a null
// `to` is open) whose region is the township, one of its villages (the 12-digit codes under
// the township's 9 significant digits) or its county (the township's first 6 digits).
// Parameters: $county_code (12 digits); $township_prefix (the township's 9 significant
//   digits, which its own code and its villages' start with); $on (a date).
// Returns: person_id, role ('handler', 'committee_member', 'assistant'), region_code, from,
//   to; ordered by region_code, role, person_id, from.
// Rules: C1, C3.
// Complexity: two seeks on the Region code index (the county; the range of codes under the
// township's prefix, the township itself among them), then each region's SERVES edges:
// a few dozen rows however many officials the store holds.
CALL () {
  MATCH (r:Region {code: $county_code})
  RETURN r
  UNION
  MATCH (r:Region)
  WHERE r.code STARTS WITH $township_prefix
  RETURN r
}
MATCH (p:Person)-[s:SERVES]->(r)
WHERE s.from <= $on AND (s.to IS NULL OR s.to >= $on)
RETURN p.person_id AS person_id, s.role AS role, r.code AS region_code, s.from AS from,
       s.to AS to
ORDER BY region_code, role, person_id, from
