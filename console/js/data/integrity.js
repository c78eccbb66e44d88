// The integrity findings' data (信息比对, RULES §9 X1–X8; CONTRACT §4 GET /v1/integrity): one
// page of the findings of the officer's region, or a region inside it, on an as-of date, of
// one rule, in the API's order (rule, subject); the next page with the API's cursor ("更多").
// Each rule is a live scan of the region (X4 runs the screening): all eight at once take a
// minute on a large store, so the screen asks for one rule unless the officer picks 全部
// explicitly; with no rule in its address it opens on the rule with most findings in the
// last recorded scans (`hhgraph integrity`, GET /v1/integrity/scans), else the first, and
// shows those recorded counts and their dates beside the rule selector (尚未扫描: never). Each finding is shaped into what the screen draws: its rule, its subject as the
// API gives it (masked outside the caller's region), the township it routes to (W5), the
// detail's code and values, the verdict's reasons (X3, X4), and its next step as a link to
// the screen that does it: the review form (X1 ends the enrolment, X3 reviews it), the review
// list (X2), the intake form (X4), the subject's page (X5 the decision behind the enrolment,
// X6 the household whose review files the case, C3), the case explorer (X7, the pair) or the
// case conferences (X8, R6).

import { api } from "../api.js";

export const RULES = ["X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8"];
export const PAGE_SIZE = 50;
// The rule value that asks for every rule at once: only when the officer chooses it.
export const ALL = "all";

/** The filters of the screen's URL (`rule`, `region`, `as_of`; the as-of date by default).
 * `rule` is a rule id, `ALL`, or "" when the address names none (see `withRule`). */
export function filtersOf(query, asOf) {
  return {
    rule: RULES.includes(query.rule) || query.rule === ALL ? query.rule : "",
    region: query.region ?? "",
    as_of: /^\d{4}-\d{2}-\d{2}$/.test(query.as_of ?? "") ? query.as_of : asOf,
  };
}

/** The recorded counts as the screen shows them: one row per rule in rule order, `{rule,
 * findings, scanned_on}`, both null for a rule never scanned (尚未扫描). */
export function scanRows(scans) {
  const byRule = new Map((scans?.rules ?? []).map((r) => [r.rule, r]));
  return RULES.map((rule) => ({
    rule,
    findings: byRule.get(rule)?.findings ?? null,
    scanned_on: byRule.get(rule)?.scanned_on ?? null,
  }));
}

/** The rule the screen opens on: the one with most findings in the last recorded scans (the
 * first in rule order among equals), else the first rule. */
export function defaultRule(scans) {
  let best = null;
  for (const row of scanRows(scans)) {
    if (row.findings && (best === null || row.findings > best.findings)) best = row;
  }
  return best ? best.rule : RULES[0];
}

/** The filters with their rule decided: the address's, else `defaultRule`. */
export function withRule(filters, scans) {
  return filters.rule ? filters : { ...filters, rule: defaultRule(scans) };
}

/** The API's query for the recorded counts of the filters' region and date. */
export function scansQuery(filters) {
  return { as_of: filters.as_of, region: filters.region || null };
}

/** The recorded counts per rule (GET /v1/integrity/scans), no check run. */
export function scanCounts(filters) {
  return api("/v1/integrity/scans", { query: scansQuery(filters) });
}

/** The API's query for a page of these filters after `cursor` (null: the first page): one
 * rule (the first when none is decided), every rule only for `ALL`. */
export function pageQuery(filters, cursor = null) {
  return {
    as_of: filters.as_of,
    rule: filters.rule === ALL ? null : filters.rule || RULES[0],
    region: filters.region || null,
    limit: PAGE_SIZE,
    cursor,
  };
}

/** The screen's address for filters, from the filter form's fields. */
export function screenHref(fields) {
  const params = new URLSearchParams();
  for (const key of ["rule", "region", "as_of"]) if (fields[key]) params.set(key, fields[key]);
  const search = params.toString();
  return search ? `#/integrity?${search}` : "#/integrity";
}

const enc = encodeURIComponent;
const text = (value) => (Array.isArray(value) ? value.join("、") : String(value ?? ""));

function reviewForm(subject, program, from) {
  return `#/review?${new URLSearchParams({ subject, program, from })}`;
}

function subjectPage(finding) {
  const id = enc(finding.subject_id);
  return finding.subject_kind === "person" ? `#/person/${id}` : `#/household/${id}`;
}

/**
 * Where a finding's next step is done: `{kind, href}` (CONTRACT §4 `next_step`), the href
 * null where the finding gives too little to open the screen.
 */
export function nextStepLink(finding, asOf) {
  const step = finding.next_step ?? { kind: "", params: {} };
  const p = step.params ?? {};
  const link = (href) => ({ kind: step.kind, href });
  switch (step.kind) {
    case "end_enrolment":
      return link(reviewForm(finding.subject_id, p.program, p.enrollment_from));
    case "review":
      return p.enrollment_from
        ? link(reviewForm(finding.subject_id, p.program, p.enrollment_from))
        : link(`#/reviews?${new URLSearchParams({ due_on: asOf })}`);
    case "application":
      return link(
        p.household_id
          ? `#/intake?${new URLSearchParams({ household: p.household_id, on: asOf })}`
          : null,
      );
    case "check_decision":
    case "filing":
      return link(subjectPage(finding));
    case "merge":
      return link(`#/case/${enc(finding.subject_id)}`);
    case "conference":
      return link("#/conferences");
    default:
      return link(null);
  }
}

/** One finding as the screen draws it. */
export function findingRow(finding, asOf) {
  const params = finding.params ?? {};
  const stepParams = finding.next_step?.params ?? {};
  return {
    rule: finding.rule,
    subject_id: finding.subject_id,
    subject_kind: finding.subject_kind,
    township_code: finding.township_code,
    code: finding.code,
    params,
    detail: finding.detail,
    reasons: finding.reasons ?? [],
    explanations: finding.explanations ?? [],
    step: nextStepLink(finding, asOf),
    due_on: stepParams.due_on ?? null,
    why: stepParams.why ?? null,
    key: `${finding.rule}|${finding.subject_id}|${finding.code}|${Object.values(params).map(text).join("|")}`,
  };
}

/** A page of findings: `{items, cursor}`, the cursor null on the last page. */
export async function findingsPage(filters, cursor = null) {
  const body = await api("/v1/integrity", { query: pageQuery(filters, cursor) });
  return {
    items: body.items.map((f) => findingRow(f, filters.as_of)),
    cursor: body.next_cursor,
  };
}

/** The count of each rule among rows, in rule order, rules without a row left out. */
export function countsByRule(rows) {
  return RULES.map((rule) => [rule, rows.filter((r) => r.rule === rule).length]).filter(
    ([, n]) => n,
  );
}
