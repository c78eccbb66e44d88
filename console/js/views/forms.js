// Pieces of the applications' forms: labelled fields, date inputs, selects, and the note of a
// refused step (409: the status, the rules and, for acceptance, every missing item; 422: each
// field and what is wrong with it).

import { problemOf } from "../data/applications.js";
import { h } from "../dom.js";
import { label, t } from "../i18n.js";

export function field(text, input) {
  return h("label", {}, text, input);
}

export function dateInput(name, value, id = null) {
  return h("input", {
    type: "date",
    name,
    id: id ?? name.replace(/_/g, "-"),
    required: true,
    value,
  });
}

export function textInput(name, { id = null, required = true, rows = 0, value = "" } = {}) {
  const attrs = { name, id: id ?? name.replace(/_/g, "-"), required, maxlength: 2000, value };
  return rows ? h("textarea", { ...attrs, rows }) : h("input", attrs);
}

/** A select of `values`, each shown by `text(value)`. */
export function select(name, values, text, { id = null, value = null } = {}) {
  return h(
    "select",
    { name, id: id ?? name.replace(/_/g, "-") },
    values.map((v) => h("option", { value: v, selected: v === value }, text(v))),
  );
}

/** The text of a missing item of acceptance, e.g. 缺少授权书：<id>. */
export function missingText(item, name = (id) => id) {
  return label("missing", item.kind).replace("{id}", item.person_id ? name(item.person_id) : "");
}

/** The note of a refused request, with its problem's members; the state is named by the
 * labels of `stateKind` (an application's statuses unless told). */
export function problemNote(error, name, stateKind = "app_status") {
  const p = problemOf(error);
  return h(
    "div",
    { class: "error problem", role: "alert", dataset: { status: p.status ?? "" } },
    h("p", {}, `${t("error")}: ${p.status ?? ""} ${p.detail}`),
    p.state
      ? h("p", { class: "problem-state" }, t("problem_state", { state: label(stateKind, p.state) }))
      : null,
    p.rules.length
      ? h("p", { class: "problem-rules" }, t("problem_rules", { rules: p.rules.join("、") }))
      : null,
    p.missing.length
      ? h(
          "ul",
          { class: "missing", id: "problem-missing" },
          p.missing.map((m) => h("li", { dataset: { kind: m.kind } }, missingText(m, name))),
        )
      : null,
    p.errors.length
      ? h(
          "ul",
          { class: "field-errors" },
          p.errors.map((e) => h("li", { dataset: { field: e.field } }, `${e.field}: ${e.message}`)),
        )
      : null,
  );
}
