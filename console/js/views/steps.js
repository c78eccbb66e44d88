// The case page's step forms (P2–P8, P1's withdrawal): one per step the status offers
// (js/data/applications.js `formsFor`), each posting its body and handing the application as
// it now is to `done`, or showing the refused step's problem in place.

import { idList, takeStep } from "../data/applications.js";
import { h, replace } from "../dom.js";
import { label, t } from "../i18n.js";
import { dateInput, field, problemNote, select, textInput } from "./forms.js";

const yesNo = (name, yes, no, id) =>
  h(
    "fieldset",
    {},
    h(
      "label",
      { class: "check" },
      h("input", { type: "radio", name, value: "true", checked: true, id: `${id}-yes` }),
      yes,
    ),
    h(
      "label",
      { class: "check" },
      h("input", { type: "radio", name, value: "false", id: `${id}-no` }),
      no,
    ),
  );

/** The members' choices, or a typed id when the household could not be read. */
function memberSelect(name, members, value) {
  if (!members.length) return textInput(name, { value: value ?? "" });
  return select(
    name,
    members.map((m) => m.id),
    (id) => members.find((m) => m.id === id).name,
    {
      value,
    },
  );
}

/** A box per member, those acceptance still lacks ticked (all when nothing is missing). */
function memberChecks(name, members, lacking) {
  if (!members.length) return textInput(name, { rows: 3 });
  return h(
    "fieldset",
    { class: "members", id: `${name.replace(/_/g, "-")}` },
    members.map((m) =>
      h(
        "label",
        { class: "check" },
        h("input", {
          type: "checkbox",
          name,
          value: m.id,
          checked: !lacking.length || lacking.includes(m.id),
        }),
        m.name,
      ),
    ),
  );
}

const picked = (data, name) => data.getAll(name).flatMap((v) => idList(v));
const optional = (value) => (value && String(value).trim() ? String(value).trim() : null);

/** Each form: its fields and the body its data makes. */
const FORMS = {
  authorisation: ({ app, members, asOf, lacking }) => ({
    fields: [
      field(t("signer_id"), memberSelect("signer_id", members, app.applicant_id)),
      field(t("person_ids"), memberChecks("person_ids", members, lacking)),
      field(
        t("sign_channel"),
        select("channel", ["paper", "electronic"], (v) => label("sign_channel", v), {
          id: "sign-channel",
        }),
      ),
      field(t("signed_on"), dateInput("signed_on", asOf)),
    ],
    body: (d) => ({
      signer_id: d.get("signer_id"),
      person_ids: picked(d, "person_ids"),
      channel: d.get("channel"),
      signed_on: d.get("signed_on"),
    }),
  }),
  acceptance: ({ asOf }) => ({
    fields: [
      field(t("form_on"), dateInput("on", asOf, "acceptance-on")),
      yesNo("accept", t("accept"), t("not_accept"), "accept"),
      field(t("form_reason"), textInput("reason", { id: "acceptance-reason", required: false })),
    ],
    body: (d) => ({
      on: d.get("on"),
      accept: d.get("accept") === "true",
      reason: optional(d.get("reason")),
    }),
  }),
  investigation: ({ app, members, asOf }) => ({
    fields: [
      field(t("visited_on_form"), dateInput("visited_on", asOf, "investigation-on")),
      field(t("investigators"), textInput("investigators", { rows: 2 })),
      field(t("present_member"), memberSelect("present_member_id", members, app.applicant_id)),
      field(t("findings_form"), textInput("findings", { id: "investigation-findings", rows: 3 })),
      h(
        "fieldset",
        {},
        h("legend", {}, t("opinion")),
        ["grant", "refuse"].map((v) =>
          h(
            "label",
            { class: "check" },
            h("input", {
              type: "radio",
              name: "opinion",
              value: v,
              checked: v === "grant",
              id: `opinion-${v}`,
            }),
            t(`opinion_${v}`),
          ),
        ),
      ),
      field(t("form_reason"), textInput("reason", { id: "investigation-reason", required: false })),
    ],
    body: (d) => ({
      visited_on: d.get("visited_on"),
      investigators: idList(d.get("investigators")),
      present_member_id: d.get("present_member_id"),
      findings: d.get("findings"),
      opinion: d.get("opinion"),
      reason: optional(d.get("reason")),
    }),
  }),
  publicity: ({ asOf }) => ({
    fields: [field(t("posted_on"), dateInput("posted_on", asOf))],
    body: (d) => ({ posted_on: d.get("posted_on") }),
  }),
  objection: ({ asOf }) => ({
    fields: [
      field(t("form_on"), dateInput("on", asOf, "objection-on")),
      field(t("objection_summary"), textInput("summary", { id: "objection-summary", rows: 2 })),
    ],
    body: (d) => ({ on: d.get("on"), summary: d.get("summary") }),
  }),
  transmission: ({ asOf }) => ({
    fields: [field(t("transmission_on"), dateInput("on", asOf, "transmission-on"))],
    body: (d) => ({ on: d.get("on") }),
  }),
  decision: ({ asOf }) => ({
    fields: [
      field(t("decided_on"), dateInput("decided_on", asOf)),
      yesNo("grant", t("grant"), t("refuse"), "grant"),
      field(t("form_reason"), textInput("reason", { id: "decision-reason", required: false })),
      field(t("extension_reason"), textInput("extension_reason", { required: false })),
    ],
    body: (d) => ({
      decided_on: d.get("decided_on"),
      grant: d.get("grant") === "true",
      reason: optional(d.get("reason")),
      extension_reason: optional(d.get("extension_reason")),
    }),
  }),
  withdrawal: ({ asOf }) => ({
    fields: [
      field(t("form_on"), dateInput("on", asOf, "withdrawal-on")),
      field(t("form_reason"), textInput("reason", { id: "withdrawal-reason" })),
    ],
    body: (d) => ({ on: d.get("on"), reason: d.get("reason") }),
  }),
};

/** The form of one step; `done(app)` gets the application after the step. */
export function stepForm(form, model, ctx, done) {
  const members = model.members.ok ? model.members.value : [];
  const names = new Map(members.map((m) => [m.id, m.name]));
  const lacking = model.missing.map((m) => m.person_id).filter(Boolean);
  const spec = FORMS[form]({ app: model.app, members, asOf: ctx.asOf, lacking });
  const message = h("div", { class: "message", id: `${form}-message` });
  const details = h(
    "details",
    { class: `step-form form-${form}`, open: form === model.forms[0], dataset: { form } },
    h("summary", {}, label("step", form)),
    h(
      "form",
      {
        id: `${form}-form`,
        onsubmit: async (event) => {
          event.preventDefault();
          const button = event.target.querySelector("button[type=submit]");
          button.disabled = true;
          try {
            done(
              await takeStep(model.app.application_id, form, spec.body(new FormData(event.target))),
            );
          } catch (error) {
            button.disabled = false;
            replace(
              message,
              problemNote(error, (id) => names.get(id) ?? id),
            );
          }
        },
      },
      h("div", { class: "fields" }, spec.fields),
      h("button", { type: "submit", id: `${form}-submit` }, t("submit_step")),
      message,
    ),
  );
  return details;
}
