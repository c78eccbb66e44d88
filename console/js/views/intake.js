// The township's intake form (P1): a household's application, prefilled with the household
// (from its page, or in one step from a warning's verification: `?household=&on=&warning=`,
// or from a discovery: `&discovery=`, channel 主动发现), the applicant chosen among its
// members. On success the case page opens; an application from a discovery records the
// discovery's outcome first (P4), and where that is refused the discovery's page opens with
// the application's id in its outcome form.

import {
  CHANNELS,
  PERSON_PROGRAMS,
  PROGRAMS,
  fileApplication,
  intakeScreen,
} from "../data/applications.js";
import { recordApplication } from "../data/discoveries.js";
import { h, replace } from "../dom.js";
import { label, t } from "../i18n.js";
import { errorNote, loadingNote } from "./common.js";
import { dateInput, field, problemNote, select, textInput } from "./forms.js";

function intakeForm(screen, query, ctx) {
  const message = h("div", { class: "message", id: "intake-message" });
  const ids = screen.members.map((m) => m.id);
  const name = (id) => screen.members.find((m) => m.id === id)?.name ?? id;
  const head = screen.members.find((m) => m.relation === "head")?.id ?? ids[0];
  return h(
    "form",
    {
      class: "intake",
      id: "intake-form",
      onsubmit: async (event) => {
        event.preventDefault();
        const data = Object.fromEntries(new FormData(event.target));
        const button = event.target.querySelector("button[type=submit]");
        button.disabled = true;
        try {
          const app = await fileApplication({ ...data, household_id: screen.household_id });
          const caseHash = `#/application/${encodeURIComponent(app.application_id)}`;
          if (!data.discovery_id) return ctx.navigate(caseHash);
          await recordApplication(data.discovery_id, app.application_id, data.received_on)
            .then(() => ctx.navigate(caseHash))
            .catch(() => {
              const back = new URLSearchParams({ application: app.application_id });
              ctx.navigate(`#/discovery/${encodeURIComponent(data.discovery_id)}?${back}`);
            });
        } catch (error) {
          button.disabled = false;
          replace(message, problemNote(error, name));
        }
      },
    },
    h(
      "div",
      { class: "fields" },
      field(
        t("col_program"),
        select("program", PROGRAMS, (v) => label("program", v), { id: "intake-program" }),
      ),
      field(
        t("applicant"),
        select("applicant_id", ids, name, { id: "intake-applicant", value: head }),
      ),
      field(
        t("subject_person"),
        select("person_id", ["", ...ids], (id) => (id ? name(id) : "—"), { id: "intake-person" }),
      ),
      field(
        t("channel"),
        select("channel", CHANNELS, (v) => label("channel", v), {
          id: "intake-channel",
          value: query.discovery ? "discovery" : null,
        }),
      ),
      field(t("proxy_name"), textInput("proxy_name", { id: "intake-proxy", required: false })),
      field(t("received_on"), dateInput("received_on", query.on || ctx.asOf, "intake-received-on")),
      field(
        t("discovery_id"),
        textInput("discovery_id", {
          id: "intake-discovery",
          required: false,
          value: query.discovery ?? "",
        }),
      ),
    ),
    h(
      "label",
      { class: "check" },
      h("input", {
        type: "checkbox",
        name: "declared_official_relative",
        value: "1",
        id: "intake-declared",
      }),
      t("declared_relative"),
    ),
    h(
      "p",
      { class: "muted" },
      PERSON_PROGRAMS.map((p) => label("program", p)).join("、"),
      "：",
      t("subject_person"),
    ),
    h("button", { type: "submit", id: "intake-submit" }, t("submit_intake")),
    message,
  );
}

export async function render(root, route, ctx) {
  const household = route.query.household ?? "";
  root.append(h("h2", {}, t("intake_title", { id: household })), loadingNote());
  try {
    const screen = await intakeScreen(household, ctx.asOf);
    replace(
      root,
      h(
        "div",
        { class: "title-row" },
        h("h2", {}, t("intake_title", { id: household })),
        h(
          "a",
          { href: `#/household/${encodeURIComponent(household)}`, class: "button secondary" },
          t("household"),
        ),
      ),
      h("section", { class: "card" }, intakeForm(screen, route.query, ctx)),
    );
  } catch (error) {
    replace(root, h("h2", {}, t("intake_title", { id: household })), errorNote(error));
  }
}
