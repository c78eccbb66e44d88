// Upserts department events and their ABOUT edge to the person or household (RULES §4, W1);
// an event corrected to another subject loses the old edge.
// Parameters: $rows: [{i, source, event_id, props: {indicator, occurred_on, note,
//   subject_id, subject_kind}}].
// Returns: one row: written, the indexes of the rows written (not those whose subject
// is missing); changed, those that were created or now differ (a node or edge without
// updated_at was just created: every load sets it).
// $updated_by: who the load is for (a token's sub, or cli:user), stored with updated_at on
//   what the row changes (issue 14 item 8); null leaves it unset.
UNWIND $rows AS row
OPTIONAL MATCH (p:Person {person_id: row.props.subject_id})
  WHERE row.props.subject_kind = 'person'
OPTIONAL MATCH (h:Household {household_id: row.props.subject_id})
  WHERE row.props.subject_kind = 'household'
WITH row, coalesce(p, h) AS subject
WHERE subject IS NOT NULL
MERGE (e:Event {source: row.source, event_id: row.event_id})
WITH e, subject, row, properties(e) AS before
SET e += row.props
WITH e, subject, row, before
OPTIONAL MATCH (e)-[old:ABOUT]->(other) WHERE other <> subject
DELETE old
MERGE (e)-[:ABOUT]->(subject)
WITH DISTINCT e, row, before.updated_at IS NULL OR before <> properties(e) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET e.updated_at = datetime(),
  e.updated_by = $updated_by)
// One record for the whole batch: a record per row costs a Bolt message each.
RETURN collect(row.i) AS written, collect(CASE WHEN changed THEN row.i END) AS changed
