// The discovery list (主动发现, RULES P4): the discoveries of the officer's region, tabs for
// the open ones and those whose outcome is overdue (`overdue_on=` the as-of date). Each row
// shows the status, the source, the household, the day found, the reporter and the outcome's
// deadline, 逾期 when overdue; a click opens the discovery's page. It draws what
// js/data/discoveries.js gives it.

import { discoveryList } from "../data/discoveries.js";
import { h, replace, table } from "../dom.js";
import { fmtDate, label, t } from "../i18n.js";
import { dateCell, errorNote, loadingNote } from "./common.js";

/** The outcome's deadline: the date, 暂定 beyond the W4 calendar, 逾期. */
export function discDueLine(due) {
  if (!due) return h("span", { class: "muted" }, t("due_none"));
  return [
    dateCell(due.on),
    due.provisional ? h("span", { class: "tag provisional-tag" }, t("provisional_mark")) : null,
    due.overdue ? h("span", { class: "tag overdue-tag" }, t("overdue_mark")) : null,
  ];
}

export function discStatus(status) {
  return h("span", { class: `badge disc-status-${status}` }, label("disc_status", status));
}

function tabs(query) {
  const tab = (name, key, hash, active) =>
    h("a", { href: hash, id: `tab-${name}`, class: active ? "active" : null }, t(key));
  const overdue = query.overdue === "1";
  const open = !overdue && query.status === "open";
  return h(
    "nav",
    { class: "tabs", id: "disc-tabs" },
    tab("discs-all", "discs_all", "#/discoveries", !overdue && !open),
    tab("discs-open", "discs_open", "#/discoveries?status=open", open),
    tab("discs-overdue", "discs_overdue", "#/discoveries?overdue=1", overdue),
  );
}

function row(d, ctx) {
  const href = `#/discovery/${encodeURIComponent(d.discovery_id)}`;
  return h(
    "tr",
    {
      class: `disc-row${d.due?.overdue ? " overdue" : ""}`,
      dataset: {
        discoveryId: d.discovery_id,
        status: d.status,
        householdId: d.household_id,
        overdue: String(!!d.due?.overdue),
      },
      onclick: (event) => {
        if (!event.target.closest("a")) ctx.navigate(href);
      },
    },
    h("td", {}, h("a", { href }, d.discovery_id)),
    h("td", {}, discStatus(d.status)),
    h("td", {}, label("disc_source", d.source)),
    h("td", {}, d.household_id, d.person_id ? ` · ${d.person_id}` : ""),
    h("td", {}, dateCell(d.found_on)),
    h("td", {}, d.reporter),
    h("td", {}, d.outcome ? label("disc_outcome", d.outcome) : "—"),
    h("td", { class: "due" }, discDueLine(d.due)),
  );
}

export async function render(root, route, ctx) {
  const query = route.query;
  const slot = h("div", { id: "discoveries" }, loadingNote());
  root.append(
    h("h2", {}, t("discs_title"), " ", h("small", {}, fmtDate(ctx.asOf))),
    tabs(query),
    slot,
  );
  try {
    const { items, truncated, open, overdue } = await discoveryList(query, ctx.asOf);
    const headers = [
      "col_discovery",
      "col_status",
      "col_disc_source",
      "col_household",
      "col_found_on",
      "col_reporter",
      "col_disc_outcome",
      "col_disc_due",
    ].map((k) => t(k));
    replace(
      slot,
      h(
        "p",
        { class: "summary", id: "disc-summary" },
        t("discs_count", { n: items.length, open, overdue }),
      ),
      truncated ? h("p", { class: "muted" }, t("queue_truncated", { n: items.length })) : null,
      items.length
        ? table(headers, items, (d) => row(d, ctx), { class: "queue", id: "disc-list" })
        : h("p", { class: "muted", id: "discs-empty" }, t("discs_empty")),
    );
  } catch (error) {
    replace(slot, errorNote(error));
  }
}
