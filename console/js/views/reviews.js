// The review list (定期核查, RULES P10): the open enrolments of the officer's region whose
// review is due on or before a day (the as-of date unless the officer picks a later one),
// earliest first: the recipient, the programme, the enrolment's start, the due date (逾期 when
// before the as-of date) and why (定期, brought forward by a warning, or 比对发现: integrity
// check X3 found the enrolment no longer meeting its rule), with the rule ids of every ground
// and, in Chinese, the API's sentence for each; each row opens the review form. It draws what
// js/data/reviews.js gives it.

import { reviewList } from "../data/reviews.js";
import { h, replace, table } from "../dom.js";
import { fmtDate, label, lang, t } from "../i18n.js";
import { dateCell, errorNote, loadingNote } from "./common.js";

function filters(dueOn, ctx) {
  return h(
    "form",
    {
      class: "filters",
      id: "review-filters",
      onsubmit: (event) => {
        event.preventDefault();
        const day = new FormData(event.target).get("due_on");
        ctx.navigate(`#/reviews?${new URLSearchParams({ due_on: day })}`);
      },
    },
    h(
      "label",
      {},
      t("reviews_due_on"),
      " ",
      h("input", { type: "date", name: "due_on", id: "reviews-due-on", value: dueOn }),
    ),
    h("button", { type: "submit", id: "reviews-filter" }, t("reviews_filter")),
  );
}

function row(r, ctx) {
  return h(
    "tr",
    {
      class: `review-row${r.overdue ? " overdue" : ""}`,
      dataset: {
        subjectId: r.subject_id,
        program: r.program,
        from: r.enrollment_from,
        why: r.why,
        whyRules: r.why_rules.join(" "),
      },
      onclick: (event) => {
        if (!event.target.closest("a")) ctx.navigate(r.href);
      },
    },
    h("td", {}, r.subject_id),
    h("td", {}, label("program", r.program)),
    h("td", {}, dateCell(r.enrollment_from)),
    h(
      "td",
      { class: "due" },
      dateCell(r.due_on),
      r.overdue ? h("span", { class: "tag overdue-tag" }, t("overdue_mark")) : null,
    ),
    h(
      "td",
      { class: "why" },
      label("review_why", r.why),
      r.why_rules.length ? h("span", { class: "tag why-rules" }, r.why_rules.join("、")) : null,
      r.why_reason && lang() !== "en"
        ? h("div", { class: "muted why-reason" }, r.why_reason)
        : null,
    ),
    h("td", {}, h("a", { href: r.href, class: "button" }, t("review_open"))),
  );
}

export async function render(root, route, ctx) {
  const slot = h("div", { id: "reviews" }, loadingNote());
  const dueOn = route.query.due_on || ctx.asOf;
  root.append(
    h("h2", {}, t("reviews_title"), " ", h("small", {}, fmtDate(ctx.asOf))),
    filters(dueOn, ctx),
    slot,
  );
  try {
    const { items, truncated, overdue } = await reviewList(route.query, ctx.asOf);
    const headers = [
      "col_subject",
      "col_program",
      "col_enrollment_from",
      "col_review_due",
      "col_review_why",
      "",
    ].map((k) => (k ? t(k) : ""));
    replace(
      slot,
      h(
        "p",
        { class: "summary", id: "review-summary" },
        t("reviews_count", { n: items.length, overdue, date: fmtDate(dueOn) }),
      ),
      truncated ? h("p", { class: "muted" }, t("queue_truncated", { n: items.length })) : null,
      items.length
        ? table(headers, items, (r) => row(r, ctx), { class: "queue", id: "review-list" })
        : h("p", { class: "muted", id: "reviews-empty" }, t("reviews_empty")),
    );
  } catch (error) {
    replace(slot, errorNote(error));
  }
}
