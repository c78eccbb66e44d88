// Takes the write lock of one referral before a status change is planned (P11, P12): two
// answers at once are put in a row, and the second plans from what the first wrote.
// Parameters: $referral_id, $region_prefix, $department (the caller's, or null for a county).
// Returns: one row: version; none outside the region or for another department's referral.
// Rules: P11, P12.
MATCH (r:Referral {referral_id: $referral_id})
WHERE r.township_code STARTS WITH $region_prefix
  AND ($department IS NULL OR r.department = $department)
SET r.version = r.version + 1
RETURN r.version AS version
