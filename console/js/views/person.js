// A person: the destitute check (T1: three conditions, category, reasons), the legal
// supporters, each able or unable and why (T4–T7), and the department events about the
// person, newest first (GET /v1/persons/{id}/events, RULES §4), with the person's name,
// age and households. It draws what js/data/persons.js gives it.

import { personScreen } from "../data/persons.js";
import { h, replace, section, table, verdict } from "../dom.js";
import { fmtDate, label, lang, t } from "../i18n.js";
import { explain, reasonTexts } from "../reasons.js";
import { dateCell, errorNote, loadingNote, personLink, reasonList } from "./common.js";

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
  const screen = await personScreen(id, { asOf });
  const { born, households, supporters, events } = screen;
  replace(title, t("person_title", { name: screen.name ?? id }));
  replace(
    root,
    h(
      "div",
      { class: "title-row" },
      title,
      h("span", { class: "mono" }, id),
      born ? h("span", {}, `${fmtDate(born)} · ${t("col_age")} ${screen.age}`) : null,
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
        section(t("destitute", { date: fmtDate(asOf) }), checkView(screen.check)),
      ),
      h(
        "div",
        { class: "col" },
        section(
          t("supporters"),
          supporters.ok ? supportersView(supporters.value) : errorNote(supporters.error),
        ),
      ),
    ),
    section(
      t("events", { date: fmtDate(asOf) }),
      events.ok ? eventsView(events.value) : errorNote(events.error),
    ),
  );
}
