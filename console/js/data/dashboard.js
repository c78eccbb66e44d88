// The supervision dashboard's data (督促调度, RULES S1-S2; GET /v1/stats, GET /v1/stats.xlsx):
// a region's figures and those of the regions directly under it on the as-of date, the
// region's month ends, and the workbook as a file.

import { api, apiBlob } from "../api.js";
import { LEVELS } from "./queue.js";

export { LEVELS };

const sum = (counts) => Object.values(counts ?? {}).reduce((a, b) => a + b, 0);

/** One row of the region table: the figures a bar or a cell shows. */
function row(region, name, figures) {
  const open = figures.warnings_open_by_level;
  return {
    region,
    name,
    dibao: figures.households_by_group.M1, // M1 households, M2 persons: groups overlap (S1)
    tekun: figures.persons_by_group.M2,
    open: open === null ? null : sum(open),
    byLevel: open,
    overdue: figures.warnings_overdue,
    late: figures.verifications_late,
    cases: figures.cases_overdue,
    referrals: figures.referrals_overdue,
    balance: figures.fund_balance,
  };
}

/**
 * The dashboard of `region` (the caller's when null) on `asOf`: `{region, name, total,
 * children: [row], levelMix: [[level, n]], trend: [{month, overdue, cases, referrals}]}`.
 */
export async function dashboardScreen(region, asOf) {
  const body = await api("/v1/stats", { query: { region, as_of: asOf, months: 12 } });
  const levels = body.figures.warnings_open_by_level ?? {};
  return {
    region: body.region,
    name: body.name,
    total: row(body.region, body.name, body.figures),
    children: body.children.map((c) => row(c.region, c.name, c.figures)),
    levelMix: LEVELS.map((level) => [level, levels[level] ?? 0]),
    trend: body.monthly.map((m) => ({
      month: m.month,
      overdue: m.figures.warnings_overdue ?? 0,
      cases: m.figures.cases_overdue ?? 0,
      referrals: m.figures.referrals_overdue ?? 0,
    })),
  };
}

/** The S1 workbook of `region` on `asOf`: `{blob, name}`. */
export async function workbookFile(region, asOf) {
  const query = new URLSearchParams({ region, as_of: asOf });
  const blob = await apiBlob(`/v1/stats.xlsx?${query}`);
  return { blob, name: `stats-${region}-${asOf}.xlsx` };
}

/** The region above `code` (I2), or null for a province. */
export function parentOf(code) {
  for (const width of [9, 6, 4, 2]) {
    const kept = code.slice(0, width);
    if (kept.padEnd(12, "0") !== code && /[1-9]/.test(code.slice(width))) {
      return kept.padEnd(12, "0");
    }
  }
  return null;
}
