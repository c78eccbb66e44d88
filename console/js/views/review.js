// The review form (定期核查, RULES P10, P6, P9, C3, C4): one enrolment of the review list
// (`#/review?subject=&program=&from=`), reviewed on a day with its outcome (continue; adjust
// with the new monthly amount, for a programme that pays one; terminate), the recipient's
// hearing and the reason that a decrease or a termination needs, the posting of a tekun
// termination, the county officer's home visit that a filed case needs (C4) and the family's
// declaration of an official relative (C3); POST /v1/reviews. A refused review shows its
// problem in place (409: the rule, C4 among them; 422: the field). The recorded review shows
// its result, its filings (C3), its timeline and, for a decrease or a termination, the link
// to its written notice (P9). It draws what js/data/reviews.js gives it.

import { formModel, noticeUrl, sendReview } from "../data/reviews.js";
import { h, replace, section, table } from "../dom.js";
import { fmtDate, fmtMoney, label, t } from "../i18n.js";
import { filingsView, noticeLink } from "./application.js";
import { dateCell } from "./common.js";
import { dateInput, field, problemNote, select, textInput } from "./forms.js";

function optionalDate(name, id) {
  return h("input", { type: "date", name, id });
}

function reviewForm(model, onDone) {
  const message = h("div", { id: "review-message" });
  const hidden = (name, value) => h("input", { type: "hidden", name, value });
  return h(
    "form",
    {
      id: "review-form",
      class: "step-form card",
      onsubmit: (event) => {
        event.preventDefault();
        const fields = Object.fromEntries(new FormData(event.target));
        const button = event.target.querySelector("button[type=submit]");
        button.disabled = true;
        sendReview(fields)
          .then((done) => onDone(done))
          .catch((error) => {
            button.disabled = false;
            replace(message, problemNote(error, undefined, "review_status"));
          });
      },
    },
    hidden("subject_id", model.subject_id),
    hidden("program", model.program),
    hidden("enrollment_from", model.enrollment_from),
    h(
      "div",
      { class: "fields" },
      field(t("review_reviewed_on"), dateInput("reviewed_on", model.reviewed_on, "review-on")),
      field(
        t("review_outcome"),
        select("outcome", model.outcomes, (o) => label("review_outcome", o), {
          id: "review-outcome",
        }),
      ),
      model.outcomes.includes("adjust")
        ? field(
            t("review_amount"),
            h("input", {
              type: "number",
              name: "monthly_amount",
              id: "review-amount",
              min: 0,
              step: "0.01",
            }),
          )
        : null,
      field(t("review_hearing_on"), optionalDate("hearing_on", "review-hearing-on")),
      model.posting
        ? field(t("review_posted_on"), optionalDate("posted_on", "review-posted-on"))
        : null,
      field(t("review_visited_on"), optionalDate("visited_on", "review-visited-on")),
      field(
        t("review_reason"),
        textInput("reason", { id: "review-reason", required: false, rows: 3 }),
      ),
    ),
    h(
      "label",
      { class: "check" },
      h("input", {
        type: "checkbox",
        name: "declared_official_relative",
        value: "1",
        id: "review-declared",
      }),
      t("review_declared"),
    ),
    h("button", { type: "submit", id: "review-submit" }, t("review_submit")),
    message,
  );
}

function timeline(steps) {
  const headers = ["col_step_on", "col_step", "col_by", "col_rules", "col_recorded"].map((k) =>
    t(k),
  );
  return table(
    headers,
    steps,
    (s) =>
      h(
        "tr",
        { class: "step", dataset: { step: s.step } },
        h("td", {}, dateCell(s.on)),
        h("td", {}, label("review_step", s.step)),
        h("td", { class: "by" }, `${s.by} · ${label("role", s.role)}`),
        h("td", { class: "rules" }, s.rules.join("、")),
        h(
          "td",
          {},
          [s.outcome ? label("review_outcome", s.outcome) : null, s.reason]
            .filter(Boolean)
            .join(" · "),
        ),
      ),
    { id: "review-timeline" },
  );
}

function resultView(model) {
  const r = model.review;
  const line = (key, value, id) =>
    h("div", { class: "fact", id }, h("dt", {}, t(key)), h("dd", {}, value));
  return h(
    "div",
    { id: "review-result" },
    h("p", { class: "done", id: "review-done" }, t("review_done", { id: r.review_id })),
    section(
      t("review_result"),
      h(
        "dl",
        { class: "facts" },
        line(
          "review_outcome",
          [
            h("span", { id: "review-outcome-label" }, label("review_outcome", r.outcome)),
            r.effective_from
              ? ` · ${t("review_effective", { date: fmtDate(r.effective_from) })}`
              : "",
          ],
          "review-outcome-fact",
        ),
        line("review_old_amount", fmtMoney(r.old_amount), "review-old-amount"),
        r.outcome === "adjust"
          ? line("review_new_amount", fmtMoney(r.monthly_amount), "review-new-amount")
          : null,
        line("review_reason", r.reason ?? "—", "review-reason-fact"),
        r.notice_kind
          ? line(
              "review_notice_due",
              [label("notice_kind", r.notice_kind), " · ", dateCell(r.notice_due_on)],
              "review-notice-due",
            )
          : null,
        r.filed ? h("p", { class: "warning-note", id: "review-filed" }, t("review_filed")) : null,
      ),
      model.notice ? h("p", {}, noticeLink(r.review_id, noticeUrl)) : null,
    ),
    section(t("filings_title"), filingsView(model.filings, "review-filings")),
    section(t("review_timeline"), timeline(model.timeline)),
  );
}

export async function render(root, route, ctx) {
  const model = formModel(route.query, ctx.asOf);
  const slot = h("div", { id: "review-slot" });
  const title = t("review_title", { subject: model.subject_id });
  const enrolment = t("review_enrolment", {
    program: label("program", model.program),
    from: fmtDate(model.enrollment_from),
  });
  replace(
    root,
    h("p", {}, h("a", { href: "#/reviews", id: "back-to-reviews" }, t("back_to_reviews"))),
    h("h2", {}, title, " ", h("small", { id: "review-enrolment" }, enrolment)),
    slot,
  );
  replace(
    slot,
    reviewForm(model, (done) => replace(slot, resultView(done))),
  );
}
