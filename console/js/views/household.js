// A household: members with ages and statuses, enrolments, eligibility verdicts with
// reasons, the score with each contributing event, the composition timeline, and the
// verification form of its open warning. It draws what js/data/households.js gives it.

import { reportWarning } from "../data/discoveries.js";
import { householdScreen, verifyWarning } from "../data/households.js";
import { append, h, replace, section, table, verdict } from "../dom.js";
import { fmtDate, fmtMoney, label, t } from "../i18n.js";
import {
  dateCell,
  errorNote,
  levelBadge,
  loadingNote,
  personLink,
  reasonList,
  statusBadge,
} from "./common.js";
import { problemNote } from "./forms.js";

function memberStatus({ status }) {
  if (status.kind === "masked") return t("masked_person");
  if (status.kind === "died") return t("status_died", { date: fmtDate(status.date) });
  if (status.kind === "left") return t("status_left", { date: fmtDate(status.date) });
  if (status.kind === "excluded") return label("excluded", status.as);
  return t("status_current");
}

function membersTable(members) {
  const headers = ["col_name", "col_person_id", "col_age", "col_relation", "col_member_status"].map(
    (k) => t(k),
  );
  return table(
    headers,
    members,
    (m) =>
      h(
        "tr",
        {
          class: `member${m.gone ? " gone" : ""}${m.masked ? " masked-row" : ""}`,
          dataset: { personId: m.id },
        },
        h("td", {}, personLink(m.id, m.name, m.masked)),
        h("td", { class: "mono" }, m.id),
        h("td", { class: "num" }, m.age ?? "—"),
        h("td", {}, m.relation ? label("relation", m.relation) : "—"),
        h("td", {}, memberStatus(m)),
      ),
    { id: "members" },
  );
}

function enrolmentsTable(enrolments) {
  const headers = ["col_program", "col_from", "col_to"].map((k) => t(k));
  return section(
    t("enrolments"),
    enrolments.length
      ? table(
          headers,
          enrolments,
          (e) => [label("program", e.program), dateCell(e.from), dateCell(e.to)],
          { id: "enrolments" },
        )
      : h("p", { class: "muted" }, t("none")),
  );
}

function eligibilityView(e) {
  const std = e.standard;
  const programs = ["dibao", "marginal", "expenditure_hardship"];
  const name = (personId, person) =>
    person
      ? personLink(person.id, person.name, person.masked)
      : h("span", { class: "mono" }, personId);
  return [
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, t("member_count")),
      h("dd", {}, e.member_count),
      h("dt", {}, t("per_capita")),
      h("dd", {}, t("yuan", { v: fmtMoney(e.per_capita_monthly_income) })),
      h("dt", {}, t("annual_income")),
      h("dd", {}, t("yuan", { v: fmtMoney(e.household_annual_income) })),
      std
        ? [
            h("dt", {}, t("standard")),
            h(
              "dd",
              {},
              t("standard_text", {
                name: std.region_name,
                urban: fmtMoney(std.dibao_urban_monthly),
                rural: fmtMoney(std.dibao_rural_monthly),
              }),
            ),
          ]
        : null,
    ),
    table(
      [t("col_program"), t("col_verdict"), t("reasons")],
      programs,
      (p) =>
        h(
          "tr",
          { dataset: { program: p } },
          h("th", { scope: "row" }, label("program", p)),
          h("td", {}, verdict(e[p].eligible, t("eligible"), t("not_eligible"))),
          h("td", {}, reasonList(e[p].reasons, e[p].explanations)),
        ),
      { id: "programs" },
    ),
    e.single_person_dibao.length
      ? [
          h("h3", {}, t("single_person_dibao")),
          table([t("col_name"), t("col_verdict"), t("reasons")], e.single_person_dibao, (v) => [
            name(v.person_id, v.person),
            verdict(v.eligible, t("eligible"), t("not_eligible")),
            reasonList(v.reasons, v.explanations),
          ]),
        ]
      : null,
    e.excluded_members.length
      ? [
          h("h3", {}, t("excluded_members")),
          h(
            "ul",
            {},
            e.excluded_members.map((x) =>
              h("li", {}, name(x.person_id, x.person), " ", label("excluded", x.excluded_as)),
            ),
          ),
        ]
      : null,
    e.reasons.length
      ? [h("h3", {}, t("common_reasons")), reasonList(e.reasons, e.explanations)]
      : null,
  ];
}

function scoreView(s) {
  return [
    h(
      "p",
      { class: "score-line", id: "score-line" },
      t("score_total"),
      " ",
      h("strong", { class: "score" }, s.score),
      " ",
      levelBadge(s.level),
      " ",
      s.visit_within_working_days
        ? t("visit_within", { n: s.visit_within_working_days })
        : t("no_visit"),
      " · ",
      t("ruleset"),
      " ",
      s.ruleset,
    ),
    s.contributions.length
      ? table(
          [t("col_indicator"), t("col_points"), t("col_events")],
          s.contributions,
          (c) =>
            h(
              "tr",
              { dataset: { indicator: c.indicator } },
              h("td", {}, label("indicator", c.indicator)),
              h("td", { class: "num" }, c.points),
              h(
                "td",
                {},
                h(
                  "ul",
                  { class: "events" },
                  c.event_ids.map((id) => h("li", { class: "mono" }, id)),
                ),
              ),
            ),
          { id: "contributions" },
        )
      : h("p", { class: "muted" }, t("no_contributions")),
  ];
}

function timelineView(changes) {
  if (!changes.length) return h("p", { class: "muted" }, t("timeline_empty"));
  return h(
    "ol",
    { class: "timeline", id: "timeline" },
    changes.map((c) =>
      h(
        "li",
        { class: `change change-${c.kind}` },
        dateCell(c.date),
        " ",
        h("span", { class: "badge" }, label("change", c.kind)),
        " ",
        personLink(c.person.id, c.person.name, c.person.masked),
        " ",
        h("span", { class: "muted" }, label("relation", c.relation)),
      ),
    ),
  );
}

function chainItem(item) {
  const overlapped = item.overlaps.length > 0;
  return h(
    "li",
    {
      class: `chain-item chain-${item.kind}${overlapped ? " chain-overlap" : ""}`,
      dataset: { itemId: item.id, kind: item.kind },
    },
    dateCell(item.from),
    item.to ? [" ", t("chain_until"), " ", dateCell(item.to)] : null,
    " ",
    h("span", { class: "badge" }, label("chain_kind", item.kind)),
    " ",
    item.program ? label(item.programKind, item.program) : null,
    item.department ? label("department", item.department) : null,
    " ",
    h("span", { class: `badge status-${item.status}` }, label(item.statusKind, item.status)),
    item.amount != null ? [" ", t(item.amountKey, { v: fmtMoney(item.amount) })] : null,
    item.person_id ? [" ", h("span", { class: "mono" }, item.person_id)] : null,
    item.detail
      ? [
          " ",
          h(
            "span",
            { class: "muted" },
            item.detailKind ? label(item.detailKind, item.detail) : item.detail,
          ),
        ]
      : null,
    item.overlaps.map((rule) => [
      " ",
      h("span", { class: "badge flag-overlap" }, t("chain_overlap_badge", { rule })),
    ]),
  );
}

function chainFinding(kind, finding) {
  return h(
    "li",
    { class: `chain-finding flag-${kind}`, dataset: { rule: finding.rule } },
    h("span", { class: `badge flag-${kind}` }, t(`chain_${kind}_badge`, { rule: finding.rule })),
    " ",
    reasonList(finding.reasons ?? [finding.reason], finding.explanations),
  );
}

/** The assistance chain: gaps and overlaps first (badge text and colour), then the timeline. */
function chainView(chain) {
  return [
    h("h3", {}, t("chain_gaps")),
    chain.gaps.length
      ? h(
          "ul",
          { id: "chain-gaps" },
          chain.gaps.map((g) => chainFinding("gap", g)),
        )
      : h("p", { class: "muted" }, t("chain_no_gaps")),
    h("h3", {}, t("chain_overlaps")),
    chain.overlaps.length
      ? h(
          "ul",
          { id: "chain-overlaps" },
          chain.overlaps.map((o) => chainFinding("overlap", o)),
        )
      : h("p", { class: "muted" }, t("chain_no_overlaps")),
    chain.items.length
      ? h("ol", { class: "timeline", id: "assistance-chain" }, chain.items.map(chainItem))
      : h("p", { class: "muted" }, t("chain_empty")),
  ];
}

function verifiedText(w) {
  return t("verified", {
    date: fmtDate(w.visited_on),
    by: w.verified_by,
    genuine: w.genuine ? t("genuine_yes") : t("genuine_no"),
    findings: w.findings,
    action: w.action,
  });
}

function verificationForm(warning, slot, ctx) {
  if (!ctx.verifier) return h("p", { class: "muted" }, t("verify_not_allowed"));
  const message = h("div", { class: "message", id: "verify-message" });
  const radio = (value, text, checked) =>
    h(
      "label",
      { class: "check" },
      h("input", { type: "radio", name: "genuine", value, checked, id: `genuine-${value}` }),
      text,
    );
  return h(
    "form",
    {
      class: "verify",
      id: "verify-form",
      onsubmit: async (event) => {
        event.preventDefault();
        const data = new FormData(event.target);
        const button = event.target.querySelector("button");
        button.disabled = true;
        try {
          const closed = await verifyWarning(warning.warning_id, {
            visitedOn: data.get("visited_on"),
            genuine: data.get("genuine") === "true",
            findings: data.get("findings"),
            action: data.get("action"),
          });
          replace(slot, warningView([closed], slot, ctx));
        } catch (error) {
          button.disabled = false;
          replace(message, errorNote(error));
        }
      },
    },
    h("h3", {}, t("verify_form")),
    h(
      "div",
      { class: "fields" },
      h(
        "label",
        {},
        t("visited_on"),
        h("input", {
          type: "date",
          name: "visited_on",
          id: "visited-on",
          required: true,
          value: ctx.asOf,
          max: ctx.asOf,
        }),
      ),
      h(
        "fieldset",
        {},
        h("legend", {}, t("genuine")),
        radio("true", t("genuine_yes"), true),
        radio("false", t("genuine_no"), false),
      ),
    ),
    h(
      "label",
      {},
      t("findings"),
      h("textarea", { name: "findings", id: "findings", required: true, maxlength: 4000, rows: 3 }),
    ),
    h(
      "label",
      {},
      t("action"),
      h("textarea", { name: "action", id: "action", required: true, maxlength: 2000, rows: 2 }),
    ),
    h("button", { type: "submit", id: "verify-submit" }, t("submit_verification")),
    message,
  );
}

/** The intake form, prefilled with the household (and the visit's day and warning). */
function intakeHref(householdId, extra = {}) {
  const params = new URLSearchParams({ household: householdId });
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  return `#/intake?${params}`;
}

/** A warning its visit found genuine, reported as a discovery in one step (P4, W6); the
 * discovery's page opens, or the problem shows beside the button. */
function discoveryButton(w, i, ctx) {
  const message = h("span", { class: "message" });
  const button = h(
    "button",
    {
      type: "button",
      class: "button",
      id: i === 0 ? "open-discovery-from-visit" : null,
      onclick: () => {
        button.disabled = true;
        reportWarning(w, ctx.claims?.sub ?? "")
          .then((d) => ctx.navigate(`#/discovery/${encodeURIComponent(d.discovery_id)}`))
          .catch((error) => {
            button.disabled = false;
            replace(message, problemNote(error));
          });
      },
    },
    t("open_discovery_from_visit"),
  );
  return [" ", button, message];
}

/** The household's warnings (the open one first), with the form when it is open. */
function warningView(warnings, slot, ctx) {
  if (!warnings.length) return h("p", { class: "muted" }, t("warning_none"));
  return warnings.map((w, i) =>
    h(
      "div",
      { class: `warning warning-${w.status}`, dataset: { warningId: w.warning_id } },
      h(
        "p",
        {},
        statusBadge(w.status),
        " ",
        t("warning_info", {
          id: w.warning_id,
          level: label("level", w.level),
          score: w.score,
          issued: fmtDate(w.issued_on),
        }),
        w.due_on ? [" · ", t("col_due"), " ", dateCell(w.due_on)] : null,
      ),
      w.verified_by
        ? h("p", { class: "verified", id: i === 0 ? "verified" : null }, verifiedText(w))
        : null,
      w.verified_by && w.genuine && ctx.verifier
        ? h(
            "a",
            {
              class: "button",
              id: i === 0 ? "open-application-from-visit" : null,
              href: intakeHref(w.household_id, { on: w.visited_on, warning: w.warning_id }),
            },
            t("open_application_from_visit"),
          )
        : null,
      w.verified_by && w.genuine && ctx.verifier ? discoveryButton(w, i, ctx) : null,
      w.status === "open" ? verificationForm(w, slot, ctx) : null,
    ),
  );
}

/** A part of the screen: drawn, or the note of its error. */
function drawn(result, draw) {
  return result.ok ? draw(result.value) : errorNote(result.error);
}

export async function render(root, route, ctx) {
  const id = route.id;
  const asOf = ctx.asOf;
  const title = h("h2", {}, t("household_title", { id }));
  root.append(title, loadingNote());
  const screen = await householdScreen(id, {
    asOf,
    officer: ctx.officer,
    warning: route.query.warning,
  });
  const score = screen.score;
  const warningSlot = h("div", { id: "slot-warning" });
  if (!screen.warnings) warningSlot.append(h("p", { class: "muted" }, t("warning_not_listed")));
  else
    append(
      warningSlot,
      drawn(screen.warnings, (found) => warningView(found, warningSlot, ctx)),
    );
  replace(
    root,
    h(
      "div",
      { class: "title-row" },
      title,
      h("span", { id: "household-level" }, levelBadge(score.level)),
      h(
        "a",
        { href: `#/case/${encodeURIComponent(id)}`, class: "button", id: "open-case" },
        t("open_case"),
      ),
      ctx.verifier
        ? h(
            "a",
            { href: intakeHref(id), class: "button", id: "open-application" },
            t("open_application"),
          )
        : null,
      ctx.officer
        ? h("a", { href: "#/queue", class: "button secondary" }, t("back_to_queue"))
        : null,
    ),
    h(
      "div",
      { class: "grid" },
      h(
        "div",
        { class: "col" },
        section(t("members"), drawn(screen.members, membersTable)),
        screen.enrolments.ok
          ? enrolmentsTable(screen.enrolments.value)
          : errorNote(screen.enrolments.error),
        section(t("warning_title"), warningSlot),
        section(t("score_title", { date: fmtDate(asOf) }), scoreView(score)),
      ),
      h(
        "div",
        { class: "col" },
        section(
          t("eligibility", { date: fmtDate(asOf) }),
          drawn(screen.eligibility, eligibilityView),
        ),
        section(t("chain_title", { date: fmtDate(asOf) }), drawn(screen.chain, chainView)),
        section(t("timeline"), drawn(screen.timeline, timelineView)),
      ),
    ),
  );
}
