// The referral page (转办, RULES P11): what was referred (need, household, source, the day sent),
// its status and deadline (逾期 when overdue), the department's answers its status allows: the
// acknowledgement (签收) and the outcome (accepted; rejected with the reason; done with what was
// given), POST /v1/referrals/{id}/status, and the timeline. A refused answer shows its problem
// in place (409: the status; 422: the field). It draws what js/data/referrals.js gives it.

import { problemOf } from "../data/applications.js";
import { referralModel, referralScreen, sendAnswer } from "../data/referrals.js";
import { h, replace, section } from "../dom.js";
import { label, t } from "../i18n.js";
import { dateCell, errorNote, loadingNote, stepTable } from "./common.js";
import { dateInput, field, select, textInput } from "./forms.js";
import { refDueLine, refStatus } from "./referrals.js";

function problemBox(error) {
  const p = problemOf(error);
  return h(
    "div",
    {
      class: "error problem",
      role: "alert",
      id: "ref-problem",
      dataset: { status: p.status ?? "" },
    },
    h("p", {}, `${t("ref_refused")}: ${p.status ?? ""} ${p.detail}`),
    p.state ? h("p", {}, t("ref_state", { state: label("ref_status", p.state) })) : null,
    p.errors.length
      ? h(
          "ul",
          { class: "field-errors" },
          p.errors.map((e) => h("li", { dataset: { field: e.field } }, `${e.field}: ${e.message}`)),
        )
      : null,
  );
}

function facts(r, due) {
  const line = (key, value, id) =>
    h("div", { class: "fact", id }, h("dt", {}, t(key)), h("dd", {}, value));
  return section(
    t("ref_facts"),
    h(
      "dl",
      { class: "facts" },
      line("col_status", refStatus(r.status), "ref-status"),
      line("col_need", r.need, "ref-need"),
      line("col_department", label("department", r.department), "ref-department"),
      line("col_household", r.household_id, "ref-household"),
      line("ref_source", r.source_id, "ref-source"),
      line("col_sent_on", dateCell(r.sent_on), "ref-sent-on"),
      line("col_acknowledged_on", dateCell(r.acknowledged_on), "ref-acknowledged-on"),
      line("col_outcome_on", dateCell(r.outcome_on), "ref-outcome-on"),
      line("ref_outcome", r.outcome ?? "—", "ref-outcome"),
      line("col_ref_due", refDueLine(due), "ref-due"),
    ),
  );
}

function answerForms(model, ctx, redraw) {
  const id = model.referral.referral_id;
  if (!model.acknowledge && !model.outcomes.length) {
    const closed = ["rejected", "done"].includes(model.referral.status);
    return h(
      "p",
      { class: "muted", id: "ref-no-answer" },
      t(closed ? "ref_closed" : "ref_not_yours"),
    );
  }
  const message = h("div", { id: "ref-message" });
  const submit = (fields) =>
    sendAnswer(id, fields)
      .then((now) => redraw(referralModel(now, { asOf: ctx.asOf, role: ctx.claims?.role })))
      .catch((error) => replace(message, problemBox(error)));
  const ack = model.acknowledge
    ? h(
        "form",
        {
          id: "ref-ack-form",
          class: "step-form",
          onsubmit: (event) => {
            event.preventDefault();
            const data = new FormData(event.target);
            submit({ status: "acknowledged", on: data.get("on") });
          },
        },
        h("h3", {}, t("ref_ack_title")),
        field(t("ref_ack_on"), dateInput("on", ctx.asOf, "ref-ack-on")),
        h("button", { type: "submit", id: "ref-ack-submit" }, t("ref_ack_submit")),
      )
    : null;
  const outcome = model.outcomes.length
    ? h(
        "form",
        {
          id: "ref-answer-form",
          class: "step-form",
          onsubmit: (event) => {
            event.preventDefault();
            const data = new FormData(event.target);
            submit({
              status: data.get("status"),
              on: data.get("on"),
              outcome: data.get("outcome"),
            });
          },
        },
        h("h3", {}, t("ref_answer_title")),
        field(
          t("ref_answer_status"),
          select("status", model.outcomes, (s) => label("ref_status", s), {
            id: "ref-answer-status",
          }),
        ),
        field(t("ref_answer_on"), dateInput("on", ctx.asOf, "ref-answer-on")),
        field(
          t("ref_answer_outcome"),
          textInput("outcome", { id: "ref-answer-outcome", required: false, rows: 3 }),
        ),
        h("button", { type: "submit", id: "ref-answer-submit" }, t("ref_answer_submit")),
      )
    : null;
  return h("div", { class: "card", id: "ref-answers" }, ack, outcome, message);
}

function draw(root, model, ctx) {
  const redraw = (next) => draw(root, next, ctx);
  replace(
    root,
    h("p", {}, h("a", { href: "#/referrals", id: "back-to-inbox" }, t("back_to_inbox"))),
    h("h2", {}, t("ref_title", { id: model.referral.referral_id })),
    facts(model.referral, model.due),
    answerForms(model, ctx, redraw),
    section(
      t("ref_timeline"),
      stepTable(model.timeline, {
        stepKind: "ref_step",
        id: "ref-timeline",
        last: (s) => s.outcome ?? "",
      }),
    ),
  );
}

export async function render(root, route, ctx) {
  root.append(loadingNote());
  try {
    draw(root, await referralScreen(route.id, { asOf: ctx.asOf, role: ctx.claims?.role }), ctx);
  } catch (error) {
    replace(root, errorNote(error));
  }
}
