// Creates an account (CONTRACT §5) unless its username is taken: MERGE on the unique
// username, and `created` tells whether this call made it (the `creation` token it set).
// Parameters: $account {username, role, region, person_id, department, password_hash,
//   must_change_password}, $by (who creates it), $creation (a random token of this call).
// Returns: one row: created, account (every property).
// Rules: C5 (person_id).
MERGE (a:Account {username: $account.username})
  ON CREATE SET a += $account, a.creation = $creation, a.status = 'active', a.failures = 0,
    a.password_history = [$account.password_hash], a.otp_enabled = false, a.version = 0,
    a.created_at = datetime(), a.created_by = $by, a.updated_at = datetime(), a.updated_by = $by
RETURN a.creation = $creation AS created, properties(a) AS account
