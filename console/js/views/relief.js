// Temporary relief (临时救助, RULES R1–R4): the cases of the caller's region, overdue first,
// and, for a township officer, the intake (临时救助登记): a case filed with the officer's own
// township, where the emergency happened (R1), for a household or a person of any region,
// with its cause, track (R2), the day it happened, the persons, the amount asked and what
// happened (事实经过). A
// refused filing shows each 422 error beside its field (`body.<field>`) and a 409 with the
// rule it names (R4's caps and once-a-year cause) in place. `#/relief/{id}` is the case page
// (views/reliefcase.js). It draws what js/data/relief.js gives it.

import { CAUSES, TRACKS, fieldErrors, fileRelief, reliefList } from "../data/relief.js";
import { h, replace, table } from "../dom.js";
import { fmtDate, fmtMoney, label, t } from "../i18n.js";
import { dateCell, errorNote, linkRow, loadingNote, overdueTabs } from "./common.js";
import { dateInput, problemNote, select, textInput } from "./forms.js";
import { reliefDueLine, reliefStatus, render as renderCase } from "./reliefcase.js";

const FIELDS = [
  "subject_id",
  "track",
  "cause",
  "occurred_on",
  "filed_on",
  "persons",
  "requested_amount",
  "conference_id",
  "facts",
];

function row(r, ctx) {
  const href = `#/relief/${encodeURIComponent(r.relief_id)}`;
  return linkRow(
    ctx,
    href,
    {
      class: `relief-row${r.due?.overdue ? " overdue" : ""}`,
      dataset: { reliefId: r.relief_id, status: r.status, overdue: String(!!r.due?.overdue) },
    },
    h("td", {}, h("a", { href }, r.relief_id)),
    h("td", {}, reliefStatus(r.status)),
    h("td", {}, label("relief_cause", r.cause)),
    h("td", {}, label("relief_track", r.track)),
    h("td", {}, r.subject ?? ""),
    h("td", {}, dateCell(r.occurred_on)),
    h("td", { class: "amount" }, fmtMoney(r.requested_amount)),
    h("td", { class: "amount" }, fmtMoney(r.paid_amount)),
    h("td", { class: "due" }, reliefDueLine(r.due)),
  );
}

/** A labelled field with the slot its 422 errors go to (`data-field`). */
function field(name, text, input) {
  return h(
    "label",
    { class: "field", dataset: { field: name } },
    text,
    input,
    h("span", { class: "field-error", id: `relief-error-${name.replace(/_/g, "-")}` }),
  );
}

function showErrors(form, message, error) {
  for (const slot of form.querySelectorAll(".field-error")) replace(slot);
  const { byField, other } = fieldErrors(error, FIELDS);
  for (const [name, messages] of Object.entries(byField)) {
    const slot = form.querySelector(`label[data-field="${name}"] .field-error`);
    replace(slot, messages.join("；"));
  }
  // The 409 (its rule), or what names no field of the form, stays in the note below.
  const rest = { status: error?.status, message: error?.message ?? String(error) };
  rest.problem = { ...error?.problem, errors: other };
  replace(message, problemNote(rest, undefined, "relief_status"));
}

function intakeForm(ctx, query) {
  const message = h("div", { class: "message", id: "relief-message" });
  const township = ctx.claims.region;
  const subjectKind = query.person ? "person" : "household";
  return h(
    "form",
    {
      class: "card intake",
      id: "relief-form",
      novalidate: true, // the server judges every field and names it (422)
      onsubmit: async (event) => {
        event.preventDefault();
        const form = event.target;
        const data = Object.fromEntries(new FormData(form));
        const button = form.querySelector("button[type=submit]");
        button.disabled = true;
        try {
          const relief = await fileRelief(data, township);
          ctx.navigate(`#/relief/${encodeURIComponent(relief.relief_id)}`);
        } catch (error) {
          button.disabled = false;
          showErrors(form, message, error);
        }
      },
    },
    h("h3", {}, t("relief_new")),
    h("p", { class: "muted", id: "relief-township" }, t("relief_filed_with", { code: township })),
    h(
      "div",
      { class: "fields" },
      field(
        "subject_kind",
        t("relief_subject_kind"),
        select("subject_kind", ["household", "person"], (v) => label("relief_subject", v), {
          id: "relief-subject-kind",
          value: subjectKind,
        }),
      ),
      field(
        "subject_id",
        t("relief_subject_id"),
        textInput("subject_id", {
          id: "relief-subject-id",
          value: query.household ?? query.person ?? "",
        }),
      ),
      field(
        "cause",
        t("relief_cause"),
        select("cause", CAUSES, (v) => label("relief_cause", v), { id: "relief-cause" }),
      ),
      field(
        "track",
        t("relief_track"),
        select("track", TRACKS, (v) => label("relief_track", v), { id: "relief-track" }),
      ),
      field(
        "occurred_on",
        t("relief_occurred_on"),
        dateInput("occurred_on", ctx.asOf, "relief-occurred-on"),
      ),
      field("filed_on", t("relief_filed_on"), dateInput("filed_on", ctx.asOf, "relief-filed-on")),
      field(
        "persons",
        t("relief_persons"),
        h("input", { type: "number", name: "persons", id: "relief-persons", value: "1" }),
      ),
      field(
        "requested_amount",
        t("relief_requested"),
        h("input", {
          type: "number",
          name: "requested_amount",
          id: "relief-requested",
          step: "0.01",
        }),
      ),
      field(
        "conference_id",
        t("relief_conference_id"),
        textInput("conference_id", { id: "relief-conference-id", required: false }),
      ),
    ),
    // What happened (事实经过), in the officer's words: the case page and the county's
    // conference form show it (R1, R6).
    field(
      "facts",
      t("relief_facts"),
      textInput("facts", { id: "relief-facts", required: false, rows: 4 }),
    ),
    h("p", { class: "muted" }, t("relief_intake_hint")),
    h("button", { type: "submit", id: "relief-submit" }, t("relief_submit")),
    message,
  );
}

async function renderList(root, route, ctx) {
  const slot = h("div", { id: "relief-cases" }, loadingNote());
  root.append(
    h("h2", {}, t("relief_title"), " ", h("small", {}, fmtDate(ctx.asOf))),
    overdueTabs(route.query, "relief-tabs", "#/relief", "relief"),
    slot,
    ctx.claims?.role === "township" ? intakeForm(ctx, route.query) : null,
  );
  try {
    const { items } = await reliefList(route.query, ctx.asOf);
    const headers = [
      "col_relief",
      "col_status",
      "relief_cause",
      "relief_track",
      "relief_subject_col",
      "relief_occurred_on",
      "relief_requested",
      "relief_paid",
      "col_relief_due",
    ].map((k) => t(k));
    replace(
      slot,
      h("p", { class: "summary", id: "relief-summary" }, t("relief_count", { n: items.length })),
      items.length
        ? table(headers, items, (r) => row(r, ctx), { class: "queue", id: "relief-list" })
        : h("p", { class: "muted", id: "relief-empty" }, t("relief_empty")),
    );
  } catch (error) {
    replace(slot, errorNote(error));
  }
}

export function render(root, route, ctx) {
  return route.id ? renderCase(root, route, ctx) : renderList(root, route, ctx);
}
