// Upserts officials (C1): a SERVES edge from the person to the region served, keyed by
// (person, role, region, from). Like MEMBER_OF, the edge's key is kept unique by MERGE
// between two constrained nodes, which locks both ends.
// Parameters: $rows: [{i, person_id, role, region_code, from, props: {to}}].
// Returns: one row: written, the indexes of the rows written; changed, those that were
// created or now differ (a node or edge without updated_at was just created: every
// load sets it).
// $updated_by: who the load is for (a token's sub, or cli:user), stored with updated_at on
//   what the row changes (issue 14 item 8); null leaves it unset.
// Rules: C1.
UNWIND $rows AS row
MATCH (p:Person {person_id: row.person_id})
MATCH (r:Region {code: row.region_code})
MERGE (p)-[s:SERVES {role: row.role, from: row.from}]->(r)
WITH s, row, properties(s) AS before
SET s += row.props
WITH s, row, before.updated_at IS NULL OR before <> properties(s) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET s.updated_at = datetime(),
  s.updated_by = $updated_by)
// One record for the whole batch: a record per row costs a Bolt message each.
RETURN collect(row.i) AS written, collect(CASE WHEN changed THEN row.i END) AS changed
