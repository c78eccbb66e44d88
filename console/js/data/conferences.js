// The case conferences' data (个案会商, 一事一议, RULES R6; CONTRACT §4): the county's list
// (GET /v1/conferences), one conference with its tasks and timeline, the form's body
// (POST /v1/conferences) and the signature (POST /v1/conferences/{id}/signature), after which
// the conference is read-only and each task is a referral to its department (P11). The server
// still decides: a refused request is its 409 or 422, shaped by `problemOf`.

import { allPages, api } from "../api.js";
import { timelineRows } from "./referrals.js";

// P11's departments (core/terms.py Department), in the order the form lists them.
export const DEPARTMENTS = [
  "medical_security",
  "education",
  "housing",
  "human_resources",
  "emergency_management",
  "health",
  "disabled_persons_federation",
  "charity",
];
export const STATUSES = ["draft", "signed"];

const base = (id) => `/v1/conferences/${encodeURIComponent(id)}`;

/** Whether `role` may change or sign the conference: a county officer, while a draft (R6). */
export function editable(conference, role) {
  return role === "county" && conference.status === "draft";
}

/** The tasks of the form that say something: a department and a need; a charity task keeps
 * its consent date (P11), no other task sends one. */
export function taskRows(tasks) {
  return (tasks ?? [])
    .map((task) => ({
      department: task.department,
      need: String(task.need ?? "").trim(),
      consent_on: task.consent_on || null,
    }))
    .filter((task) => task.department && task.need)
    .map((task) =>
      task.department === "charity" && task.consent_on
        ? task
        : { department: task.department, need: task.need },
    );
}

/** The body of POST /v1/conferences from the form's fields: the subject is a relief case, or
 * a household (a conference before a filing); the amount in yuan as a number. */
export function conferenceBody(fields) {
  const relief = String(fields.relief_id ?? "").trim();
  const household = String(fields.household_id ?? "").trim();
  const body = {
    held_on: fields.held_on,
    departments: DEPARTMENTS.filter((d) => (fields.departments ?? []).includes(d)),
    facts: String(fields.facts ?? "").trim(),
    decision: String(fields.decision ?? "").trim(),
    amount: Number(fields.amount),
    relief_id: relief || null,
    tasks: taskRows(fields.tasks),
  };
  if (household) body.household_id = household;
  return body;
}

/** One row of the county's list. */
export function conferenceRow(c) {
  return {
    conference_id: c.conference_id,
    status: c.status,
    held_on: c.held_on,
    signed_on: c.signed_on,
    amount: c.amount,
    subject: c.relief_id ?? c.household_id ?? c.person_id,
    departments: c.departments,
    decision: c.decision,
  };
}

/** Drafts first, then the latest held. */
export function sortRows(rows) {
  return [...rows].sort(
    (a, b) =>
      Number(a.status === "signed") - Number(b.status === "signed") ||
      b.held_on.localeCompare(a.held_on) ||
      a.conference_id.localeCompare(b.conference_id),
  );
}

export async function conferenceList(query) {
  const { items, truncated } = await allPages("/v1/conferences", {
    status: query.status,
    region: query.region,
  });
  return { items: sortRows(items.map(conferenceRow)), truncated };
}

/** One conference as its page shows it: read-only unless a county officer's draft. */
export function conferenceModel(conference, { role }) {
  return {
    conference,
    canSign: editable(conference, role),
    readOnly: !editable(conference, role),
    timeline: timelineRows(conference.timeline ?? []),
  };
}

export async function conferenceScreen(id, ctx) {
  return conferenceModel(await api(base(id)), ctx);
}

export function createConference(fields) {
  return api("/v1/conferences", { method: "POST", body: conferenceBody(fields) });
}

export function signConference(id, signedOn) {
  return api(`${base(id)}/signature`, { method: "POST", body: { signed_on: signedOn } });
}
