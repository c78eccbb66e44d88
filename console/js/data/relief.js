// Temporary relief's data (临时救助, RULES R1–R4, R7; CONTRACT §4): the cases of the caller's
// region (GET /v1/relief), the township's filing where the emergency happened (POST
// /v1/relief, R1: a subject of any region), one case with its caps and timeline, and its
// steps: advance relief from the township's standby fund (先行救助, R3, R5), the paperwork
// (补办手续: the investigation record, then the decision, due in working days after the
// advance, R3), and the follow-on (R7), a referral to a department (P11) sent from the case.
// Which steps a status offers is read from the status alone, as relief/plan.py moves it; the
// server still decides (a refused step is its 409 naming the rule, or its 422 naming
// `body.<field>`, which `fieldErrors` sorts by field for the form).

import { api, allPages } from "../api.js";
import { problemOf } from "./applications.js";
import { overdueFirst, runningDue, stepRows } from "./common.js";

export const TRACKS = ["emergency", "expenditure"];
export const CAUSES = ["fire", "accident", "disaster", "illness", "other"];
export const STATUSES = [
  "filed",
  "advanced",
  "investigated",
  "publicity",
  "granted",
  "refused",
  "closed",
];
export const FOLLOW_ON_KINDS = ["referral", "application", "none"];
// The steps each status allows (relief/plan.py MOVES); an advance on the emergency track only.
const MOVES = {
  filed: ["advance", "paperwork"],
  advanced: ["paperwork"],
  investigated: ["decision"],
  publicity: ["decision"],
  granted: ["follow_on"],
  refused: ["follow_on"],
  closed: [],
};
// The steps a role may take (api/routes/relief.py): the township all, the county decides.
const STEPS_OF = {
  township: ["advance", "paperwork", "decision", "follow_on"],
  county: ["decision"],
};
const PATHS = {
  advance: "advance",
  paperwork: "paperwork",
  decision: "decision",
  follow_on: "follow-on",
};
// The running deadlines R3 calls its paperwork (the investigation record and the decision).
const PAPERWORK_STEPS = ["paperwork", "decision"];

const base = (id) => `/v1/relief/${encodeURIComponent(id)}`;

/** The steps a case's status and track allow `role` (R2, R3, R7), in the page's order. */
export function stepsFor(relief, role) {
  const allowed = STEPS_OF[role] ?? [];
  return (MOVES[relief.status] ?? []).filter(
    (step) => allowed.includes(step) && (step !== "advance" || relief.track === "emergency"),
  );
}

/** A number typed into a form, or null when empty or not a number (the server says why). */
export function numberOrNull(value) {
  const text = String(value ?? "").trim();
  if (!text) return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}

const text = (value) => String(value ?? "").trim();

/** The body of POST /v1/relief from the intake form: filed by the officer's township (R1),
 * its subject a household or a person (of any region), the amount asked in yuan. */
export function reliefBody(fields, townshipCode) {
  const subject = text(fields.subject_id);
  const body = {
    township_code: townshipCode,
    track: fields.track,
    cause: fields.cause,
    occurred_on: fields.occurred_on || null,
    persons: numberOrNull(fields.persons),
    requested_amount: numberOrNull(fields.requested_amount),
  };
  if (fields.subject_kind === "person") body.person_id = subject || null;
  else body.household_id = subject || null;
  if (fields.filed_on) body.filed_on = fields.filed_on;
  const conference = text(fields.conference_id);
  if (conference) body.conference_id = conference;
  const facts = text(fields.facts);
  if (facts) body.facts = facts;
  return body;
}

/** A 422's field errors by form field (`body.persons` → `persons`); what names no field of
 * `names` (the body as a whole, a rule of several fields) stays in `other`. */
export function fieldErrors(error, names) {
  const byField = {};
  const other = [];
  for (const e of problemOf(error).errors) {
    const name = String(e.field ?? "").replace(/^body\.?/, "");
    const key = name.split(".")[0];
    if (names.includes(key)) (byField[key] ??= []).push(e.message);
    else other.push(e);
  }
  return { byField, other };
}

/** A case's running deadline on `asOf`: `{on, step, provisional, overdue, paperwork}`, or
 * null; `paperwork` when it is R3's (the investigation record or the decision after an
 * advance, due in working days), overdue the day after its due date (R3, §6). */
export function dueOf(relief, asOf) {
  const due = runningDue(relief, asOf, relief.status !== "closed");
  return (
    due && { ...due, paperwork: Boolean(relief.paid_on) && PAPERWORK_STEPS.includes(due.step) }
  );
}

/** One row of the list. */
export function reliefRow(r, asOf) {
  return {
    relief_id: r.relief_id,
    status: r.status,
    track: r.track,
    cause: r.cause,
    subject: r.household_id ?? r.person_id,
    occurred_on: r.occurred_on,
    persons: r.persons,
    requested_amount: r.requested_amount,
    paid_amount: r.paid_amount,
    due: dueOf(r, asOf),
  };
}

/** Overdue first, then the earliest deadline (none last), then the newest emergency. */
export function sortRows(rows) {
  return [...rows].sort(overdueFirst("occurred_on", "relief_id"));
}

export async function reliefList(query, asOf) {
  const { items, truncated } = await allPages("/v1/relief", {
    status: query.status,
    region: query.region,
    overdue_on: query.overdue === "1" ? asOf : null,
  });
  return { items: sortRows(items.map((r) => reliefRow(r, asOf))), truncated };
}

/** What a timeline step recorded, in a few words: the amount paid or decided, the findings,
 * the follow-on; the same words the page's last column shows. */
export function stepDetail(step) {
  const d = step.details ?? {};
  switch (step.step) {
    case "filing":
      return { amount: d.requested_amount ?? null, text: null };
    case "advance":
      return { amount: d.amount ?? null, text: d.entry_id ?? null };
    case "paperwork":
      return { amount: null, text: d.findings ?? null };
    case "decision":
      return { amount: d.grant ? d.amount : null, text: d.reason ?? null };
    case "follow_on":
      return { amount: null, text: d.ref_id ?? d.reason ?? null };
    default:
      return { amount: null, text: null };
  }
}

/** The timeline's steps, oldest first, each with what it recorded. */
export function timelineRows(timeline) {
  return stepRows(timeline, stepDetail);
}

/** One case as its page shows it: its deadline, the steps the caller may take, the
 * timeline. */
export function reliefModel(relief, { asOf, role }) {
  return {
    relief,
    due: dueOf(relief, asOf),
    steps: stepsFor(relief, role),
    timeline: timelineRows(relief.timeline ?? []),
  };
}

/** One case as the API returns it (the conference form reads its facts, R6). */
export function reliefCase(id) {
  return api(base(id));
}

export async function reliefScreen(id, ctx) {
  return reliefModel(await api(base(id)), ctx);
}

export function fileRelief(fields, townshipCode) {
  return api("/v1/relief", { method: "POST", body: reliefBody(fields, townshipCode) });
}

/** Investigators typed one per line or separated by commas or spaces. */
export function idList(value) {
  return String(value ?? "")
    .split(/[\s,，、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The body of each step route (CONTRACT §4) from its form's fields. */
export function stepBody(step, fields) {
  if (step === "advance") {
    return { paid_on: fields.paid_on, amount: numberOrNull(fields.amount) };
  }
  if (step === "paperwork") {
    return {
      on: fields.on,
      investigators: idList(fields.investigators),
      findings: text(fields.findings),
    };
  }
  if (step === "decision") {
    const grant = fields.grant !== "false";
    const body = { decided_on: fields.decided_on, grant };
    if (grant) body.amount = numberOrNull(fields.amount);
    const instalments = numberOrNull(fields.instalments);
    if (instalments !== null) body.instalments = instalments;
    if (text(fields.reason)) body.reason = text(fields.reason);
    return body;
  }
  const body = { on: fields.on, kind: fields.kind };
  if (fields.kind !== "none" && text(fields.ref_id)) body.ref_id = text(fields.ref_id);
  if (text(fields.reason)) body.reason = text(fields.reason);
  return body;
}

/** Take a step: the case as it now is (or the ApiError of its problem). */
export function takeStep(id, step, fields) {
  return api(`${base(id)}/${PATHS[step]}`, { method: "POST", body: stepBody(step, fields) });
}

/** The body of POST /v1/referrals of a follow-on: from the case (its `relief_id`, P11) to a
 * department with the need, for the case's household or person. */
export function referralBody(relief, fields) {
  const body = {
    source_id: relief.relief_id,
    department: fields.department,
    need: text(fields.need),
    sent_on: fields.on,
  };
  if (relief.household_id) body.household_id = relief.household_id;
  else body.person_id = relief.person_id;
  if (fields.consent_on) body.consent_on = fields.consent_on;
  return body;
}

/**
 * R7's follow-on. A referral (without a `ref_id` yet) is sent first (P11) and then recorded
 * as the follow-on; where the follow-on is refused after the referral went out, the error
 * carries `referralId`, and the form sends that id again instead of a second referral.
 */
export async function recordFollowOn(relief, fields) {
  let referralId = text(fields.ref_id);
  if (fields.kind === "referral" && !referralId) {
    const referral = await api("/v1/referrals", {
      method: "POST",
      body: referralBody(relief, fields),
    });
    referralId = referral.referral_id;
  }
  try {
    return await takeStep(relief.relief_id, "follow_on", {
      ...fields,
      ref_id: fields.kind === "none" ? "" : referralId,
    });
  } catch (error) {
    if (fields.kind === "referral") error.referralId = referralId;
    throw error;
  }
}
