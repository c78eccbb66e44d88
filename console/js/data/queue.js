// The work queue's data: the warnings of the caller's region (or a region inside it), most
// urgent first, overdue ones marked; and the regions of the area filter, one level at a time.

import { allPages } from "../api.js";

export const LEVELS = ["red", "orange", "yellow", "blue", "green"];
const RANK = Object.fromEntries(LEVELS.map((level, i) => [level, i]));

/** Red first, then the earliest due date (none last), then the earliest issued. */
export function byUrgency(a, b) {
  return (
    RANK[a.level] - RANK[b.level] ||
    (a.due_on ?? "9999-12-31").localeCompare(b.due_on ?? "9999-12-31") ||
    a.issued_on.localeCompare(b.issued_on) ||
    a.warning_id.localeCompare(b.warning_id)
  );
}

/** Open and due before the as-of date. */
export function isOverdue(warning, asOf) {
  return warning.status === "open" && warning.due_on !== null && warning.due_on < asOf;
}

/**
 * The queue for the filters of the URL (`level`, `status`: open by default, `all` for any;
 * `region`; `overdue=1`): `{items, truncated, counts: [[level, n]], overdue}`, each item with
 * `overdue`, most urgent first.
 */
export async function queueScreen(query, asOf) {
  const status = query.status === "all" ? null : (query.status ?? "open");
  const { items, truncated } = await allPages("/v1/warnings", {
    level: query.level,
    status,
    region: query.region,
    overdue_on: query.overdue === "1" ? asOf : null,
  });
  const rows = items.sort(byUrgency).map((w) => ({ ...w, overdue: isOverdue(w, asOf) }));
  const counts = LEVELS.map((level) => [level, rows.filter((w) => w.level === level).length]);
  return {
    items: rows,
    truncated,
    counts: counts.filter(([, n]) => n),
    overdue: rows.filter((w) => w.overdue).length,
  };
}

/** A region (the caller's when `parent` is null) and every region directly under it. */
export async function regionLevel(parent) {
  const { parent: region, items, truncated } = await allPages("/v1/regions", { parent });
  if (truncated) throw new Error("too many regions");
  return { parent: region, items };
}

/**
 * Which of `siblings` (the regions under one parent, as GET /v1/regions lists them) is
 * `code` or holds it, or null. A region's code is the smallest of all the codes under it, and
 * the next sibling's is above them all (I2: the codes under a region share its significant
 * digits), so that it is the sibling with the greatest code not above `code`. For a code
 * under none of them the answer is wrong or null: a caller checks that its chain of holders
 * ends at the code itself.
 */
export function holderAmong(siblings, code) {
  let holder = null;
  for (const region of siblings) {
    if (region.code <= code && (holder === null || region.code > holder.code)) holder = region;
  }
  return holder;
}
