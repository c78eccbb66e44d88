// The county's case conferences (个案会商, 一事一议, RULES R6): the list of the county's
// conferences and the form of a new one (date, departments present, facts, decision, amount,
// the case or household, tasks per department with a charity task's consent date), POST
// /v1/conferences; then the conference's page (`renderOne`) with its sign button while a
// draft, read-only once signed, with the referrals its signature sent (P11). It draws what
// js/data/conferences.js gives it; a refused request shows its problem in place.

import {
  DEPARTMENTS,
  conferenceList,
  conferenceModel,
  conferenceScreen,
  createConference,
  signConference,
} from "../data/conferences.js";
import { reliefCase } from "../data/relief.js";
import { h, replace, section, table } from "../dom.js";
import { fmtDate, label, t } from "../i18n.js";
import { dateCell, errorNote, loadingNote, stepTable } from "./common.js";
import { dateInput, field, problemNote, textInput } from "./forms.js";

const TASK_ROWS = 3;

function status(value) {
  return h("span", { class: `badge conf-status-${value}` }, label("conf_status", value));
}

function row(c, ctx) {
  const href = `#/conference/${encodeURIComponent(c.conference_id)}`;
  return h(
    "tr",
    {
      class: "conf-row",
      dataset: { conferenceId: c.conference_id, status: c.status },
      onclick: (event) => {
        if (!event.target.closest("a")) ctx.navigate(href);
      },
    },
    h("td", {}, h("a", { href }, c.conference_id)),
    h("td", {}, status(c.status)),
    h("td", {}, dateCell(c.held_on)),
    h("td", {}, dateCell(c.signed_on)),
    h("td", { class: "amount" }, String(c.amount)),
    h("td", {}, c.subject ?? ""),
    h("td", {}, c.departments.map((d) => label("department", d)).join("、")),
    h("td", { class: "decision" }, c.decision),
  );
}

function taskRow(i) {
  const none = h("option", { value: "" }, "—");
  const options = DEPARTMENTS.map((d) => h("option", { value: d }, label("department", d)));
  return h(
    "div",
    { class: "task-row", dataset: { task: String(i) } },
    field(
      t("conf_task_department"),
      h("select", { name: `task_department_${i}`, id: `conf-task-department-${i}` }, none, options),
    ),
    field(
      t("conf_task_need"),
      textInput(`task_need_${i}`, { id: `conf-task-need-${i}`, required: false }),
    ),
    field(
      t("conf_task_consent"),
      h("input", { type: "date", name: `task_consent_${i}`, id: `conf-task-consent-${i}` }),
    ),
  );
}

/** The form's fields as js/data/conferences.js takes them. */
function fieldsOf(form) {
  const data = new FormData(form);
  const tasks = [];
  for (let i = 0; i < TASK_ROWS; i += 1) {
    tasks.push({
      department: data.get(`task_department_${i}`),
      need: data.get(`task_need_${i}`),
      consent_on: data.get(`task_consent_${i}`),
    });
  }
  return {
    held_on: data.get("held_on"),
    relief_id: data.get("relief_id"),
    household_id: data.get("household_id"),
    departments: data.getAll("departments"),
    facts: data.get("facts"),
    decision: data.get("decision"),
    amount: data.get("amount"),
    tasks,
  };
}

/** A conference on a relief case (`#/conferences?relief=ID`, from the case page): the case's
 * id filled in, and its facts (事实经过) shown and taken as the conference's facts while the
 * officer has written none (R6 records the facts). */
async function fromRelief(form, reliefId) {
  form.querySelector("#conf-relief-id").value = reliefId;
  const relief = await reliefCase(reliefId);
  if (!relief.facts) return;
  const facts = form.querySelector("#conf-facts");
  if (!facts.value.trim()) facts.value = relief.facts;
  form
    .querySelector("#conf-departments")
    .before(
      h(
        "div",
        { class: "muted", id: "conf-relief-facts" },
        h("strong", {}, t("conf_relief_facts", { id: reliefId })),
        " ",
        h("span", { class: "free-text" }, relief.facts),
      ),
    );
}

function newForm(ctx, query = {}) {
  const message = h("div", { id: "conf-message" });
  const checks = DEPARTMENTS.map((d) =>
    h(
      "label",
      { class: "check" },
      h("input", { type: "checkbox", name: "departments", value: d, id: `conf-dept-${d}` }),
      label("department", d),
    ),
  );
  const form = h(
    "form",
    {
      id: "conf-form",
      class: "card step-form",
      onsubmit: (event) => {
        event.preventDefault();
        createConference(fieldsOf(event.target))
          .then((c) => ctx.navigate(`#/conference/${encodeURIComponent(c.conference_id)}`))
          .catch((error) => replace(message, problemNote(error)));
      },
    },
    h("h3", {}, t("conf_new")),
    field(t("conf_held_on"), dateInput("held_on", ctx.asOf, "conf-held-on")),
    field(t("conf_relief_id"), textInput("relief_id", { id: "conf-relief-id", required: false })),
    field(
      t("conf_household_id"),
      textInput("household_id", { id: "conf-household-id", required: false }),
    ),
    h("fieldset", { id: "conf-departments" }, h("legend", {}, t("conf_departments")), checks),
    field(t("conf_facts"), textInput("facts", { id: "conf-facts", rows: 3 })),
    field(t("conf_decision"), textInput("decision", { id: "conf-decision", rows: 3 })),
    field(
      t("conf_amount"),
      h("input", {
        type: "number",
        name: "amount",
        id: "conf-amount",
        min: 0,
        step: "0.01",
        required: true,
      }),
    ),
    h(
      "fieldset",
      { id: "conf-tasks" },
      h("legend", {}, t("conf_tasks")),
      Array.from({ length: TASK_ROWS }, (_, i) => taskRow(i)),
    ),
    h("button", { type: "submit", id: "conf-save" }, t("conf_save")),
    message,
  );
  if (query.relief)
    fromRelief(form, query.relief).catch((error) => replace(message, errorNote(error)));
  return form;
}

export async function render(root, route, ctx) {
  const slot = h("div", { id: "conferences" }, loadingNote());
  root.append(h("h2", {}, t("confs_title"), " ", h("small", {}, fmtDate(ctx.asOf))), slot);
  try {
    const { items } = await conferenceList(route.query);
    const headers = [
      "col_conference",
      "col_status",
      "col_held_on",
      "col_signed_on",
      "col_amount",
      "col_subject",
      "col_departments",
      "col_decision",
    ].map((k) => t(k));
    replace(
      slot,
      h("p", { class: "summary", id: "conf-summary" }, t("confs_count", { n: items.length })),
      items.length
        ? table(headers, items, (c) => row(c, ctx), { class: "queue", id: "conf-list" })
        : h("p", { class: "muted", id: "confs-empty" }, t("confs_empty")),
      ctx.claims?.role === "county" ? newForm(ctx, route.query) : null,
    );
  } catch (error) {
    replace(slot, errorNote(error));
  }
}

function facts(c) {
  const line = (key, value, id) =>
    h("div", { class: "fact", id }, h("dt", {}, t(key)), h("dd", {}, value));
  const tasks = c.tasks.map((task) =>
    h(
      "li",
      { dataset: { department: task.department } },
      `${label("department", task.department)}：${task.need}`,
      task.consent_on ? `（${t("conf_task_consent")} ${fmtDate(task.consent_on)}）` : "",
    ),
  );
  const referrals = c.referral_ids.map((id) =>
    h("li", {}, h("a", { href: `#/referral/${encodeURIComponent(id)}` }, id)),
  );
  return section(
    t("conf_title", { id: c.conference_id }),
    h(
      "dl",
      { class: "facts" },
      line("col_status", status(c.status), "conf-status"),
      line("conf_held_on", dateCell(c.held_on), "conf-held-on-value"),
      line("conf_signed_on", dateCell(c.signed_on), "conf-signed-on-value"),
      line("col_subject", c.relief_id ?? c.household_id ?? c.person_id ?? "", "conf-subject"),
      line(
        "conf_departments",
        c.departments.map((d) => label("department", d)).join("、"),
        "conf-departments-value",
      ),
      line("conf_facts", c.facts, "conf-facts-value"),
      line("conf_decision", c.decision, "conf-decision-value"),
      line("conf_amount", String(c.amount), "conf-amount-value"),
      line("conf_tasks", h("ul", { id: "conf-task-list" }, tasks), "conf-tasks-value"),
      referrals.length
        ? line("conf_referrals", h("ul", { id: "conf-referrals" }, referrals), "conf-referred")
        : null,
    ),
  );
}

function signForm(model, ctx, redraw) {
  if (!model.canSign) {
    return model.conference.status === "signed"
      ? h("p", { class: "muted", id: "conf-read-only" }, t("conf_read_only"))
      : null;
  }
  const message = h("div", { id: "conf-sign-message" });
  return h(
    "form",
    {
      id: "conf-sign-form",
      class: "card step-form",
      onsubmit: (event) => {
        event.preventDefault();
        const on = new FormData(event.target).get("signed_on");
        signConference(model.conference.conference_id, on)
          .then((now) => redraw(conferenceModel(now, { role: ctx.claims?.role })))
          .catch((error) => replace(message, problemNote(error)));
      },
    },
    h("h3", {}, t("conf_sign_title")),
    field(t("conf_signed_on"), dateInput("signed_on", ctx.asOf, "conf-signed-on")),
    h("button", { type: "submit", id: "conf-sign" }, t("conf_sign")),
    message,
  );
}

function draw(root, model, ctx) {
  const redraw = (next) => draw(root, next, ctx);
  replace(
    root,
    h("p", {}, h("a", { href: "#/conferences", id: "back-to-conferences" }, t("nav_conferences"))),
    facts(model.conference),
    signForm(model, ctx, redraw),
    section(
      t("conf_timeline"),
      stepTable(model.timeline, { stepKind: "conf_step", id: "conf-timeline" }),
    ),
  );
}

export async function renderOne(root, route, ctx) {
  root.append(loadingNote());
  try {
    draw(root, await conferenceScreen(route.id, { role: ctx.claims?.role }), ctx);
  } catch (error) {
    replace(root, errorNote(error));
  }
}
