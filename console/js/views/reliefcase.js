// A temporary relief case's page (临时救助, RULES R1–R4, R7): what was filed and where (R1),
// its caps (R3's advance, R4's case), its running deadline, the step forms its status offers
// the caller (js/data/relief.js `stepsFor`): advance relief paid from the township's standby
// fund (先行救助, R3, R5), the paperwork (补办手续: the investigation record and the decision,
// due in working days after the advance, R3), the follow-on (R7: a referral to a department,
// P11, sent from the case; an application; or none with a reason), and the timeline (P12).
// A refused step shows its problem in place: 409 with the rule (R3's cap, R5's balance), 422
// with the field. It draws what js/data/relief.js gives it.

import { DEPARTMENTS } from "../data/conferences.js";
import {
  FOLLOW_ON_KINDS,
  recordFollowOn,
  reliefModel,
  reliefScreen,
  takeStep,
} from "../data/relief.js";
import { h, replace, section } from "../dom.js";
import { fmtDate, fmtMoney, label, t } from "../i18n.js";
import { dateCell, deadlineLine, errorNote, loadingNote, stepTable } from "./common.js";
import { dateInput, field, problemNote, select, textInput } from "./forms.js";

const money = (value) =>
  value === null || value === undefined ? "—" : t("yuan", { v: fmtMoney(value) });

/** A case's deadline: the date, which step, 暂定 beyond the W4 calendar, 逾期. */
export function reliefDueLine(due) {
  return deadlineLine(due, "relief_due_step");
}

export function reliefStatus(status) {
  return h("span", { class: `badge relief-status-${status}` }, label("relief_status", status));
}

function subject(r) {
  if (r.household_id) {
    return h("a", { href: `#/household/${encodeURIComponent(r.household_id)}` }, r.household_id);
  }
  return [r.name ?? "", " ", h("span", { class: "mono" }, r.person_id ?? "")];
}

function facts(model) {
  const r = model.relief;
  const line = (key, value, id) =>
    h("div", { class: "fact", id }, h("dt", {}, t(key)), h("dd", {}, value));
  return section(
    t("relief_case_title", { id: r.relief_id }),
    h(
      "dl",
      { class: "facts" },
      line("col_status", reliefStatus(r.status), "relief-status"),
      line(
        "relief_township",
        [
          r.township_code,
          " ",
          h(
            "a",
            { href: `#/fund/${encodeURIComponent(r.township_code)}`, id: "relief-fund-link" },
            t("fund_open"),
          ),
        ],
        "relief-township-value",
      ),
      line("relief_subject_col", subject(r), "relief-subject"),
      line("relief_cause", label("relief_cause", r.cause), "relief-cause-value"),
      line("relief_track", label("relief_track", r.track), "relief-track-value"),
      line("relief_occurred_on", dateCell(r.occurred_on), "relief-occurred-on-value"),
      line("relief_filed_on", dateCell(r.filed_on), "relief-filed-on-value"),
      line("relief_persons", String(r.persons), "relief-persons-value"),
      line("relief_requested", money(r.requested_amount), "relief-requested-value"),
      line(
        "relief_facts",
        h("span", { class: "free-text" }, r.facts ?? t("relief_facts_none")),
        "relief-facts-value",
      ),
      line("relief_standard", money(r.standard_monthly), "relief-standard"),
      line("relief_advance_cap", money(r.advance_cap), "relief-advance-cap"),
      line("relief_case_cap", money(r.case_cap), "relief-case-cap"),
      line(
        "relief_paid",
        [money(r.paid_amount), r.paid_on ? [" ", dateCell(r.paid_on)] : null],
        "relief-paid",
      ),
      line("relief_decided", money(r.decided_amount), "relief-decided"),
      r.repeated_cause
        ? line("relief_repeated", t("relief_repeated_yes"), "relief-repeated")
        : null,
      line("col_relief_due", reliefDueLine(model.due), "relief-due"),
      r.follow_on_kind
        ? line(
            "relief_follow_on",
            [
              label("relief_follow_on_kind", r.follow_on_kind),
              r.follow_on_ref ? [" ", followOnRef(r)] : null,
            ],
            "relief-follow-on-value",
          )
        : null,
    ),
  );
}

/** The county's way to a case conference on the case (R6): its form, the case's id and
 * facts filled in. */
function toConference(r) {
  return h(
    "p",
    {},
    h(
      "a",
      { href: `#/conferences?relief=${encodeURIComponent(r.relief_id)}`, id: "relief-conference" },
      t("relief_to_conference"),
    ),
  );
}

function followOnRef(r) {
  const hash =
    r.follow_on_kind === "referral"
      ? `#/referral/${encodeURIComponent(r.follow_on_ref)}`
      : `#/application/${encodeURIComponent(r.follow_on_ref)}`;
  return h("a", { href: hash, id: "relief-follow-on-ref" }, r.follow_on_ref);
}

/** R3's paperwork deadline after an advance, counted in working days (W4). */
function paperworkDue(model) {
  const due = model.due;
  if (!due?.paperwork) return null;
  return h(
    "p",
    { class: `paperwork-due${due.overdue ? " overdue" : ""}`, id: "relief-paperwork-due" },
    t("relief_paperwork_due", { date: fmtDate(due.on) }),
    due.provisional ? h("span", { class: "tag provisional-tag" }, t("provisional_mark")) : null,
    due.overdue ? h("span", { class: "tag overdue-tag" }, t("overdue_mark")) : null,
  );
}

const yesNo = (name, id) =>
  h(
    "fieldset",
    { id },
    h(
      "label",
      { class: "check" },
      h("input", { type: "radio", name, value: "true", checked: true, id: `${id}-yes` }),
      t("relief_grant"),
    ),
    h(
      "label",
      { class: "check" },
      h("input", { type: "radio", name, value: "false", id: `${id}-no` }),
      t("relief_refuse"),
    ),
  );

const amountInput = (name, id) => h("input", { type: "number", name, id, step: "0.01" });

/** The form of each step: its title, fields and submit button. */
const FORMS = {
  advance: (r, ctx) => ({
    title: t("relief_advance_title"),
    hint: t("relief_advance_hint", { cap: fmtMoney(r.advance_cap) }),
    fields: [
      field(t("relief_paid_on"), dateInput("paid_on", ctx.asOf, "relief-advance-on")),
      field(t("relief_advance_amount"), amountInput("amount", "relief-advance-amount")),
    ],
  }),
  paperwork: (r, ctx) => ({
    title: t(r.paid_on ? "relief_paperwork_title" : "relief_investigation_title"),
    hint: t("relief_paperwork_hint"),
    fields: [
      field(t("relief_paperwork_on"), dateInput("on", ctx.asOf, "relief-paperwork-on")),
      field(
        t("relief_investigators"),
        textInput("investigators", { id: "relief-investigators", rows: 2 }),
      ),
      field(t("relief_findings"), textInput("findings", { id: "relief-findings", rows: 3 })),
    ],
  }),
  decision: (r, ctx) => ({
    title: t(r.paid_on ? "relief_decision_paperwork_title" : "relief_decision_title"),
    hint: t("relief_decision_hint", { paid: fmtMoney(r.paid_amount) }),
    fields: [
      field(t("relief_decided_on"), dateInput("decided_on", ctx.asOf, "relief-decided-on")),
      yesNo("grant", "relief-grant"),
      field(t("relief_decision_amount"), amountInput("amount", "relief-decision-amount")),
      field(
        t("relief_instalments"),
        h("input", { type: "number", name: "instalments", id: "relief-instalments" }),
      ),
      field(
        t("form_reason"),
        textInput("reason", { id: "relief-decision-reason", required: false }),
      ),
    ],
  }),
};

function stepForm(step, model, ctx, redraw) {
  const r = model.relief;
  const spec = FORMS[step](r, ctx);
  const message = h("div", { class: "message", id: `relief-${step}-message` });
  return h(
    "form",
    {
      class: "card step-form",
      id: `relief-${step}-form`,
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        const fields = Object.fromEntries(new FormData(event.target));
        takeStep(r.relief_id, step, fields)
          .then((now) => redraw(reliefModel(now, { asOf: ctx.asOf, role: ctx.claims?.role })))
          .catch((error) => replace(message, problemNote(error, undefined, "relief_status")));
      },
    },
    h("h3", {}, spec.title),
    spec.hint ? h("p", { class: "muted" }, spec.hint) : null,
    step === "paperwork" || step === "decision" ? paperworkDue(model) : null,
    spec.fields,
    h("button", { type: "submit", id: `relief-${step}-submit` }, t("relief_step_submit")),
    message,
  );
}

function followOnForm(model, ctx, redraw) {
  const r = model.relief;
  const message = h("div", { class: "message", id: "relief-follow_on-message" });
  const refId = h("input", {
    type: "hidden",
    name: "ref_id",
    id: "relief-follow-on-sent",
    value: "",
  });
  return h(
    "form",
    {
      class: "card step-form",
      id: "relief-follow_on-form",
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        const data = new FormData(event.target);
        const fields = Object.fromEntries(data);
        if (fields.kind === "application") fields.ref_id = fields.application_id;
        recordFollowOn(r, fields)
          .then((now) => redraw(reliefModel(now, { asOf: ctx.asOf, role: ctx.claims?.role })))
          .catch((error) => {
            // A referral that went out stays the follow-on's: it is not sent twice.
            if (error.referralId) refId.value = error.referralId;
            replace(
              message,
              error.referralId
                ? h(
                    "p",
                    { class: "muted", id: "relief-referral-sent" },
                    t("relief_referral_sent", { id: error.referralId }),
                  )
                : null,
              problemNote(error, undefined, "relief_status"),
            );
          });
      },
    },
    h("h3", {}, t("relief_follow_on_title")),
    h("p", { class: "muted" }, t("relief_follow_on_hint")),
    field(
      t("relief_follow_on_kind"),
      select("kind", FOLLOW_ON_KINDS, (k) => label("relief_follow_on_kind", k), {
        id: "relief-follow-on-kind",
      }),
    ),
    field(t("relief_follow_on_on"), dateInput("on", ctx.asOf, "relief-follow-on-on")),
    h(
      "fieldset",
      { id: "relief-follow-on-referral" },
      h("legend", {}, label("relief_follow_on_kind", "referral")),
      field(
        t("col_department"),
        select("department", DEPARTMENTS, (d) => label("department", d), {
          id: "relief-referral-department",
        }),
      ),
      field(
        t("col_need"),
        textInput("need", { id: "relief-referral-need", required: false, rows: 2 }),
      ),
      field(
        t("conf_task_consent"),
        h("input", { type: "date", name: "consent_on", id: "relief-referral-consent" }),
      ),
    ),
    field(
      t("relief_follow_on_application"),
      textInput("application_id", { id: "relief-follow-on-application", required: false }),
    ),
    field(
      t("form_reason"),
      textInput("reason", { id: "relief-follow-on-reason", required: false }),
    ),
    refId,
    h("button", { type: "submit", id: "relief-follow_on-submit" }, t("relief_step_submit")),
    message,
  );
}

function forms(model, ctx, redraw) {
  if (!model.steps.length) {
    const closed = model.relief.status === "closed";
    return h(
      "p",
      { class: "muted", id: "relief-no-step" },
      t(closed ? "relief_closed" : "relief_not_yours"),
    );
  }
  return h(
    "div",
    { id: "relief-steps" },
    model.steps.map((step) =>
      step === "follow_on" ? followOnForm(model, ctx, redraw) : stepForm(step, model, ctx, redraw),
    ),
  );
}

function recorded(s) {
  return [
    s.amount !== null ? money(s.amount) : null,
    s.amount !== null && s.text ? " " : null,
    s.text ?? null,
  ];
}

function draw(root, model, ctx) {
  const redraw = (next) => draw(root, next, ctx);
  replace(
    root,
    h("p", {}, h("a", { href: "#/relief", id: "back-to-relief" }, t("nav_relief"))),
    facts(model),
    ctx.claims?.role === "county" ? toConference(model.relief) : null,
    forms(model, ctx, redraw),
    section(
      t("relief_timeline"),
      stepTable(model.timeline, { stepKind: "relief_step", id: "relief-timeline", last: recorded }),
    ),
  );
}

export async function render(root, route, ctx) {
  root.append(loadingNote());
  try {
    draw(root, await reliefScreen(route.id, { asOf: ctx.asOf, role: ctx.claims?.role }), ctx);
  } catch (error) {
    replace(root, errorNote(error));
  }
}
