// The application lists (issue 17): the township's cases, the county's decision queue
// (status=transmitted), the filed cases (filed=true, C3) and the overdue ones (overdue_on the
// as-of date, seen by the level above, P7), as tabs over one list; filters for status and
// programme. A click on a row opens the case page. It draws what js/data/applications.js gives.

import { PROGRAMS, STATUSES, applicationList } from "../data/applications.js";
import { h, replace, table } from "../dom.js";
import { fmtDate, label, t } from "../i18n.js";
import { dateCell, errorNote, loadingNote } from "./common.js";
import { dueLine } from "./application.js";

const TABS = [
  ["all", "apps_all", ""],
  ["decide", "apps_decide", "status=transmitted"],
  ["filed", "apps_filed", "filed=true"],
  ["overdue", "apps_overdue", "overdue=1"],
];

function tabOf(query) {
  if (query.overdue === "1") return "overdue";
  if (query.filed === "true") return "filed";
  if (query.status === "transmitted") return "decide";
  return "all";
}

function tabs(query) {
  const current = tabOf(query);
  return h(
    "nav",
    { class: "tabs", id: "app-tabs" },
    TABS.map(([name, key, search]) =>
      h(
        "a",
        {
          href: `#/applications${search ? `?${search}` : ""}`,
          id: `tab-${name}`,
          class: name === current ? "active" : null,
        },
        t(key),
      ),
    ),
  );
}

function filters(query, ctx) {
  const choose = (name, values, kind) =>
    h(
      "select",
      { name, id: `filter-${name}` },
      h("option", { value: "" }, t("all")),
      values.map((v) => h("option", { value: v, selected: v === query[name] }, label(kind, v))),
    );
  return h(
    "form",
    {
      class: "filters",
      id: "app-filters",
      onsubmit: (event) => {
        event.preventDefault();
        const params = new URLSearchParams();
        for (const [key, value] of new FormData(event.target)) if (value) params.set(key, value);
        for (const key of ["filed", "overdue", "region"])
          if (query[key]) params.set(key, query[key]);
        ctx.navigate(`#/applications?${params}`);
      },
    },
    h("label", {}, t("filter_status"), choose("status", STATUSES, "app_status")),
    h("label", {}, t("filter_program"), choose("program", PROGRAMS, "program")),
    h("button", { type: "submit", id: "app-filter-apply" }, t("filter_apply")),
  );
}

function row(app, ctx) {
  const href = `#/application/${encodeURIComponent(app.application_id)}`;
  return h(
    "tr",
    {
      class: `app-row${app.due?.overdue ? " overdue" : ""}`,
      dataset: {
        applicationId: app.application_id,
        status: app.status,
        householdId: app.household_id,
      },
      onclick: (event) => {
        if (!event.target.closest("a")) ctx.navigate(href);
      },
    },
    h("td", {}, h("a", { href }, app.application_id)),
    h("td", {}, label("program", app.program)),
    h("td", {}, app.household_id),
    h("td", {}, app.township_code),
    h("td", {}, dateCell(app.received_on)),
    h(
      "td",
      {},
      h("span", { class: `badge app-status-${app.status}` }, label("app_status", app.status)),
    ),
    h("td", { class: "due" }, dueLine(app.due)),
    h("td", {}, app.filed ? t("yes") : ""),
  );
}

export async function render(root, route, ctx) {
  const query = route.query;
  const slot = h("div", { id: "applications" }, loadingNote());
  root.append(
    h("h2", {}, t("apps_title"), " ", h("small", {}, fmtDate(ctx.asOf))),
    tabs(query),
    filters(query, ctx),
    slot,
  );
  try {
    const { items, truncated } = await applicationList(query, ctx.asOf);
    const headers = [
      "col_application",
      "col_program",
      "col_household",
      "col_township",
      "col_received",
      "col_status",
      "col_due_date",
      "col_filed",
    ].map((k) => t(k));
    replace(
      slot,
      h("p", { class: "summary", id: "app-summary" }, t("apps_count", { n: items.length })),
      truncated ? h("p", { class: "muted" }, t("queue_truncated", { n: items.length })) : null,
      items.length
        ? table(headers, items, (a) => row(a, ctx), { class: "queue", id: "app-list" })
        : h("p", { class: "muted", id: "apps-empty" }, t("apps_empty")),
    );
  } catch (error) {
    replace(slot, errorNote(error));
  }
}
