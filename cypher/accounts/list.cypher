// The accounts of a region (CONTRACT §5: the accounts of the caller's region), by username,
// a page after the cursor (the last username of the page before).
// Parameters: $region_prefix, $status ('active', 'disabled' or null for both), $after
//   (username or null), $limit.
// Returns: one row per account: account (every property; the API picks the public ones).
// Rules: none (CONTRACT §5).
MATCH (a:Account)
WHERE a.region STARTS WITH $region_prefix
  AND ($status IS NULL OR a.status = $status)
  AND ($after IS NULL OR a.username > $after)
RETURN properties(a) AS account
ORDER BY a.username
LIMIT $limit
