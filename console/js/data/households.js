// The household screen's data: every request it makes, and the shapes its view draws.
//
// Members on the as-of date come from GET /v1/households/{id} (ids, names and masking as the
// API gives them, birth dates, relations); members who left or died from /changes, which
// lists every membership's joining and leaving; their names (which /changes does not carry)
// from the case graph at depth 1, whose member_of edges reach every person who ever belonged.
// A member's status: died or left from /changes, not counted from the means test (E1).
// The household's warnings: GET /v1/warnings?household_id= (officers only).
// Its assistance chain (一户一条救助链): GET /v1/households/{id}/assistance, each item marked
// with the gaps and overlaps that name it.

import { ApiError, allPages, api } from "../api.js";
import { ageOn, birthDateOf, parts, quiet, shaped, together } from "./common.js";

const base = (id) => `/v1/households/${encodeURIComponent(id)}`;
const COMPOSITION = ["joined", "born", "left", "died"];

/** Each person's last joining or leaving, by the id /changes shows (masked or not). */
function lastChanges(changes) {
  const last = new Map();
  for (const change of changes) {
    if (COMPOSITION.includes(change.kind)) last.set(change.person_id, change);
  }
  return last;
}

/** What a member's status column says: masked, died, left, not counted (E1), or current. */
function memberStatus(member, change, excludedAs) {
  if (member.masked) return { kind: "masked" };
  if (change?.kind === "died") return { kind: "died", date: change.date };
  if (change?.kind === "left") return { kind: "left", date: change.date };
  if (excludedAs) return { kind: "excluded", as: excludedAs };
  return { kind: "current" };
}

/**
 * The rows of the members table: the members on the as-of date, then those who had left or
 * died by then; the departed last, each group from the eldest.
 */
export function memberRows({ detail, changes, graph, eligibility, asOf }) {
  const last = lastChanges(changes);
  const excluded = new Map((eligibility?.excluded_members ?? []).map((e) => [e.person_id, e]));
  const nodes = new Map((graph?.nodes ?? []).map((n) => [n.id, n]));
  const current = detail.members.map((m) => ({
    id: m.person_id,
    name: m.name,
    masked: m.masked,
    born: m.birth_date ?? null,
    relation: m.relation,
  }));
  const currentIds = new Set(current.map((m) => m.id));
  const former = [...last.values()]
    .filter((c) => (c.kind === "left" || c.kind === "died") && !currentIds.has(c.person_id))
    .map((c) => {
      const node = nodes.get(c.person_id);
      const masked = node?.masked ?? true; // not in the graph: shown as little as possible
      return {
        id: c.person_id,
        name: node?.label ?? c.person_id,
        masked,
        born: masked ? null : birthDateOf(c.person_id),
        relation: c.relation,
      };
    });
  return [...current, ...former]
    .map((m) => {
      const change = last.get(m.id);
      const status = memberStatus(m, change, excluded.get(m.id)?.excluded_as);
      const gone = change?.kind === "left" || change?.kind === "died";
      return { ...m, age: ageOn(m.born, asOf), status, gone };
    })
    .sort((a, b) => Number(a.gone) - Number(b.gone) || (a.born ?? "").localeCompare(b.born ?? ""));
}

/** Who a person id of this screen is: a member, else a node of the case graph, else null. */
function directory(detail, graph) {
  const people = new Map();
  for (const n of graph?.nodes ?? []) {
    if (n.kind === "person") people.set(n.id, { id: n.id, name: n.label, masked: n.masked });
  }
  for (const m of detail?.members ?? []) {
    people.set(m.person_id, { id: m.person_id, name: m.name, masked: m.masked });
  }
  return people;
}

/** The means test with the persons it names looked up (null: not known to this screen). */
function eligibilityModel(e, people) {
  const person = (id) => people.get(id) ?? null;
  return {
    ...e,
    single_person_dibao: e.single_person_dibao.map((v) => ({ ...v, person: person(v.person_id) })),
    excluded_members: e.excluded_members.map((x) => ({ ...x, person: person(x.person_id) })),
  };
}

/** The composition timeline; a person this screen does not know is shown as masked. */
function timelineModel(changes, people) {
  return changes.map((c) => ({
    ...c,
    person: people.get(c.person_id) ?? { id: c.person_id, name: c.person_id, masked: true },
  }));
}

/**
 * The assistance chain as the timeline draws it: each item with the overlaps that name it
 * (`overlaps`: their rule ids, for a badge with text, not colour alone), the status label's
 * kind, and the gaps and overlaps with their reasons as given (explanations for Chinese).
 */
export function chainModel(chain) {
  const rulesOf = new Map();
  for (const o of chain.overlaps) {
    for (const id of o.ids) rulesOf.set(id, [...(rulesOf.get(id) ?? []), o.rule]);
  }
  const statusKind = {
    enrollment: "chain_status",
    discovery: "chain_status",
    application: "app_status",
    referral: "ref_status",
    relief: "chain_relief_status",
    relief_payment: "chain_status",
    conference: "conf_status",
  };
  // Relief (R1–R5) and conferences (R6) carry totals in yuan, their `program` a relief
  // track and a relief case's `detail` its cause: each label kind as the view reads it.
  const RELIEF = new Set(["relief", "relief_payment", "conference"]);
  return {
    asOf: chain.as_of,
    items: chain.items.map((item) => ({
      ...item,
      statusKind: statusKind[item.kind] ?? "chain_status",
      programKind: RELIEF.has(item.kind) ? "chain_track" : "program",
      amountKey: RELIEF.has(item.kind) ? "chain_total" : "chain_amount",
      detailKind: item.kind === "relief" ? "chain_cause" : null,
      overlaps: [...new Set(rulesOf.get(item.id) ?? [])].sort(),
    })),
    gaps: chain.gaps,
    overlaps: chain.overlaps,
    attention: chain.gaps.length + chain.overlaps.length,
  };
}

/** The open warning first, then the newest. */
export function byOpenThenNewest(a, b) {
  return (
    (a.status === "open" ? -1 : 0) - (b.status === "open" ? -1 : 0) ||
    b.issued_on.localeCompare(a.issued_on)
  );
}

/** The household's warnings, one request (issue 15 item 10); `warning` (from the queue's
 * link) must be among them. */
async function householdWarnings(id, warning) {
  const { items } = await allPages("/v1/warnings", { household_id: id });
  if (warning && !items.some((w) => w.warning_id === warning)) {
    throw new ApiError(404, { detail: `no warning ${warning}` });
  }
  return items.sort(byOpenThenNewest);
}

/**
 * Everything the household screen shows. The score decides whether the household exists
 * for this caller (404 outside the region: the promise fails); every other part may fail
 * alone. `warnings` is null for a caller who does not see the queue.
 */
export async function householdScreen(id, { asOf, officer, warning }) {
  const pending = [
    quiet(api(`/v1/cases/${encodeURIComponent(id)}/graph`, { query: { depth: 1, as_of: asOf } })),
    quiet(api(`${base(id)}/changes`, { query: { until: asOf } })),
    quiet(api(`${base(id)}/eligibility`, { query: { as_of: asOf } })),
    quiet(api(base(id), { query: { as_of: asOf } })),
    quiet(officer ? householdWarnings(id, warning) : Promise.resolve(null)),
    quiet(api(`${base(id)}/assistance`, { query: { as_of: asOf } })),
  ];
  const score = await api(`${base(id)}/score`, { query: { as_of: asOf } });
  const [graph, changes, eligibility, detail, warnings, chain] = await parts(pending);
  const people = directory(detail.value, graph.value);
  return {
    id,
    asOf,
    score,
    members: shaped(together(detail, changes), ([d, c]) =>
      memberRows({
        detail: d,
        changes: c,
        graph: graph.value,
        eligibility: eligibility.value,
        asOf,
      }),
    ),
    enrolments: shaped(detail, (d) => d.enrollments),
    eligibility: shaped(eligibility, (e) => eligibilityModel(e, people)),
    timeline: shaped(changes, (c) => timelineModel(c, people)),
    warnings: officer ? warnings : null,
    chain: shaped(chain, chainModel),
  };
}

/** Close an open warning with the home visit's findings (W6): the closed warning. */
export function verifyWarning(warningId, { visitedOn, genuine, findings, action }) {
  return api(`/v1/warnings/${encodeURIComponent(warningId)}/verification`, {
    method: "POST",
    body: { visited_on: visitedOn, genuine, findings, action },
  });
}
