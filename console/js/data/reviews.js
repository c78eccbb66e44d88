// The reviews' data (定期核查, RULES P10, P6, P9, C3, C4; CONTRACT §4): the review list of a
// region (GET /v1/reviews, enrolments due on or before `due_on`: the as-of date, or a later
// day the officer picks), the review an officer records (POST /v1/reviews: continue, adjust
// with the new amount, terminate; a decrease or a termination after the recipient's hearing,
// with a reason; a tekun termination after its posting; a filed case's review by the county
// officer who made the home visit, C4), and the written notice of a decrease or a termination
// (GET /v1/reviews/{id}/notice.pdf, P9), fetched with the token as an object URL.

import { allPages, api, apiBlob } from "../api.js";
import { stepRows } from "./common.js";

export const OUTCOMES = ["continue", "adjust", "terminate"];
// Programmes that pay a monthly amount (P8): only they can be adjusted (notices/rules.py).
export const CASH_PROGRAMS = ["dibao", "single_person_dibao", "tekun"];
export const WHY = ["scheduled", "warning", "X3"];

/** The API's query of the list's URL: due on or before `due_on` (default the as-of date),
 * enrolments open on the as-of date, X3 checked on it (RULES §9). */
export function listQuery(query, asOf) {
  return { due_on: query.due_on || asOf, region: query.region, as_of: asOf };
}

/** The review form's address for one enrolment of the list. */
export function reviewHref(item) {
  const params = new URLSearchParams({
    subject: item.subject_id,
    program: item.program,
    from: item.enrollment_from,
  });
  return `#/review?${params}`;
}

/** One row of the list: the enrolment, when its review is due and why (the earliest
 * ground's `why`, and every ground's rule ids and Chinese sentence: P10, W3, X3 with the rule
 * it found failing); overdue when due before the as-of date. */
export function dueRow(item, asOf) {
  return {
    subject_id: item.subject_id,
    program: item.program,
    enrollment_from: item.enrollment_from,
    due_on: item.due_on,
    why: item.why,
    why_rules: item.why_rules ?? [],
    why_reason: item.why_reason ?? "",
    x3: (item.why_rules ?? []).includes("X3"),
    township_code: item.township_code,
    overdue: item.due_on < asOf,
    href: reviewHref(item),
  };
}

/** The earliest due first, then by subject and programme. */
export function sortRows(rows) {
  return [...rows].sort(
    (a, b) =>
      a.due_on.localeCompare(b.due_on) ||
      a.subject_id.localeCompare(b.subject_id) ||
      a.program.localeCompare(b.program) ||
      a.enrollment_from.localeCompare(b.enrollment_from),
  );
}

/** The review list (every page), shaped and sorted, with the overdue count. */
export async function reviewList(query, asOf) {
  const q = listQuery(query, asOf);
  const { items, truncated } = await allPages("/v1/reviews", q);
  const rows = sortRows(items.map((i) => dueRow(i, asOf)));
  return {
    dueOn: q.due_on,
    items: rows,
    truncated,
    overdue: rows.filter((r) => r.overdue).length,
  };
}

/** The outcomes a programme allows (P8, P10): no adjust without a monthly amount. */
export function outcomesFor(program) {
  return CASH_PROGRAMS.includes(program) ? OUTCOMES : OUTCOMES.filter((o) => o !== "adjust");
}

/** The enrolment the review form is about, from its URL (`subject`, `program`, `from`). */
export function formModel(query, asOf) {
  return {
    subject_id: query.subject ?? "",
    program: query.program ?? "",
    enrollment_from: query.from ?? "",
    reviewed_on: asOf,
    outcomes: outcomesFor(query.program),
    posting: query.program === "tekun",
  };
}

const trimmed = (value) => String(value ?? "").trim();

/** The body of POST /v1/reviews from the form's fields: the amount only for an adjust, the
 * optional days and the reason only where given. */
export function reviewBody(fields) {
  const body = {
    subject_id: fields.subject_id,
    program: fields.program,
    enrollment_from: fields.enrollment_from,
    reviewed_on: fields.reviewed_on,
    outcome: fields.outcome,
    declared_official_relative: Boolean(fields.declared_official_relative),
  };
  if (fields.outcome === "adjust" && trimmed(fields.monthly_amount)) {
    body.monthly_amount = Number(trimmed(fields.monthly_amount));
  }
  for (const key of ["hearing_on", "posted_on", "visited_on", "reason"]) {
    if (trimmed(fields[key])) body[key] = trimmed(fields[key]);
  }
  return body;
}

/** The timeline's steps, oldest first, each with what it recorded. */
export function timelineRows(timeline) {
  return stepRows(timeline, (s) => ({
    outcome: s.details?.outcome ?? null,
    reason: s.details?.reason ?? null,
  }));
}

/** A recorded review as the page shows it: the review, its timeline, its filings (C3) and
 * whether it has a written notice (P9: a decrease or a termination). */
export function reviewModel(review) {
  return {
    review,
    timeline: timelineRows(review.timeline ?? []),
    filings: [...(review.filings ?? [])].sort(
      (a, b) =>
        a.official_id.localeCompare(b.official_id) || a.member_id.localeCompare(b.member_id),
    ),
    notice: Boolean(review.notice_kind),
  };
}

/** Record a review: the review's model (or the ApiError of its problem). */
export async function sendReview(fields) {
  return reviewModel(await api("/v1/reviews", { method: "POST", body: reviewBody(fields) }));
}

/** A link target for the notice PDF of a review (P9): fetched with the token, as an object
 * URL. */
export async function noticeUrl(reviewId) {
  return URL.createObjectURL(
    await apiBlob(`/v1/reviews/${encodeURIComponent(reviewId)}/notice.pdf`),
  );
}
