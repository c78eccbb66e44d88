// The referrals' data (转办, RULES P11; CONTRACT §4): the department's inbox (its department's
// referrals in its region, GET /v1/referrals), the county's overdue list (`overdue_on=` the
// as-of date), one referral with its timeline, and the department's answer
// (POST /v1/referrals/{id}/status: acknowledged, accepted, rejected with the reason, done with
// what was given). Which answers a status offers is read from the status alone, as
// referrals/plan.py moves it; the server still decides (a refused answer is its 409 or 422,
// shaped by `problemOf`).

import { allPages, api } from "../api.js";
import { overdueFirst, runningDue, stepRows } from "./common.js";

export const STATUSES = ["sent", "acknowledged", "accepted", "rejected", "done"];
export const FINAL = ["rejected", "done"];
export const NEEDS_OUTCOME = ["rejected", "done"];
const MOVES = {
  sent: ["acknowledged", "accepted", "rejected", "done"],
  acknowledged: ["accepted", "rejected", "done"],
  accepted: ["done"],
  rejected: [],
  done: [],
};

const base = (id) => `/v1/referrals/${encodeURIComponent(id)}`;

/** The answers a status allows (P11), in the order the referral page offers them. */
export function answersFor(status) {
  return MOVES[status] ?? [];
}

/** The running deadline of a referral on `asOf`: `{on, step, provisional, overdue}` or null;
 * overdue when still open and due before `asOf` (the API's `overdue_on=` rule, P11). */
export function dueOf(referral, asOf) {
  return runningDue(referral, asOf, !FINAL.includes(referral.status));
}

/** The API's query of a list screen's URL: `overdue=1` asks for referrals overdue on `asOf`. */
export function listQuery(query, asOf) {
  return {
    status: query.status,
    department: query.department,
    region: query.region,
    overdue_on: query.overdue === "1" ? asOf : null,
  };
}

/** One row of a list: what the inbox shows, with its deadline. */
export function referralRow(referral, asOf) {
  return {
    referral_id: referral.referral_id,
    household_id: referral.household_id,
    township_code: referral.township_code,
    department: referral.department,
    need: referral.need,
    sent_on: referral.sent_on,
    status: referral.status,
    acknowledged_on: referral.acknowledged_on,
    outcome_on: referral.outcome_on,
    due: dueOf(referral, asOf),
  };
}

/** Overdue first, then the earliest deadline (none last), then the newest sent. */
export function sortRows(rows) {
  return [...rows].sort(overdueFirst("sent_on", "referral_id"));
}

/** The referrals of a list screen (every page), shaped and sorted, with the overdue count. */
export async function referralList(query, asOf) {
  const { items, truncated } = await allPages("/v1/referrals", listQuery(query, asOf));
  const rows = sortRows(items.map((r) => referralRow(r, asOf)));
  return { items: rows, truncated, overdue: rows.filter((r) => r.due?.overdue).length };
}

/** The timeline's steps, oldest first, each with what it recorded. */
export function timelineRows(timeline) {
  return stepRows(timeline, (s) => ({ outcome: s.details?.outcome ?? s.details?.need ?? null }));
}

/** One referral: as the API gives it, its deadline, its timeline, the answers it allows
 * (to the caller who may answer: the department, or the county on its behalf). */
export function referralModel(referral, { asOf, role }) {
  const answers = role === "department" || role === "county" ? answersFor(referral.status) : [];
  return {
    referral,
    due: dueOf(referral, asOf),
    timeline: timelineRows(referral.timeline),
    acknowledge: answers.includes("acknowledged"),
    outcomes: answers.filter((a) => a !== "acknowledged"),
  };
}

export async function referralScreen(id, ctx) {
  return referralModel(await api(base(id)), ctx);
}

/** The body of POST /v1/referrals/{id}/status; `outcome` only where it says something. */
export function answerBody(fields) {
  const body = { status: fields.status, on: fields.on };
  const outcome = String(fields.outcome ?? "").trim();
  if (outcome) body.outcome = outcome;
  return body;
}

/** Record an answer: the referral as it now is (or the ApiError of its problem). */
export function sendAnswer(id, fields) {
  return api(`${base(id)}/status`, { method: "POST", body: answerBody(fields) });
}
