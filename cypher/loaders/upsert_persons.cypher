// Upserts persons (I1).
// Parameters: $rows: [{i, person_id, props: {name, sex, birth_date, annual_income,
//   disability_grade, disability_type, major_disease, legal_status, death_date}}].
// Returns: i, changed per written row. (changed: created, or a property differs; a
// node or edge without updated_at was just created, since every load sets it)
UNWIND $rows AS row
MERGE (p:Person {person_id: row.person_id})
WITH p, row, properties(p) AS before
SET p += row.props
WITH p, row, before.updated_at IS NULL OR before <> properties(p) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET p.updated_at = datetime())
RETURN row.i AS i, changed
