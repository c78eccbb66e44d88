// Adds deltas to the rollup's cells (S1, S2; docs/stats.md): each row raises the day cell
// (region, key, day) and the month cell (region, key, first day of the month) by n, creating
// them at 0 first. Rows come aggregated and sorted by (region, key, day) from
// stats.rollup.apply, so two transactions take the cells' locks in one order. A cell at 0 is
// kept (a later delta would create it again).
// Parameters: $cells [{region, key, day, n}] (n a non-zero integer).
// Returns: cells (how many rows were added).
// Rules: S1, S2.
UNWIND $cells AS cell
MERGE (d:StatDay {region: cell.region, key: cell.key, day: cell.day})
  ON CREATE SET d.n = 0
SET d.n = d.n + cell.n
MERGE (m:StatMonth {region: cell.region, key: cell.key, month: date.truncate('month', cell.day)})
  ON CREATE SET m.n = 0
SET m.n = m.n + cell.n
RETURN count(*) AS cells
