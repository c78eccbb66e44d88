// The discovery's page (主动发现, RULES P4): what was found (household or person, source,
// reporter, the warning it came from, the note), its status and the outcome's deadline
// (逾期 when overdue), the steps the API offers while it is open: an application opened from
// it in one step (the intake form with channel 主动发现, which records the outcome once the
// application is filed) and the outcome form (application, referral or relief with the id of
// what it opened; no need with a reason), POST /v1/discoveries/{id}/outcome; and the
// timeline. A refused outcome shows its problem in place (409: the status; 422: the field).
// It draws what js/data/discoveries.js gives it.

import { OUTCOMES, discoveryModel, discoveryScreen, sendOutcome } from "../data/discoveries.js";
import { h, replace, section, table } from "../dom.js";
import { label, t } from "../i18n.js";
import { dateCell, errorNote, loadingNote } from "./common.js";
import { discDueLine, discStatus } from "./discoveries.js";
import { dateInput, field, problemNote, select, textInput } from "./forms.js";

function facts(d, due) {
  const line = (key, value, id) =>
    h("div", { class: "fact", id }, h("dt", {}, t(key)), h("dd", {}, value));
  const household = h(
    "a",
    { href: `#/household/${encodeURIComponent(d.household_id)}` },
    d.household_id,
  );
  return section(
    t("disc_facts"),
    h(
      "dl",
      { class: "facts" },
      line("col_status", discStatus(d.status), "disc-status"),
      line("col_household", [household, d.person_id ? ` · ${d.person_id}` : ""], "disc-household"),
      line("col_disc_source", label("disc_source", d.source), "disc-source"),
      line("col_found_on", dateCell(d.found_on), "disc-found-on"),
      line("col_reporter", d.reporter, "disc-reporter"),
      line("disc_warning", d.warning_id ?? "—", "disc-warning"),
      line("disc_note", d.note ?? "—", "disc-note"),
      line("col_disc_due", discDueLine(due), "disc-due"),
      line("col_disc_outcome", d.outcome ? label("disc_outcome", d.outcome) : "—", "disc-outcome"),
      line("disc_outcome_on", dateCell(d.outcome_on), "disc-outcome-on"),
      line("disc_ref", d.application_id ?? d.referral_id ?? d.relief_id ?? "—", "disc-ref"),
      line("disc_reason", d.reason ?? "—", "disc-reason"),
    ),
  );
}

function outcomeForm(model, route, ctx, redraw) {
  const d = model.discovery;
  if (!model.outcomes.length) {
    const key = d.status === "open" ? "disc_not_yours" : "disc_closed";
    return h("p", { class: "muted", id: "disc-no-outcome" }, t(key));
  }
  const message = h("div", { id: "disc-message" });
  const prefill = route.query.application ?? "";
  return h(
    "div",
    { class: "card", id: "disc-steps" },
    h(
      "p",
      {},
      h(
        "a",
        { class: "button", href: model.intake, id: "disc-open-application" },
        t("disc_open_application"),
      ),
    ),
    h(
      "form",
      {
        id: "disc-outcome-form",
        class: "step-form",
        onsubmit: (event) => {
          event.preventDefault();
          const fields = Object.fromEntries(new FormData(event.target));
          sendOutcome(d.discovery_id, fields)
            .then((now) => redraw(discoveryModel(now, { asOf: ctx.asOf, role: ctx.claims?.role })))
            .catch((error) => replace(message, problemNote(error, undefined, "disc_status")));
        },
      },
      h("h3", {}, t("disc_outcome_title")),
      field(
        t("disc_outcome_kind"),
        select("outcome", OUTCOMES, (o) => label("disc_outcome", o), {
          id: "disc-outcome-kind",
          value: prefill ? "application" : null,
        }),
      ),
      field(t("disc_outcome_on"), dateInput("on", model.outcomeOn, "disc-outcome-on")),
      field(
        t("disc_outcome_ref"),
        textInput("ref_id", { id: "disc-outcome-ref", required: false, value: prefill }),
      ),
      field(
        t("disc_outcome_reason"),
        textInput("reason", { id: "disc-outcome-reason", required: false, rows: 3 }),
      ),
      h("button", { type: "submit", id: "disc-outcome-submit" }, t("disc_outcome_submit")),
    ),
    message,
  );
}

function timeline(steps) {
  const headers = ["col_step_on", "col_step", "col_by", "col_rules", "col_recorded"].map((k) =>
    t(k),
  );
  const recorded = (s) =>
    s.step === "discovery"
      ? `${label("disc_source", s.source)} · ${s.reporter ?? ""}`
      : [label("disc_outcome", s.outcome), s.ref_id, s.reason].filter(Boolean).join(" · ");
  return table(
    headers,
    steps,
    (s) =>
      h(
        "tr",
        { class: "step", dataset: { step: s.step } },
        h("td", {}, dateCell(s.on)),
        h("td", {}, label("disc_step", s.step)),
        h("td", { class: "by" }, `${s.by} · ${label("role", s.role)}`),
        h("td", { class: "rules" }, s.rules.join("、")),
        h("td", {}, recorded(s)),
      ),
    { id: "disc-timeline" },
  );
}

function draw(root, model, route, ctx) {
  const redraw = (next) => draw(root, next, route, ctx);
  replace(
    root,
    h(
      "p",
      {},
      h("a", { href: "#/discoveries", id: "back-to-discoveries" }, t("back_to_discoveries")),
    ),
    h("h2", {}, t("disc_title", { id: model.discovery.discovery_id })),
    facts(model.discovery, model.due),
    outcomeForm(model, route, ctx, redraw),
    section(t("disc_timeline"), timeline(model.timeline)),
  );
}

export async function render(root, route, ctx) {
  root.append(loadingNote());
  try {
    const model = await discoveryScreen(route.id, { asOf: ctx.asOf, role: ctx.claims?.role });
    draw(root, model, route, ctx);
  } catch (error) {
    replace(root, errorNote(error));
  }
}
