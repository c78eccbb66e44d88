// What the data modules share: parts of a screen that load on their own, and ages.

/**
 * A part of a screen that may fail alone: `{ok: true, value}` or `{ok: false, error}`, so that
 * a view draws what came and an error note where a part did not.
 */
export function part(settled) {
  return settled.status === "fulfilled"
    ? { ok: true, value: settled.value }
    : { ok: false, error: settled.reason };
}

/** The same part shaped by `shape` (an error stays the error). */
export function shaped(result, shape) {
  return result.ok ? { ok: true, value: shape(result.value) } : result;
}

/** The first failed of several parts, or all their values as one part. */
export function together(...parts) {
  const failed = parts.find((p) => !p.ok);
  return failed ?? { ok: true, value: parts.map((p) => p.value) };
}

/** A request started early, awaited later or dropped when the screen fails: no unhandled
 * rejection in between. */
export function quiet(promise) {
  promise.catch(() => {});
  return promise;
}

/** Every promise settled, as parts in the same order. */
export async function parts(promises) {
  return (await Promise.allSettled(promises)).map(part);
}

/** The birth date a resident id carries (I1: characters 7–14), or null (a masked id too). */
export function birthDateOf(personId) {
  const match = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/.exec(personId ?? "");
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** Whole years (周岁) from `born` to `on` (both YYYY-MM-DD), or null. */
export function ageOn(born, on) {
  if (!born || !on) return null;
  const [by, bm, bd] = born.split("-").map(Number);
  const [y, m, d] = on.split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The running deadline of a workflow resource (CONTRACT §4: `due_on`, `due_step`,
 * `due_on_provisional`) on `asOf`: `{on, step, provisional, overdue}` or null; overdue when
 * `open` and due before `asOf` (the API's `overdue_on=` rule: the day after its due date). */
export function runningDue(resource, asOf, open) {
  if (!resource.due_on) return null;
  return {
    on: resource.due_on,
    step: resource.due_step,
    provisional: Boolean(resource.due_on_provisional),
    overdue: open && resource.due_on < asOf,
  };
}

/** A list's order: overdue first, then the earliest deadline (none last), then the newest
 * `dateKey`, then `idKey`. */
export function overdueFirst(dateKey, idKey) {
  return (a, b) =>
    Number(Boolean(b.due?.overdue)) - Number(Boolean(a.due?.overdue)) ||
    (a.due?.on ?? "9999-12-31").localeCompare(b.due?.on ?? "9999-12-31") ||
    b[dateKey].localeCompare(a[dateKey]) ||
    a[idKey].localeCompare(b[idKey]);
}

/** A timeline's steps (P12), oldest first, each with what `recorded(step)` adds. */
export function stepRows(timeline, recorded) {
  return [...timeline]
    .sort((a, b) => a.on.localeCompare(b.on) || a.step_id.localeCompare(b.step_id))
    .map((s) => ({
      step_id: s.step_id,
      step: s.step,
      on: s.on,
      by: s.by,
      role: s.role,
      rules: s.rules,
      produced: s.produced,
      ...recorded(s),
    }));
}
