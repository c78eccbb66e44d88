// The referral lists (转办, RULES P11): for a department officer the inbox of its department's
// referrals in its region (部门转办收件箱), for officers the referrals of their region, with a tab
// of the overdue ones (the county's overdue list, `overdue_on=` the as-of date). Each row shows
// the status, the need, the day sent and the running deadline, 逾期 when overdue; a click opens
// the referral page. It draws what js/data/referrals.js gives it.

import { referralList } from "../data/referrals.js";
import { h, replace, table } from "../dom.js";
import { fmtDate, label, t } from "../i18n.js";
import { dateCell, deadlineLine, errorNote, linkRow, loadingNote, overdueTabs } from "./common.js";

/** A referral's deadline: the date, which clock, 暂定 beyond the W4 calendar, 逾期. */
export function refDueLine(due) {
  return deadlineLine(due, "ref_due_step");
}

export function refStatus(status) {
  return h("span", { class: `badge ref-status-${status}`, id: null }, label("ref_status", status));
}

function row(r, ctx) {
  const href = `#/referral/${encodeURIComponent(r.referral_id)}`;
  return linkRow(
    ctx,
    href,
    {
      class: `ref-row${r.due?.overdue ? " overdue" : ""}`,
      dataset: { referralId: r.referral_id, status: r.status, overdue: String(!!r.due?.overdue) },
    },
    h("td", {}, h("a", { href }, r.referral_id)),
    h("td", {}, refStatus(r.status)),
    h("td", { class: "need" }, r.need),
    h("td", {}, label("department", r.department)),
    h("td", {}, r.household_id),
    h("td", {}, dateCell(r.sent_on)),
    h("td", {}, dateCell(r.acknowledged_on)),
    h("td", { class: "due" }, refDueLine(r.due)),
  );
}

export async function render(root, route, ctx) {
  const query = route.query;
  const department = ctx.claims?.department;
  const title = department
    ? t("inbox_title", { department: label("department", department) })
    : t("refs_title");
  const slot = h("div", { id: "referrals" }, loadingNote());
  root.append(
    h("h2", {}, title, " ", h("small", {}, fmtDate(ctx.asOf))),
    overdueTabs(query, "ref-tabs", "#/referrals", "refs"),
    slot,
  );
  try {
    const { items, truncated, overdue } = await referralList(query, ctx.asOf);
    const headers = [
      "col_referral",
      "col_status",
      "col_need",
      "col_department",
      "col_household",
      "col_sent_on",
      "col_acknowledged_on",
      "col_ref_due",
    ].map((k) => t(k));
    const empty = query.overdue === "1" ? "refs_overdue_empty" : "refs_empty";
    replace(
      slot,
      h(
        "p",
        { class: "summary", id: "ref-summary" },
        t("refs_count", { n: items.length, overdue }),
      ),
      truncated ? h("p", { class: "muted" }, t("queue_truncated", { n: items.length })) : null,
      items.length
        ? table(headers, items, (r) => row(r, ctx), { class: "queue", id: "ref-list" })
        : h("p", { class: "muted", id: "refs-empty" }, t(empty)),
    );
  } catch (error) {
    replace(slot, errorNote(error));
  }
}
