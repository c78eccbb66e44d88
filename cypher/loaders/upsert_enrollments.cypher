// Upserts enrolments of a person or a household (M1-M5) and their OF edge.
// Parameters: $rows: [{i, subject_id, program, from, props: {to}}].
// Returns: one row: written, the indexes of the rows written; changed, those that were
// created or now differ (a node or edge without updated_at was just created: every
// load sets it).
// $updated_by: who the load is for (a token's sub, or cli:user), stored with updated_at on
//   what the row changes (issue 14 item 8); null leaves it unset.
UNWIND $rows AS row
OPTIONAL MATCH (p:Person {person_id: row.subject_id})
OPTIONAL MATCH (h:Household {household_id: row.subject_id})
WITH row, coalesce(p, h) AS subject
WHERE subject IS NOT NULL
MERGE (e:Enrollment {subject_id: row.subject_id, program: row.program, from: row.from})
WITH e, subject, row, properties(e) AS before
SET e += row.props
MERGE (e)-[:OF]->(subject)
WITH e, row, before.updated_at IS NULL OR before <> properties(e) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET e.updated_at = datetime(),
  e.updated_by = $updated_by)
// One record for the whole batch: a record per row costs a Bolt message each.
RETURN collect(row.i) AS written, collect(CASE WHEN changed THEN row.i END) AS changed
