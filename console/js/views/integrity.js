// The integrity findings (信息比对, RULES §9 X1–X8) of the officer's region: filters by rule,
// by area below the caller (the queue's region selects) and by as-of date; each finding shows
// its rule id with the rule in plain words, the subject as the API gives it (masked outside
// the caller's region), the township it routes to (W5), what was found, and its next step as
// a link to the screen that does it (the review form for X1 and X3, the intake form for X4,
// the household for X6, the case explorer for X7, the case conferences for X8). Pages follow
// the API's cursor with 更多. It opens on one rule (js/data/integrity.js `withRule`), never
// on all eight at once, and shows beside the rule selector what the last recorded scans found
// per rule, with their dates (尚未扫描 where none). It draws what js/data/integrity.js gives it.

import {
  ALL,
  RULES,
  countsByRule,
  filtersOf,
  findingsPage,
  scanCounts,
  scanRows,
  screenHref,
  withRule,
} from "../data/integrity.js";
import { h, replace } from "../dom.js";
import { fmtDate, label, lang, t } from "../i18n.js";
import { errorNote, loadingNote, reasonList } from "./common.js";
import { areaFilter } from "./queue.js";

// Values of a detail shown by a label of the console rather than as the API sends them.
const VALUE_LABELS = {
  program: "program",
  first: "program",
  second: "program",
  shared: "integrity_shared",
};

function shownValue(key, value) {
  const one = (v) => (VALUE_LABELS[key] ? label(VALUE_LABELS[key], v) : fmtDate(String(v)));
  return Array.isArray(value) ? value.map(one).join("、") : one(value);
}

function detailText(row) {
  if (lang() === "en") return row.detail;
  const values = Object.fromEntries(
    Object.entries(row.params).map(([k, v]) => [k, shownValue(k, v)]),
  );
  const key = `integrity_detail_${row.code}`;
  const text = t(key, values);
  return text === key ? row.detail : text;
}

function filters(current, ctx) {
  return h(
    "form",
    {
      class: "filters",
      id: "integrity-filters",
      onsubmit: (event) => {
        event.preventDefault();
        ctx.navigate(screenHref(Object.fromEntries(new FormData(event.target))));
      },
    },
    h(
      "label",
      {},
      t("integrity_rule"),
      h(
        "select",
        { name: "rule", id: "integrity-rule" },
        RULES.map((r) =>
          h(
            "option",
            { value: r, selected: r === current.rule },
            `${r} ${label("integrity_rule", r)}`,
          ),
        ),
        h("option", { value: ALL, selected: current.rule === ALL }, t("integrity_all_rules")),
      ),
    ),
    areaFilter({ region: current.region }),
    h(
      "label",
      {},
      t("integrity_as_of"),
      " ",
      h("input", { type: "date", name: "as_of", id: "integrity-as-of", value: current.as_of }),
    ),
    h("button", { type: "submit", id: "integrity-filter" }, t("integrity_filter")),
  );
}

/** What the last recorded scans found per rule, each a link to that rule's findings. */
function scanList(current, scans) {
  return h(
    "div",
    { class: "scan-counts", id: "integrity-scans" },
    h("span", { class: "muted" }, t("integrity_scans"), "："),
    h(
      "ul",
      { class: "inline" },
      scanRows(scans).map((row) =>
        h(
          "li",
          {
            class: row.rule === current.rule ? "current" : "",
            dataset: { rule: row.rule, findings: String(row.findings ?? "") },
          },
          h(
            "a",
            { href: screenHref({ ...current, rule: row.rule }) },
            h("strong", {}, row.rule),
            " ",
            row.scanned_on === null
              ? h("span", { class: "muted never" }, t("integrity_never_scanned"))
              : [
                  h("span", { class: "count" }, t("integrity_scan_count", { n: row.findings })),
                  " ",
                  h(
                    "span",
                    { class: "muted scanned-on" },
                    t("integrity_scanned_on", { date: fmtDate(row.scanned_on) }),
                  ),
                ],
          ),
        ),
      ),
    ),
  );
}

function stepCell(row) {
  const text = label("integrity_step", row.step.kind);
  const due = row.due_on ? ` · ${t("integrity_due", { date: fmtDate(row.due_on) })}` : "";
  if (!row.step.href) {
    return h("span", { class: "muted" }, `${text}${due} ${t("integrity_no_link")}`);
  }
  return h(
    "a",
    { href: row.step.href, class: "button next-step", dataset: { kind: row.step.kind } },
    `${text}${due}`,
  );
}

function findingRow(row) {
  return h(
    "tr",
    {
      class: "finding-row",
      dataset: { rule: row.rule, subjectId: row.subject_id, township: row.township_code },
    },
    h(
      "td",
      { class: "rule" },
      h("strong", {}, row.rule),
      " ",
      label("integrity_rule", row.rule),
      h("div", { class: "muted rule-text" }, label("integrity_rule_text", row.rule)),
    ),
    h("td", { class: "subject" }, row.subject_id),
    h("td", { class: "township" }, row.township_code),
    h(
      "td",
      { class: "detail" },
      detailText(row),
      row.reasons.length || row.explanations.length
        ? h("div", { class: "reasons-of" }, reasonList(row.reasons, row.explanations))
        : null,
    ),
    h("td", { class: "step" }, stepCell(row)),
  );
}

function summary(rows, more) {
  return h(
    "p",
    { class: "summary", id: "integrity-summary" },
    t(more ? "integrity_count_more" : "integrity_count", { n: rows.length }),
    " ",
    countsByRule(rows).map(([rule, n]) =>
      h("span", { class: "badge", dataset: { rule } }, `${rule} ${n}`),
    ),
  );
}

export async function render(root, route, ctx) {
  const asked = filtersOf(route.query, ctx.asOf);
  const waiting = loadingNote();
  root.append(waiting);
  // The recorded counts first (no check runs): they choose the rule the screen opens on.
  let scans = null;
  let scansError = null;
  try {
    scans = await scanCounts(asked);
  } catch (error) {
    scansError = errorNote(error);
  }
  const current = withRule(asked, scans);
  const slot = h("div", { id: "integrity" }, loadingNote());
  waiting.remove();
  root.append(
    h("h2", {}, t("integrity_title"), " ", h("small", {}, fmtDate(current.as_of))),
    filters(current, ctx),
    scansError ?? scanList(current, scans),
    slot,
  );
  const rows = [];
  const headers = [
    "col_rule",
    "col_finding_subject",
    "col_finding_township",
    "col_finding",
    "col_next_step",
  ].map((k) => t(k));
  const body = h("tbody", {});
  const list = h(
    "table",
    { class: "queue", id: "integrity-list" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        headers.map((text) => h("th", { scope: "col" }, text)),
      ),
    ),
    body,
  );
  const note = h("div", { id: "integrity-note" });
  const moreSlot = h("div", { id: "integrity-more-slot" });

  async function load(cursor) {
    const page = await findingsPage(current, cursor);
    rows.push(...page.items);
    body.append(...page.items.map(findingRow));
    replace(
      note,
      summary(rows, Boolean(page.cursor)),
      rows.length ? null : h("p", { class: "muted", id: "integrity-empty" }, t("integrity_empty")),
    );
    replace(
      moreSlot,
      page.cursor
        ? h(
            "button",
            {
              type: "button",
              id: "integrity-more",
              onclick: (event) => {
                event.target.disabled = true;
                load(page.cursor).catch((error) => replace(moreSlot, errorNote(error)));
              },
            },
            t("integrity_more"),
          )
        : null,
    );
  }

  try {
    await load(null);
    replace(slot, note, rows.length ? list : null, moreSlot);
  } catch (error) {
    replace(slot, errorNote(error));
  }
}
