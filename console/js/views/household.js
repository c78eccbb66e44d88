// A household: members with ages and statuses, enrolments (when the API offers them),
// eligibility verdicts with reasons, the score with each contributing event, the composition
// timeline, and the verification form of its open warning.
//
// Members come from the case graph at depth 1 (persons with a member_of edge to the household)
// and their statuses from /changes (left, died) and the means test (persons not counted, E1);
// ages from the birth date in the resident id (I1).

import { ApiError, ageOn, allPages, api, birthDateOf, maskId, session } from "../api.js";
import { append, h, replace, section, table, verdict } from "../dom.js";
import { fmtDate, fmtMoney, label, t } from "../i18n.js";
import {
  dateCell,
  errorNote,
  levelBadge,
  loadingNote,
  personLink,
  reasonList,
  statusBadge,
} from "./common.js";

const base = (id) => `/v1/households/${encodeURIComponent(id)}`;

/** Each member's last composition change, by the id the case graph shows (masked or not). */
function lastChanges(changes, shownIds) {
  const last = new Map();
  for (const change of changes) {
    const shown = shownIds.has(change.person_id) ? change.person_id : maskId(change.person_id);
    if (["joined", "born", "left", "died"].includes(change.kind)) last.set(shown, change);
  }
  return last;
}

function memberRows(id, graph, changes, eligibility) {
  const memberIds = new Set(
    graph.edges.filter((e) => e.kind === "member_of" && e.target === id).map((e) => e.source),
  );
  const persons = graph.nodes.filter((n) => n.kind === "person" && memberIds.has(n.id));
  const last = lastChanges(changes, new Set(persons.map((p) => p.id)));
  const excluded = new Map(
    (eligibility?.excluded_members ?? []).map((e) => [e.person_id, e.excluded_as]),
  );
  return persons
    .map((p) => {
      const change = last.get(p.id);
      const gone = change && (change.kind === "left" || change.kind === "died");
      return { ...p, change, gone, excluded: excluded.get(p.id), born: birthDateOf(p.id) };
    })
    .sort((a, b) => Number(a.gone) - Number(b.gone) || (a.born ?? "").localeCompare(b.born ?? ""));
}

function memberStatus(member) {
  if (member.change?.kind === "died")
    return t("status_died", { date: fmtDate(member.change.date) });
  if (member.change?.kind === "left")
    return t("status_left", { date: fmtDate(member.change.date) });
  if (member.excluded) return label("excluded", member.excluded);
  return t("status_current");
}

function membersTable(members, asOf) {
  const headers = ["col_name", "col_person_id", "col_age", "col_relation", "col_member_status"].map(
    (k) => t(k),
  );
  return table(
    headers,
    members,
    (m) =>
      h(
        "tr",
        {
          class: `member${m.gone ? " gone" : ""}${m.masked ? " masked-row" : ""}`,
          dataset: { personId: m.id },
        },
        h("td", {}, personLink(m.id, m.label, m.masked)),
        h("td", { class: "mono" }, m.id),
        h("td", { class: "num" }, m.born ? ageOn(m.born, asOf) : "—"),
        h("td", {}, m.change ? label("relation", m.change.relation) : "—"),
        h("td", {}, m.masked ? t("masked_person") : memberStatus(m)),
      ),
    { id: "members" },
  );
}

function enrolmentsTable(detail) {
  const enrolments = detail?.enrollments ?? detail?.enrolments;
  if (!Array.isArray(enrolments)) return null;
  const headers = ["col_program", "col_from", "col_to"].map((k) => t(k));
  return section(
    t("enrolments"),
    enrolments.length
      ? table(
          headers,
          enrolments,
          (e) => [label("program", e.program), dateCell(e.from), dateCell(e.to)],
          { id: "enrolments" },
        )
      : h("p", { class: "muted" }, t("none")),
  );
}

function eligibilityView(e, nodes) {
  const std = e.standard;
  const programs = ["dibao", "marginal", "expenditure_hardship"];
  const name = (personId) => {
    const node = nodes.get(personId);
    return node
      ? personLink(node.id, node.label, node.masked)
      : h("span", { class: "mono" }, personId);
  };
  return [
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, t("member_count")),
      h("dd", {}, e.member_count),
      h("dt", {}, t("per_capita")),
      h("dd", {}, t("yuan", { v: fmtMoney(e.per_capita_monthly_income) })),
      h("dt", {}, t("annual_income")),
      h("dd", {}, t("yuan", { v: fmtMoney(e.household_annual_income) })),
      std
        ? [
            h("dt", {}, t("standard")),
            h(
              "dd",
              {},
              t("standard_text", {
                name: std.region_name,
                urban: fmtMoney(std.dibao_urban_monthly),
                rural: fmtMoney(std.dibao_rural_monthly),
              }),
            ),
          ]
        : null,
    ),
    table(
      [t("col_program"), t("col_verdict"), t("reasons")],
      programs,
      (p) =>
        h(
          "tr",
          { dataset: { program: p } },
          h("th", { scope: "row" }, label("program", p)),
          h("td", {}, verdict(e[p].eligible, t("eligible"), t("not_eligible"))),
          h("td", {}, reasonList(e[p].reasons, e[p].explanations)),
        ),
      { id: "programs" },
    ),
    e.single_person_dibao.length
      ? [
          h("h3", {}, t("single_person_dibao")),
          table([t("col_name"), t("col_verdict"), t("reasons")], e.single_person_dibao, (v) => [
            name(v.person_id),
            verdict(v.eligible, t("eligible"), t("not_eligible")),
            reasonList(v.reasons, v.explanations),
          ]),
        ]
      : null,
    e.excluded_members.length
      ? [
          h("h3", {}, t("excluded_members")),
          h(
            "ul",
            {},
            e.excluded_members.map((x) =>
              h("li", {}, name(x.person_id), " ", label("excluded", x.excluded_as)),
            ),
          ),
        ]
      : null,
    e.reasons.length
      ? [h("h3", {}, t("common_reasons")), reasonList(e.reasons, e.explanations)]
      : null,
  ];
}

function scoreView(s) {
  return [
    h(
      "p",
      { class: "score-line", id: "score-line" },
      t("score_total"),
      " ",
      h("strong", { class: "score" }, s.score),
      " ",
      levelBadge(s.level),
      " ",
      s.visit_within_working_days
        ? t("visit_within", { n: s.visit_within_working_days })
        : t("no_visit"),
      " · ",
      t("ruleset"),
      " ",
      s.ruleset,
    ),
    s.contributions.length
      ? table(
          [t("col_indicator"), t("col_points"), t("col_events")],
          s.contributions,
          (c) =>
            h(
              "tr",
              { dataset: { indicator: c.indicator } },
              h("td", {}, label("indicator", c.indicator)),
              h("td", { class: "num" }, c.points),
              h(
                "td",
                {},
                h(
                  "ul",
                  { class: "events" },
                  c.event_ids.map((id) => h("li", { class: "mono" }, id)),
                ),
              ),
            ),
          { id: "contributions" },
        )
      : h("p", { class: "muted" }, t("no_contributions")),
  ];
}

function timelineView(changes, namesById) {
  if (!changes.length) return h("p", { class: "muted" }, t("timeline_empty"));
  return h(
    "ol",
    { class: "timeline", id: "timeline" },
    changes.map((c) => {
      const shown = namesById.has(c.person_id) ? c.person_id : maskId(c.person_id);
      const node = namesById.get(shown);
      return h(
        "li",
        { class: `change change-${c.kind}` },
        dateCell(c.date),
        " ",
        h("span", { class: "badge" }, label("change", c.kind)),
        " ",
        personLink(shown, node?.label ?? shown, node?.masked ?? true),
        " ",
        h("span", { class: "muted" }, label("relation", c.relation)),
      );
    }),
  );
}

function verifiedText(w) {
  return t("verified", {
    date: fmtDate(w.visited_on),
    by: w.verified_by,
    genuine: w.genuine ? t("genuine_yes") : t("genuine_no"),
    findings: w.findings,
    action: w.action,
  });
}

function verificationForm(warning, slot, ctx) {
  if (!session.canVerify) return h("p", { class: "muted" }, t("verify_not_allowed"));
  const message = h("div", { class: "message", id: "verify-message" });
  const radio = (value, text, checked) =>
    h(
      "label",
      { class: "check" },
      h("input", { type: "radio", name: "genuine", value, checked, id: `genuine-${value}` }),
      text,
    );
  return h(
    "form",
    {
      class: "verify",
      id: "verify-form",
      onsubmit: async (event) => {
        event.preventDefault();
        const data = new FormData(event.target);
        const button = event.target.querySelector("button");
        button.disabled = true;
        try {
          const closed = await api(
            `/v1/warnings/${encodeURIComponent(warning.warning_id)}/verification`,
            {
              method: "POST",
              body: {
                visited_on: data.get("visited_on"),
                genuine: data.get("genuine") === "true",
                findings: data.get("findings"),
                action: data.get("action"),
              },
            },
          );
          replace(slot, warningView([closed], slot, ctx));
        } catch (error) {
          button.disabled = false;
          replace(message, errorNote(error));
        }
      },
    },
    h("h3", {}, t("verify_form")),
    h(
      "div",
      { class: "fields" },
      h(
        "label",
        {},
        t("visited_on"),
        h("input", {
          type: "date",
          name: "visited_on",
          id: "visited-on",
          required: true,
          value: ctx.asOf,
          max: ctx.asOf,
        }),
      ),
      h(
        "fieldset",
        {},
        h("legend", {}, t("genuine")),
        radio("true", t("genuine_yes"), true),
        radio("false", t("genuine_no"), false),
      ),
    ),
    h(
      "label",
      {},
      t("findings"),
      h("textarea", { name: "findings", id: "findings", required: true, maxlength: 4000, rows: 3 }),
    ),
    h(
      "label",
      {},
      t("action"),
      h("textarea", { name: "action", id: "action", required: true, maxlength: 2000, rows: 2 }),
    ),
    h("button", { type: "submit", id: "verify-submit" }, t("submit_verification")),
    message,
  );
}

/** The household's warnings, the open one first, with the form when it is open. */
function warningView(warnings, slot, ctx) {
  if (!warnings.length) return h("p", { class: "muted" }, t("warning_none"));
  const ordered = [...warnings].sort(
    (a, b) =>
      (a.status === "open" ? -1 : 0) - (b.status === "open" ? -1 : 0) ||
      b.issued_on.localeCompare(a.issued_on),
  );
  return ordered.map((w, i) =>
    h(
      "div",
      { class: `warning warning-${w.status}`, dataset: { warningId: w.warning_id } },
      h(
        "p",
        {},
        statusBadge(w.status),
        " ",
        t("warning_info", {
          id: w.warning_id,
          level: label("level", w.level),
          score: w.score,
          issued: fmtDate(w.issued_on),
        }),
        w.due_on ? [" · ", t("col_due"), " ", dateCell(w.due_on)] : null,
      ),
      w.verified_by
        ? h("p", { class: "verified", id: i === 0 ? "verified" : null }, verifiedText(w))
        : null,
      w.status === "open" ? verificationForm(w, slot, ctx) : null,
    ),
  );
}

async function householdWarnings(id, query) {
  const { items } = await allPages("/v1/warnings", { status: null });
  const found = items.filter((w) => w.household_id === id);
  if (query.warning && !found.some((w) => w.warning_id === query.warning)) {
    throw new ApiError(404, { detail: `no warning ${query.warning}` });
  }
  return found;
}

/** The household with its enrolments (GET /v1/households/{id}). Outside dev mode the server
 * no longer serves its OpenAPI schema (issue 14 item 13), so the console does not ask it. */
function householdDetail(id) {
  return api(base(id));
}

function drawn(result, draw) {
  return result.status === "fulfilled" ? draw(result.value) : errorNote(result.reason);
}

export async function render(root, route, ctx) {
  const id = route.id;
  const asOf = ctx.asOf;
  const title = h("h2", {}, t("household_title", { id }));
  root.append(title, loadingNote());
  const quiet = (promise) => {
    promise.catch(() => {}); // awaited below, or dropped when the household is not found
    return promise;
  };
  const pending = [
    quiet(api(`/v1/cases/${encodeURIComponent(id)}/graph`, { query: { depth: 1, as_of: asOf } })),
    quiet(api(`${base(id)}/changes`, { query: { until: asOf } })),
    quiet(api(`${base(id)}/eligibility`, { query: { as_of: asOf } })),
    quiet(householdDetail(id)),
    quiet(session.isOfficer ? householdWarnings(id, route.query) : Promise.resolve(null)),
  ];
  // The score decides whether the household exists for this caller (404 outside the region).
  const score = await api(`${base(id)}/score`, { query: { as_of: asOf } });
  const [graph, changes, eligibility, detail, warnings] = await Promise.allSettled(pending);
  const nodes =
    graph.status === "fulfilled" ? new Map(graph.value.nodes.map((n) => [n.id, n])) : new Map();
  const both =
    graph.status === "fulfilled" && changes.status === "fulfilled"
      ? { status: "fulfilled", value: { graph: graph.value, changes: changes.value } }
      : { status: "rejected", reason: graph.reason ?? changes.reason };
  const warningSlot = h("div", { id: "slot-warning" });
  if (!session.isOfficer) warningSlot.append(h("p", { class: "muted" }, t("warning_not_listed")));
  else
    append(
      warningSlot,
      drawn(warnings, (found) => warningView(found, warningSlot, ctx)),
    );
  replace(
    root,
    h(
      "div",
      { class: "title-row" },
      title,
      h("span", { id: "household-level" }, levelBadge(score.level)),
      h(
        "a",
        { href: `#/case/${encodeURIComponent(id)}`, class: "button", id: "open-case" },
        t("open_case"),
      ),
      session.isOfficer
        ? h("a", { href: "#/queue", class: "button secondary" }, t("back_to_queue"))
        : null,
    ),
    h(
      "div",
      { class: "grid" },
      h(
        "div",
        { class: "col" },
        section(
          t("members"),
          drawn(both, (v) =>
            membersTable(memberRows(id, v.graph, v.changes, eligibility.value), asOf),
          ),
        ),
        detail.status === "fulfilled" ? enrolmentsTable(detail.value) : errorNote(detail.reason),
        section(t("warning_title"), warningSlot),
        section(t("score_title", { date: fmtDate(asOf) }), scoreView(score)),
      ),
      h(
        "div",
        { class: "col" },
        section(
          t("eligibility", { date: fmtDate(asOf) }),
          drawn(eligibility, (e) => eligibilityView(e, nodes)),
        ),
        section(
          t("timeline"),
          drawn(both, (v) => timelineView(v.changes, nodes)),
        ),
      ),
    ),
  );
}
