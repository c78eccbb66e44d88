// The integrity findings' data (信息比对, RULES §9 X1–X8; CONTRACT §4 GET /v1/integrity): one
// page of the findings of the officer's region, or a region inside it, on an as-of date, of
// one rule or all, in the API's order (rule, subject); the next page with the API's cursor
// ("更多"). Each finding is shaped into what the screen draws: its rule, its subject as the
// API gives it (masked outside the caller's region), the township it routes to (W5), the
// detail's code and values, the verdict's reasons (X3, X4), and its next step as a link to
// the screen that does it: the review form (X1 ends the enrolment, X3 reviews it), the review
// list (X2), the intake form (X4), the subject's page (X5 the decision behind the enrolment,
// X6 the household whose review files the case, C3), the case explorer (X7, the pair) or the
// case conferences (X8, R6).

import { api } from "../api.js";

export const RULES = ["X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8"];
export const PAGE_SIZE = 50;

/** The filters of the screen's URL (`rule`, `region`, `as_of`; the as-of date by default). */
export function filtersOf(query, asOf) {
  return {
    rule: RULES.includes(query.rule) ? query.rule : "",
    region: query.region ?? "",
    as_of: /^\d{4}-\d{2}-\d{2}$/.test(query.as_of ?? "") ? query.as_of : asOf,
  };
}

/** The API's query for a page of these filters after `cursor` (null: the first page). */
export function pageQuery(filters, cursor = null) {
  return {
    as_of: filters.as_of,
    rule: filters.rule || null,
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
