// One account by its username, every property (the password hash and sealed secrets stay
// inside the accounts package; the API shows `PUBLIC_FIELDS` only).
// Parameters: $username.
// Returns: at most one row: account.
// Rules: none (CONTRACT §5).
MATCH (a:Account {username: $username})
RETURN properties(a) AS account
