// The case page of an application (issue 17): status and deadline (逾期 when overdue, 暂定 when
// beyond the W4 calendar), the form of each step its status offers, what acceptance still
// lacks, the timeline (who, when, which rules), authorisations, the verdict snapshot of the
// visit with its reasons, filings (C3), the decision and the enrolment, and the notice PDF of a
// refused or not-accepted case. It draws what js/data/applications.js gives it.

import { caseModel, caseScreen, noticeUrl } from "../data/applications.js";
import { h, replace, section, table, verdict } from "../dom.js";
import { fmtDate, fmtMoney, label, t } from "../i18n.js";
import { dateCell, errorNote, loadingNote, reasonList } from "./common.js";
import { missingText } from "./forms.js";
import { stepForm } from "./steps.js";

export function dueLine(due) {
  if (!due) return h("span", { class: "muted" }, t("due_none"));
  return [
    dateCell(due.on),
    due.step ? h("span", { class: "muted" }, ` ${label("step", due.step)}`) : null,
    due.provisional ? h("span", { class: "tag provisional-tag" }, t("provisional_mark")) : null,
    due.overdue ? h("span", { class: "tag overdue-tag" }, t("overdue_mark")) : null,
  ];
}

function details(step) {
  const shown = Object.entries(step.details ?? {}).filter(
    ([, v]) => v !== null && v !== "" && !(Array.isArray(v) && !v.length),
  );
  const text = (v) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.entries(v)
          .map(([k, x]) => `${k}=${x ?? "—"}`)
          .join("，")
      : [v].flat().join("、");
  return shown.map(([k, v]) => h("div", { class: "detail" }, `${k}: ${text(v)}`));
}

function timelineTable(steps) {
  const headers = ["col_on", "col_step", "col_by", "col_rules", "col_details"].map((k) => t(k));
  return table(
    headers,
    steps,
    (s) =>
      h(
        "tr",
        { class: "step", dataset: { step: s.step } },
        h("td", {}, dateCell(s.on)),
        h("td", {}, label("step", s.step)),
        h("td", { class: "by" }, `${s.by} · ${label("role", s.role)}`),
        h("td", { class: "rules" }, s.rules.join("、")),
        h("td", {}, details(s)),
      ),
    { id: "app-timeline" },
  );
}

function verdictView(v) {
  if (!v) return h("p", { class: "muted", id: "verdict" }, t("verdict_none"));
  const programs = ["dibao", "marginal", "expenditure_hardship"];
  const household = v.household;
  return h(
    "div",
    { id: "verdict" },
    h("p", {}, t("verdict_title", { date: fmtDate(v.as_of), ruleset: v.ruleset })),
    table(
      [t("col_program"), t("col_verdict"), t("reasons")],
      programs,
      (p) =>
        h(
          "tr",
          { dataset: { program: p } },
          h("th", { scope: "row" }, label("program", p)),
          h("td", {}, verdict(household[p].eligible, t("eligible"), t("not_eligible"))),
          h("td", {}, reasonList(household[p].reasons, household[p].explanations)),
        ),
      { id: "verdict-programs" },
    ),
    v.person
      ? h(
          "p",
          { id: "verdict-person" },
          label("program", "tekun"),
          " ",
          verdict(v.person.eligible, t("eligible"), t("not_eligible")),
          reasonList(v.person.reasons, v.person.explanations),
        )
      : null,
    v.unverified.length
      ? h("p", { class: "warning-note" }, t("unverified", { ids: v.unverified.join("、") }))
      : null,
  );
}

/** The filings of a case (C3): official, member, relation path, declared or not. */
export function filingsView(filings, id = "filings") {
  if (!filings.length) return h("p", { class: "muted", id }, t("filings_none"));
  return table(
    [t("col_official"), t("col_member"), t("col_relation_path"), t("declared")],
    filings,
    (f) => [
      f.official_id,
      f.member_id,
      f.relation_path.join(" → "),
      f.undeclared ? t("undeclared") : t("declared"),
    ],
    { id },
  );
}

function outcomeView(app) {
  const d = app.decision;
  const e = app.enrollment;
  return [
    d
      ? h(
          "p",
          { id: "decision", class: d.grant ? "granted" : "refused" },
          d.grant
            ? t("decided_grant", { date: fmtDate(d.decided_on) })
            : t("decided_refuse", { date: fmtDate(d.decided_on), reason: d.reason ?? "" }),
        )
      : h("p", { class: "muted" }, t("none")),
    e
      ? h(
          "dl",
          { class: "facts", id: "enrollment" },
          h("dt", {}, t("enrollment_title")),
          h(
            "dd",
            {},
            t("enrollment_text", {
              program: label("program", e.program),
              subject: e.subject_id,
              from: fmtDate(e.from),
            }),
          ),
          h("dt", {}, t("monthly_amount")),
          h(
            "dd",
            {},
            e.monthly_amount === null ? "—" : t("yuan", { v: fmtMoney(e.monthly_amount) }),
          ),
        )
      : null,
  ];
}

/** The link to a case's notice PDF (P9), fetched by `urlOf` (the data layer) with the token. */
export function noticeLink(id, urlOf = noticeUrl) {
  const slot = h("span", { id: "notice-slot" }, h("span", { class: "muted" }, t("notice_loading")));
  urlOf(id)
    .then((url) =>
      replace(
        slot,
        h(
          "a",
          { href: url, download: `${id}.pdf`, class: "button", id: "notice-link" },
          t("notice_link"),
        ),
      ),
    )
    .catch((error) => replace(slot, errorNote(error)));
  return slot;
}

function missingView(model) {
  if (!model.missing.length) return h("p", { class: "muted" }, t("missing_none"));
  const names = new Map((model.members.ok ? model.members.value : []).map((m) => [m.id, m.name]));
  return h(
    "ul",
    { class: "missing", id: "missing" },
    model.missing.map((m) =>
      h(
        "li",
        {},
        missingText(m, (id) => names.get(id) ?? id),
      ),
    ),
  );
}

function draw(root, model, ctx) {
  const app = model.app;
  const redraw = (next) =>
    draw(
      root,
      { ...caseModel(next, { asOf: ctx.asOf, role: ctx.claims.role }), members: model.members },
      ctx,
    );
  const forms = model.forms.map((form) => stepForm(form, model, ctx, redraw));
  replace(
    root,
    h(
      "div",
      { class: "title-row" },
      h("h2", {}, t("case_page_title", { id: app.application_id })),
      h(
        "span",
        { class: `badge app-status-${app.status}`, id: "app-status" },
        label("app_status", app.status),
      ),
      h(
        "a",
        { href: `#/household/${encodeURIComponent(app.household_id)}`, class: "button secondary" },
        `${t("household")} ${app.household_id}`,
      ),
      model.notice ? noticeLink(app.application_id) : null,
    ),
    h(
      "p",
      { class: "facts-line" },
      label("program", app.program),
      " · ",
      label("channel", app.channel),
      " · ",
      t("received_on"),
      " ",
      dateCell(app.received_on),
      " · ",
      t("due"),
      " ",
      h("span", { id: "app-due" }, dueLine(model.due)),
    ),
    h(
      "div",
      { class: "grid" },
      h(
        "div",
        { class: "col" },
        section(t("step_form"), forms.length ? forms : h("p", { class: "muted" }, t("no_step"))),
        app.status === "received" ? section(t("missing_title"), missingView(model)) : null,
        section(t("timeline_steps"), timelineTable(model.timeline)),
      ),
      h(
        "div",
        { class: "col" },
        section(t("decision_title"), outcomeView(app)),
        section(t("verdict_section"), verdictView(app.verdict)),
        section(t("filings_title"), filingsView(app.filings)),
      ),
    ),
  );
}

export async function render(root, route, ctx) {
  root.append(h("h2", {}, t("case_page_title", { id: route.id })), loadingNote());
  const model = await caseScreen(route.id, { asOf: ctx.asOf, role: ctx.claims.role });
  draw(root, model, ctx);
}
