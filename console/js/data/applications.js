// The applications' data (issue 17, CONTRACT §4): the lists (the township's cases, the county's
// decision queue, filed cases, overdue cases), one case with the step forms its status allows,
// intake from a household, each step's POST, the notice PDF, and the village board.
//
// A refused step comes back as the API's problem (409: `state`, `step`, `rules`, and `missing`
// for an incomplete acceptance; 422: `errors: [{field, message}]`); `problemOf` shapes it for the
// view. Which forms a status offers is read from the status alone: the server still decides
// (a form it refuses answers 409, which the case page shows).

import { allPages, api, apiBlob } from "../api.js";
import { parts, shaped } from "./common.js";

export const STATUSES = [
  "received",
  "accepted",
  "investigating",
  "publicity",
  "transmitted",
  "granted",
  "refused",
  "not_accepted",
  "withdrawn",
];
export const FINAL = ["granted", "refused", "not_accepted", "withdrawn"];
export const PROGRAMS = [
  "dibao",
  "marginal",
  "expenditure_hardship",
  "tekun",
  "single_person_dibao",
];
export const PERSON_PROGRAMS = ["tekun", "single_person_dibao"];
export const CHANNELS = ["window", "proxy_committee", "proxy_person", "online", "discovery"];
const NOTICE_STATUSES = ["refused", "not_accepted"];

const base = (id) => `/v1/applications/${encodeURIComponent(id)}`;

/** The step forms a status offers (P1–P8), in the order the case page shows them; posting,
 * objections and transmission are the township's (P6, P7). */
export function formsFor(status, opinion, role) {
  const township = role === "township";
  const forms = {
    received: ["authorisation", "acceptance"],
    accepted: ["investigation", "authorisation"],
    investigating: [
      ...(township && opinion === "grant" ? ["publicity"] : []),
      ...(township && opinion === "refuse" ? ["transmission"] : []),
      "investigation",
      "authorisation",
    ],
    publicity: township ? ["transmission", "objection"] : [],
    transmitted: ["decision"],
  }[status];
  if (!forms) return [];
  return [...forms, "withdrawal"];
}

/** The running deadline of an application on `asOf`: `{on, step, provisional, overdue}` or
 * null; overdue when still open and due before `asOf` (the API's `overdue_on=` rule). */
export function dueOf(app, asOf) {
  if (!app.due_on) return null;
  return {
    on: app.due_on,
    step: app.due_step,
    provisional: Boolean(app.due_on_provisional),
    overdue: !FINAL.includes(app.status) && app.due_on < asOf,
  };
}

/** A missing item of acceptance (`authorisation:<person id>`, `proxy_name`) as `{kind,
 * person_id}`. */
export function missingItem(item) {
  const [kind, ...rest] = String(item).split(":");
  return { kind, person_id: rest.length ? rest.join(":") : null };
}

/** What a refused request tells the officer: status, problem members, field errors. */
export function problemOf(error) {
  const p = error?.problem ?? {};
  return {
    status: error?.status ?? null,
    detail: p.detail ?? error?.message ?? String(error),
    state: p.state ?? null,
    step: p.step ?? null,
    rules: p.rules ?? [],
    missing: (p.missing ?? []).map(missingItem),
    errors: (p.errors ?? []).map((e) => ({ field: e.field, message: e.message })),
  };
}

/** The API's query of a list screen's URL: `overdue=1` asks for cases overdue on `asOf`. */
export function listQuery(query, asOf) {
  return {
    status: query.status,
    program: query.program,
    region: query.region,
    filed: query.filed === "true" ? "true" : null,
    overdue_on: query.overdue === "1" ? asOf : null,
  };
}

/** The applications of a list screen, earliest deadline first (none last), each with `due`. */
export async function applicationList(query, asOf) {
  const { items, truncated } = await allPages("/v1/applications", listQuery(query, asOf));
  const rows = items
    .map((a) => ({ ...a, due: dueOf(a, asOf) }))
    .sort(
      (a, b) =>
        (a.due_on ?? "9999-12-31").localeCompare(b.due_on ?? "9999-12-31") ||
        a.application_id.localeCompare(b.application_id),
    );
  return { items: rows, truncated };
}

/** The timeline's steps, oldest first, each with the details it recorded. */
export function timelineRows(timeline) {
  return [...timeline].sort(
    (a, b) => a.on.localeCompare(b.on) || a.step_id.localeCompare(b.step_id),
  );
}

/** One case: the application as the API gives it, its deadline, the forms its status offers. */
export function caseModel(app, { asOf, role }) {
  return {
    app,
    due: dueOf(app, asOf),
    timeline: timelineRows(app.timeline),
    missing: app.missing.map(missingItem),
    forms: formsFor(app.status, app.opinion, role),
    notice: NOTICE_STATUSES.includes(app.status),
  };
}

/** The members of the case's household on `asOf`, for the forms' choices: a part that may
 * fail alone (the forms then take typed ids). */
export async function caseScreen(id, ctx) {
  const app = await api(base(id));
  const [members] = await parts([intakeScreen(app.household_id, ctx.asOf)]);
  return { ...caseModel(app, ctx), members: shaped(members, (m) => m.members) };
}

/** The bodies of the step routes (CONTRACT §4), by form. */
const STEP_PATHS = {
  authorisation: "authorisations",
  acceptance: "acceptance",
  investigation: "investigation",
  publicity: "publicity",
  objection: "objections",
  transmission: "transmission",
  decision: "decision",
  withdrawal: "withdrawal",
};

/** Take a step: the application as it now is (or the ApiError of its problem). */
export function takeStep(id, form, body) {
  return api(`${base(id)}/${STEP_PATHS[form]}`, { method: "POST", body });
}

/** Ids typed one per line or separated by commas or spaces. */
export function idList(text) {
  return String(text ?? "")
    .split(/[\s,，、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A link target for the notice PDF of a refused or not-accepted case (P9): the PDF fetched
 * with the bearer token, as an object URL. */
export async function noticeUrl(id) {
  return URL.createObjectURL(await apiBlob(`${base(id)}/notice.pdf`));
}

/** The intake form's household: its members on `asOf` (the applicant is one of them). */
export async function intakeScreen(householdId, asOf) {
  const detail = await api(`/v1/households/${encodeURIComponent(householdId)}`, {
    query: { as_of: asOf },
  });
  return {
    household_id: householdId,
    members: detail.members
      .filter((m) => !m.masked)
      .map((m) => ({ id: m.person_id, name: m.name, relation: m.relation })),
  };
}

/** The body of POST /v1/applications from the intake form's fields (empty ones left out). */
export function intakeBody(fields) {
  const body = {
    program: fields.program,
    household_id: fields.household_id,
    applicant_id: fields.applicant_id,
    channel: fields.channel,
    received_on: fields.received_on,
    declared_official_relative: Boolean(fields.declared_official_relative),
  };
  if (PERSON_PROGRAMS.includes(fields.program) && fields.person_id) {
    body.person_id = fields.person_id;
  }
  if (fields.proxy_name) body.proxy_name = fields.proxy_name;
  if (fields.discovery_id) body.discovery_id = fields.discovery_id;
  return body;
}

export function fileApplication(fields) {
  return api("/v1/applications", { method: "POST", body: intakeBody(fields) });
}

/** A village board's lines (P6, P8) without ids: name, household size, programme, amount,
 * dates; postings first, then grants, each by name. */
export function boardLines(lines) {
  return lines
    .map((l) => ({
      name: l.name,
      household_size: l.household_size,
      program: l.program,
      monthly_amount: l.monthly_amount,
      from: l.from,
      until: l.until,
      posting: l.until !== null,
    }))
    .sort(
      (a, b) =>
        Number(b.posting) - Number(a.posting) ||
        a.name.localeCompare(b.name, "zh") ||
        a.from.localeCompare(b.from),
    );
}

export async function boardScreen(query, asOf) {
  const on = query.on || asOf;
  const lines = await api("/v1/publicity", { query: { region: query.region, on } });
  return { on, region: query.region ?? null, lines: boardLines(lines) };
}
