// The township standby fund's data (乡镇备用金, RULES R5; CONTRACT §4): one ledger per
// township (GET /v1/funds/{township_code}): its balance and its entries in the order posted,
// never changed nor deleted (allocations by the county, payments each linked to its relief
// case's advance, R3, and returns); the county's allocation (POST
// /v1/funds/{township_code}/allocations); and, for a county officer, its townships to pick
// a ledger from (GET /v1/regions).

import { api } from "../api.js";
import { numberOrNull } from "./relief.js";
import { regionLevel } from "./queue.js";

export const KINDS = ["allocation", "payment", "return"];
// What an entry does to the balance (R5: balance = allocations + returns − payments).
const SIGN = { allocation: 1, return: 1, payment: -1 };

const base = (code) => `/v1/funds/${encodeURIComponent(code)}`;

/** The entries in the order posted, each with the balance after it, in whole fen so that
 * no float drifts (R5); the last balance is the ledger's. */
export function ledgerRows(entries) {
  let fen = 0;
  return entries.map((e) => {
    fen += SIGN[e.kind] * Math.round(e.amount * 100);
    return {
      entry_id: e.entry_id,
      on: e.on,
      kind: e.kind,
      amount: e.amount,
      signed: SIGN[e.kind] * e.amount,
      balance_after: fen / 100,
      relief_id: e.relief_id ?? null,
      note: e.note ?? null,
      by: e.by,
    };
  });
}

/** A ledger as its page shows it; only a county officer allocates (R5). */
export function fundModel(ledger, { role }) {
  const rows = ledgerRows(ledger.entries);
  const total = (kind) =>
    rows.filter((r) => r.kind === kind).reduce((sum, r) => sum + Math.round(r.amount * 100), 0) /
    100;
  return {
    township_code: ledger.township_code,
    balance: ledger.balance,
    rows,
    totals: Object.fromEntries(KINDS.map((k) => [k, total(k)])),
    canAllocate: role === "county",
  };
}

export async function fundScreen(code, ctx) {
  return fundModel(await api(base(code)), ctx);
}

/** The body of an allocation: the day, the amount in yuan, a note where one is given. */
export function allocationBody(fields) {
  const body = { on: fields.on, amount: numberOrNull(fields.amount) };
  const note = String(fields.note ?? "").trim();
  if (note) body.note = note;
  return body;
}

/** Post an allocation: the ledger as it now is (or the ApiError of its problem). */
export function allocate(code, fields) {
  return api(`${base(code)}/allocations`, { method: "POST", body: allocationBody(fields) });
}

/** The townships under the caller's county, whose ledgers it keeps (code and name). */
export async function townships() {
  const { items } = await regionLevel(null);
  return items.filter((r) => r.level === "township").map((r) => ({ code: r.code, name: r.name }));
}
