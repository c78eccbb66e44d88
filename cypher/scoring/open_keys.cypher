// Gives each household's open warning the open_key that the warning_open_key uniqueness
// constraint holds (the store refuses a second open warning of a household: issue 14 item
// 3), where a warning issued before that key existed lacks it. A household that already has
// more than one open warning (the defect) keeps them all open: the earliest gets the key,
// the others stay listed until a verification closes them.
// Parameters: none.
// Returns: keyed (how many warnings got a key).
// Rules: W6.
MATCH (w:Warning)
USING INDEX w:Warning(status, level)
WHERE w.status = 'open' AND w.level IS NOT NULL AND w.open_key IS NULL
// Write-lock each one, then read its status again: a verification that closed it meanwhile
// is seen, so a closed warning never gets a key (Neo4j's lost-update pattern).
SET w.keying = true
REMOVE w.keying
WITH w
WHERE w.status = 'open'
WITH w ORDER BY w.issued_on, w.warning_id
WITH w.household_id AS household_id, collect(w)[0] AS first
WHERE NOT EXISTS { MATCH (:Warning {open_key: household_id}) }
SET first.open_key = household_id
RETURN count(first) AS keyed
