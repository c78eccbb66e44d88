// Pieces several views share: error and loading notes, badges, links to persons.

import { h, table } from "../dom.js";
import { fmtDate, label, t } from "../i18n.js";
import { reasonTexts } from "../reasons.js";

export function errorNote(error) {
  const status = error?.status ? `${error.status} ` : "";
  return h(
    "p",
    { class: "error", role: "alert" },
    `${t("error")}: ${status}${error?.message ?? error}`,
  );
}

export function loadingNote() {
  return h("p", { class: "loading" }, t("loading"));
}

export function levelBadge(level) {
  return h("span", { class: `badge level-${level}` }, label("level", level));
}

export function statusBadge(status) {
  return h("span", { class: `badge status-${status}` }, label("status", status));
}

/** A person's name (or masked id) linking to their page unless masked. */
export function personLink(id, name, masked) {
  const text = name || id;
  if (masked) return h("span", { class: "masked", title: t("masked_person") }, text);
  return h("a", { href: `#/person/${encodeURIComponent(id)}` }, text);
}

/** A list of reasons (each names its rule id) in the current language, from the verdict's
 * `explanations` where it has them (CONTRACT §3), else its plain-text `reasons`; or a dash. */
export function reasonList(reasons, explanations) {
  const shown = reasonTexts(reasons, explanations);
  if (!shown.length) return h("span", { class: "muted" }, "—");
  return h(
    "ul",
    { class: "reasons" },
    shown.map((r) => h("li", {}, r)),
  );
}

export function dateCell(iso) {
  return h("time", { datetime: iso ?? "" }, iso ? fmtDate(iso) : "—");
}

/** A workflow resource's timeline (P12): the day, the step (labels of `stepKind`), who and
 * which rules, and a last column `last(step)` when given (a referral's outcome). */
export function stepTable(steps, { stepKind, id, last = null }) {
  const keys = ["col_step_on", "col_step", "col_by", "col_rules"];
  const headers = [...keys, ...(last ? ["col_recorded"] : [])].map((k) => t(k));
  return table(
    headers,
    steps,
    (s) =>
      h(
        "tr",
        { class: "step", dataset: { step: s.step } },
        h("td", {}, dateCell(s.on)),
        h("td", {}, label(stepKind, s.step)),
        h("td", { class: "by" }, `${s.by} · ${label("role", s.role)}`),
        h("td", { class: "rules" }, s.rules.join("、")),
        last ? h("td", {}, last(s)) : null,
      ),
    { id },
  );
}

/** A running deadline (`runningDue` of js/data/common.js): the date, which step (labels of
 * `stepKind`), 暂定 beyond the W4 calendar, 逾期; or that none runs. */
export function deadlineLine(due, stepKind) {
  if (!due) return h("span", { class: "muted" }, t("due_none"));
  return [
    dateCell(due.on),
    due.step ? h("span", { class: "muted" }, ` ${label(stepKind, due.step)}`) : null,
    due.provisional ? h("span", { class: "tag provisional-tag" }, t("provisional_mark")) : null,
    due.overdue ? h("span", { class: "tag overdue-tag" }, t("overdue_mark")) : null,
  ];
}

/** A list's row that opens `href` when clicked anywhere but on a link of its own. */
export function linkRow(ctx, href, attrs, ...cells) {
  const onclick = (event) => {
    if (!event.target.closest("a")) ctx.navigate(href);
  };
  return h("tr", { ...attrs, onclick }, ...cells);
}

/** A list's tabs, all and those overdue on the as-of date (`?overdue=1`): the links
 * `#tab-{name}-all` and `#tab-{name}-overdue`, labelled `{name}_all` and `{name}_overdue`. */
export function overdueTabs(query, id, hash, name) {
  const overdue = query.overdue === "1";
  const tab = (which, href, active) =>
    h(
      "a",
      { href, id: `tab-${name}-${which}`, class: active ? "active" : null },
      t(`${name}_${which}`),
    );
  return h(
    "nav",
    { class: "tabs", id },
    tab("all", hash, !overdue),
    tab("overdue", `${hash}?overdue=1`, overdue),
  );
}
