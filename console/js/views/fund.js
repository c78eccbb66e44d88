// The township standby fund's ledger (乡镇备用金台账, RULES R5): the balance, what was
// allocated, paid and returned, and every entry in the order posted with the balance after
// it, each payment linking to its relief case (R3); entries are never changed, so the page
// offers no edit. A county officer picks one of its townships (`#/fund`) and allocates to
// its fund (POST /v1/funds/{code}/allocations); a township officer's `#/fund` is its own
// ledger. It draws what js/data/funds.js gives it.

import { allocate, fundModel, fundScreen, townships } from "../data/funds.js";
import { h, replace, section, table } from "../dom.js";
import { fmtMoney, label, t } from "../i18n.js";
import { dateCell, errorNote, loadingNote } from "./common.js";
import { dateInput, field, problemNote, textInput } from "./forms.js";

const yuan = (value) => t("yuan", { v: fmtMoney(value) });

function entryRow(e) {
  return h(
    "tr",
    { class: `fund-entry fund-${e.kind}`, dataset: { entryId: e.entry_id, kind: e.kind } },
    h("td", {}, dateCell(e.on)),
    h("td", {}, label("fund_kind", e.kind)),
    h("td", { class: "amount" }, `${e.signed < 0 ? "−" : "+"}${fmtMoney(e.amount)}`),
    h("td", { class: "amount balance-after" }, fmtMoney(e.balance_after)),
    h(
      "td",
      {},
      e.relief_id
        ? h("a", { href: `#/relief/${encodeURIComponent(e.relief_id)}` }, e.relief_id)
        : "—",
    ),
    h("td", {}, e.note ?? ""),
    h("td", { class: "by" }, e.by),
  );
}

function ledgerView(model) {
  const headers = [
    "col_step_on",
    "fund_col_kind",
    "fund_col_amount",
    "fund_col_balance",
    "fund_col_relief",
    "fund_col_note",
    "col_by",
  ].map((k) => t(k));
  return section(
    t("fund_title", { code: model.township_code }),
    h(
      "p",
      { class: "fund-balance-line" },
      t("fund_balance"),
      " ",
      h("strong", { id: "fund-balance" }, yuan(model.balance)),
    ),
    h(
      "p",
      { class: "muted", id: "fund-totals" },
      t("fund_totals", {
        allocation: fmtMoney(model.totals.allocation),
        payment: fmtMoney(model.totals.payment),
        return: fmtMoney(model.totals.return),
      }),
    ),
    model.rows.length
      ? table(headers, model.rows, entryRow, { class: "queue", id: "fund-entries" })
      : h("p", { class: "muted", id: "fund-empty" }, t("fund_empty")),
    h("p", { class: "muted", id: "fund-append-only" }, t("fund_append_only")),
  );
}

function allocationForm(model, ctx, redraw) {
  if (!model.canAllocate) return null;
  const message = h("div", { class: "message", id: "fund-message" });
  return h(
    "form",
    {
      class: "card step-form",
      id: "fund-allocation-form",
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        const fields = Object.fromEntries(new FormData(event.target));
        allocate(model.township_code, fields)
          .then((ledger) => redraw(fundModel(ledger, { role: ctx.claims?.role })))
          .catch((error) => replace(message, problemNote(error)));
      },
    },
    h("h3", {}, t("fund_allocate_title")),
    field(t("fund_allocate_on"), dateInput("on", ctx.asOf, "fund-allocate-on")),
    field(
      t("fund_allocate_amount"),
      h("input", { type: "number", name: "amount", id: "fund-allocate-amount", step: "0.01" }),
    ),
    field(t("fund_col_note"), textInput("note", { id: "fund-allocate-note", required: false })),
    h("button", { type: "submit", id: "fund-allocate-submit" }, t("fund_allocate_submit")),
    message,
  );
}

function draw(root, model, ctx) {
  const redraw = (next) => draw(root, next, ctx);
  replace(
    root,
    ctx.claims?.role === "county"
      ? h("p", {}, h("a", { href: "#/fund", id: "back-to-funds" }, t("fund_townships")))
      : null,
    ledgerView(model),
    allocationForm(model, ctx, redraw),
  );
}

async function renderTownships(root) {
  const slot = h("div", { id: "fund-townships" }, loadingNote());
  root.append(h("h2", {}, t("fund_townships")), slot);
  try {
    const items = await townships();
    replace(
      slot,
      items.length
        ? h(
            "ul",
            { class: "links", id: "fund-township-list" },
            items.map((r) =>
              h(
                "li",
                { dataset: { code: r.code } },
                h("a", { href: `#/fund/${encodeURIComponent(r.code)}` }, `${r.name}（${r.code}）`),
              ),
            ),
          )
        : h("p", { class: "muted" }, t("fund_no_townships")),
    );
  } catch (error) {
    replace(slot, errorNote(error));
  }
}

export async function render(root, route, ctx) {
  const code = route.id ?? (ctx.claims?.role === "township" ? ctx.claims.region : null);
  if (!code) return renderTownships(root);
  root.append(loadingNote());
  try {
    draw(root, await fundScreen(code, { role: ctx.claims?.role }), ctx);
  } catch (error) {
    replace(root, errorNote(error));
  }
  return undefined;
}
