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
