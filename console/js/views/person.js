// A person: the destitute check (T1: three conditions, category, reasons), the legal
// supporters, each able or unable and why (T4–T7), and the department events about the
// person, newest first (GET /v1/persons/{id}/events, RULES §4). The name and households come
// from the case graph at depth 1; the age from the resident id (I1).

import { ageOn, allPages, api, birthDateOf } from "../api.js";
import { h, replace, section, table, verdict } from "../dom.js";
import { fmtDate, label, lang, t } from "../i18n.js";
import { explain, reasonTexts } from "../reasons.js";
import { dateCell, errorNote, loadingNote, personLink, reasonList } from "./common.js";

const base = (id) => `/v1/persons/${encodeURIComponent(id)}`;

function checkView(c) {
  const condition = (key) =>
    h(
      "tr",
      { dataset: { condition: key } },
      h("th", { scope: "row" }, t(key)),
      h("td", {}, verdict(c[key], t("yes"), t("no"))),
    );
  return [
    h(
      "p",
      { id: "destitute-verdict" },
      verdict(c.eligible, t("eligible"), t("not_eligible")),
      " ",
      c.category ? [t("category"), " ", h("strong", {}, label("category", c.category))] : null,
    ),
    h(
      "table",
      { class: "conditions" },
      h(
        "tbody",
        {},
        ["no_labor_capacity", "no_income_source", "no_capable_supporter"].map(condition),
      ),
    ),
    h("h3", {}, t("reasons")),
    reasonList(c.reasons, c.explanations),
  ];
}

/** T6 in the current language: each clause of the supporter's `explanations`, joined. */
function supporterReason(s) {
  const clauses = reasonTexts([s.reason], s.explanations);
  return clauses.join(lang() === "en" ? "; " : "；");
}

function supportersView(supporters) {
  if (!supporters.length) return h("p", { class: "muted" }, t("supporters_empty"));
  const headers = [
    "col_name",
    "col_person_id",
    "col_kin",
    "col_obligation",
    "col_order",
    "col_able",
    "col_why",
  ].map((k) => t(k));
  return table(
    headers,
    supporters,
    (s) =>
      h(
        "tr",
        {
          class: `supporter ${s.able ? "able" : "unable"}${s.masked ? " masked-row" : ""}`,
          dataset: { personId: s.person_id },
        },
        h("td", {}, personLink(s.person_id, s.name, s.masked)),
        h("td", { class: "mono" }, s.person_id),
        h("td", { class: "nowrap" }, label("relation", s.relation)),
        h("td", { class: "nowrap" }, label("obligation", s.obligation)),
        h("td", { class: "nowrap" }, label("order", s.order)),
        h("td", { class: "nowrap" }, verdict(s.able, t("able"), t("unable"))),
        h(
          "td",
          {},
          h("div", { class: "why" }, supporterReason(s)),
          s.duty ? h("div", { class: "muted duty" }, explain(s.duty_explanation) ?? s.duty) : null,
        ),
      ),
    { id: "supporters" },
  );
}

/** The person's own department events, newest first (the API's order). */
function eventsView({ items, truncated }) {
  if (!items.length) return h("p", { class: "muted", id: "events-empty" }, t("events_empty"));
  const headers = [
    "col_occurred_on",
    "col_indicator",
    "col_source",
    "col_event_id",
    "col_note",
  ].map((k) => t(k));
  return [
    truncated ? h("p", { class: "muted" }, t("events_truncated", { n: items.length })) : null,
    table(
      headers,
      items,
      (e) =>
        h(
          "tr",
          {
            class: "event",
            dataset: { eventId: e.event_id, source: e.source, indicator: e.indicator },
          },
          h("td", { class: "nowrap" }, dateCell(e.occurred_on)),
          h("td", {}, label("indicator", e.indicator)),
          h("td", { class: "nowrap" }, label("source", e.source)),
          h("td", { class: "mono" }, e.event_id),
          h("td", {}, e.note ?? h("span", { class: "muted" }, "—")),
        ),
      { id: "events" },
    ),
  ];
}

export async function render(root, route, ctx) {
  const id = route.id;
  const asOf = ctx.asOf;
  const title = h("h2", {}, t("person_title", { name: id }));
  root.append(title, loadingNote());
  const graphP = api(`/v1/cases/${encodeURIComponent(id)}/graph`, {
    query: { depth: 1, as_of: asOf },
  });
  const supportersP = api(`${base(id)}/supporters`, { query: { as_of: asOf } });
  const eventsP = allPages(`${base(id)}/events`, { as_of: asOf });
  graphP.catch(() => {});
  supportersP.catch(() => {});
  eventsP.catch(() => {});
  const check = await api(`${base(id)}/destitute-check`, { query: { as_of: asOf } });
  const [graph, supporters, events] = await Promise.allSettled([graphP, supportersP, eventsP]);
  const self = graph.value?.nodes.find((n) => n.id === id);
  const households = (graph.value?.edges ?? [])
    .filter((e) => e.kind === "member_of" && e.source === id)
    .map((e) => e.target);
  const born = birthDateOf(id);
  replace(title, t("person_title", { name: self?.label ?? id }));
  replace(
    root,
    h(
      "div",
      { class: "title-row" },
      title,
      h("span", { class: "mono" }, id),
      born ? h("span", {}, `${fmtDate(born)} · ${t("col_age")} ${ageOn(born, asOf)}`) : null,
      h(
        "a",
        { href: `#/case/${encodeURIComponent(id)}`, class: "button", id: "open-case" },
        t("open_case"),
      ),
    ),
    households.length
      ? h(
          "p",
          { id: "person-households" },
          t("households_of"),
          ": ",
          households.map((hid) => [
            h("a", { href: `#/household/${encodeURIComponent(hid)}` }, hid),
            " ",
          ]),
        )
      : null,
    h(
      "div",
      { class: "grid person-grid" },
      h(
        "div",
        { class: "col" },
        section(t("destitute", { date: fmtDate(asOf) }), checkView(check)),
      ),
      h(
        "div",
        { class: "col" },
        section(
          t("supporters"),
          supporters.status === "fulfilled"
            ? supportersView(supporters.value)
            : errorNote(supporters.reason),
        ),
      ),
    ),
    section(
      t("events", { date: fmtDate(asOf) }),
      events.status === "fulfilled" ? eventsView(events.value) : errorNote(events.reason),
    ),
  );
}
