// Upserts MEMBER_OF edges keyed by (person, household, from) (E1, W1). Overlaps are refused
// before this query runs, in the same transaction, once loaders/lock_persons holds the
// persons' locks (loaders.write, loaders.checks; issue 14 item 4).
// Parameters: $rows: [{i, person_id, household_id, from, props: {to, relation}}].
// Returns: one row: written, the indexes of the rows written; changed, those that were
// created or now differ (a node or edge without updated_at was just created: every
// load sets it).
// $updated_by: who the load is for (a token's sub, or cli:user), stored with updated_at on
//   what the row changes (issue 14 item 8); null leaves it unset.
UNWIND $rows AS row
MATCH (p:Person {person_id: row.person_id})
MATCH (h:Household {household_id: row.household_id})
MERGE (p)-[m:MEMBER_OF {from: row.from}]->(h)
WITH m, row, properties(m) AS before
SET m += row.props
WITH m, row, before.updated_at IS NULL OR before <> properties(m) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET m.updated_at = datetime(),
  m.updated_by = $updated_by)
// One record for the whole batch: a record per row costs a Bolt message each.
RETURN collect(row.i) AS written, collect(CASE WHEN changed THEN row.i END) AS changed
