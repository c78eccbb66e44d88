// The discoveries' data (主动发现, RULES P4; CONTRACT §4): the township's list
// (GET /v1/discoveries with `status=`, `region=` and `overdue_on=` the as-of date), one
// discovery with its timeline (GET /v1/discoveries/{id}), a warning found genuine at its visit
// reported as a discovery in one step (POST /v1/discoveries, source `warning`, W6), and the
// discovery's one outcome (POST /v1/discoveries/{id}/outcome: an application, a referral, a
// relief case, or no need with a reason), due 5 working days after it was found. Whether an
// outcome may be recorded is read from the status alone (open), as discoveries/plan.py
// decides; the server still decides (a refused outcome is its 409 or 422, `problemOf`).

import { allPages, api } from "../api.js";
import { stepRows } from "./common.js";

export const STATUSES = ["open", "closed"];
export const SOURCES = ["visit", "warning", "committee", "department", "hotline", "public"];
export const OUTCOMES = ["application", "referral", "relief", "no_need"];
// The id each outcome names (P4: the case it opened), none for `no_need`.
export const OUTCOME_ID = {
  application: "application_id",
  referral: "referral_id",
  relief: "relief_id",
  no_need: null,
};

const base = (id) => `/v1/discoveries/${encodeURIComponent(id)}`;

/** The outcome's deadline on `asOf`: `{on, step, provisional, overdue}` or null; overdue
 * when still open and due before `asOf` (the API's `overdue_on=` rule, P4). */
export function dueOf(discovery, asOf) {
  if (!discovery.due_on) return null;
  return {
    on: discovery.due_on,
    step: discovery.due_step,
    provisional: Boolean(discovery.due_on_provisional),
    overdue: discovery.status === "open" && discovery.due_on < asOf,
  };
}

/** The API's query of the list's URL: `overdue=1` asks for discoveries overdue on `asOf`. */
export function listQuery(query, asOf) {
  return {
    status: STATUSES.includes(query.status) ? query.status : null,
    region: query.region,
    overdue_on: query.overdue === "1" ? asOf : null,
  };
}

/** One row of the list: what it shows, with the deadline. */
export function discoveryRow(d, asOf) {
  return {
    discovery_id: d.discovery_id,
    status: d.status,
    household_id: d.household_id,
    person_id: d.person_id,
    township_code: d.township_code,
    source: d.source,
    found_on: d.found_on,
    reporter: d.reporter,
    warning_id: d.warning_id,
    outcome: d.outcome,
    due: dueOf(d, asOf),
  };
}

/** Overdue first, then open before closed, the earliest deadline, the newest found. */
export function sortRows(rows) {
  return [...rows].sort(
    (a, b) =>
      Number(Boolean(b.due?.overdue)) - Number(Boolean(a.due?.overdue)) ||
      Number(b.status === "open") - Number(a.status === "open") ||
      (a.due?.on ?? "9999-12-31").localeCompare(b.due?.on ?? "9999-12-31") ||
      b.found_on.localeCompare(a.found_on) ||
      a.discovery_id.localeCompare(b.discovery_id),
  );
}

/** The discoveries of the list screen (every page), shaped and sorted, with counts. */
export async function discoveryList(query, asOf) {
  const { items, truncated } = await allPages("/v1/discoveries", listQuery(query, asOf));
  const rows = sortRows(items.map((d) => discoveryRow(d, asOf)));
  return {
    items: rows,
    truncated,
    open: rows.filter((r) => r.status === "open").length,
    overdue: rows.filter((r) => r.due?.overdue).length,
  };
}

/** The timeline's steps, oldest first, each with what it recorded (the source and reporter
 * of the report; the outcome, the id it names and the reason of the outcome). */
export function timelineRows(timeline) {
  return stepRows(timeline, (s) => {
    const d = s.details ?? {};
    return {
      source: d.source ?? null,
      reporter: d.reporter ?? null,
      outcome: d.outcome ?? null,
      ref_id: d.application_id ?? d.referral_id ?? d.relief_id ?? null,
      reason: d.reason ?? null,
    };
  });
}

/** The intake form opened from a discovery (P4 → P1, channel `discovery`). */
export function intakeHref(discovery, on) {
  const params = new URLSearchParams({
    household: discovery.household_id,
    on,
    discovery: discovery.discovery_id,
  });
  return `#/intake?${params}`;
}

/** One discovery: as the API gives it, its deadline, its timeline, and the steps offered to
 * a caller who may record them (township and county, while it is open). */
export function discoveryModel(discovery, { asOf, role }) {
  const open = discovery.status === "open";
  const acts = open && (role === "township" || role === "county");
  const on = asOf < discovery.found_on ? discovery.found_on : asOf;
  return {
    discovery,
    due: dueOf(discovery, asOf),
    timeline: timelineRows(discovery.timeline),
    outcomes: acts ? OUTCOMES : [],
    intake: acts ? intakeHref(discovery, on) : null,
    outcomeOn: on,
  };
}

export async function discoveryScreen(id, ctx) {
  return discoveryModel(await api(base(id)), ctx);
}

/** The body of POST /v1/discoveries/{id}/outcome: the id of what it opened (only that one)
 * and the reason where one is given. */
export function outcomeBody(fields) {
  const body = { outcome: fields.outcome, on: fields.on };
  const idField = OUTCOME_ID[fields.outcome];
  const refId = String(fields.ref_id ?? "").trim();
  if (idField && refId) body[idField] = refId;
  const reason = String(fields.reason ?? "").trim();
  if (reason) body.reason = reason;
  return body;
}

/** Record the discovery's outcome: the discovery as it now is (or the ApiError). */
export function sendOutcome(id, fields) {
  return api(`${base(id)}/outcome`, { method: "POST", body: outcomeBody(fields) });
}

/** The body of POST /v1/discoveries for a warning its visit found genuine (P4, W6): the
 * household, the visit's day, the officer who reports it. */
export function warningReportBody(warning, reporter) {
  return {
    household_id: warning.household_id,
    source: "warning",
    found_on: warning.visited_on,
    reporter,
    warning_id: warning.warning_id,
  };
}

/** Report a genuine warning as a discovery: the new discovery (or the ApiError). */
export function reportWarning(warning, reporter) {
  return api("/v1/discoveries", { method: "POST", body: warningReportBody(warning, reporter) });
}

/** After an application from a discovery was filed, its outcome (`application`, P4): the
 * discovery as it now is. */
export function recordApplication(discoveryId, applicationId, on) {
  return sendOutcome(discoveryId, { outcome: "application", on, ref_id: applicationId });
}
