// The village board (P6, P8): what a board shows on a day, printable (the print stylesheet of
// css/console.css keeps the table and the note alone). Name, household size, programme,
// amount and dates: never an id (the API gives nothing else, and the console shows no
// application id either).

import { boardScreen } from "../data/applications.js";
import { h, replace, table } from "../dom.js";
import { fmtDate, fmtMoney, label, t } from "../i18n.js";
import { errorNote, loadingNote } from "./common.js";

function controls(query, ctx, on) {
  return h(
    "form",
    {
      class: "filters no-print",
      id: "board-filters",
      onsubmit: (event) => {
        event.preventDefault();
        const params = new URLSearchParams();
        for (const [key, value] of new FormData(event.target))
          if (value) params.set(key, value.trim());
        ctx.navigate(`#/board?${params}`);
      },
    },
    h(
      "label",
      {},
      t("board_region"),
      h("input", {
        name: "region",
        id: "board-region",
        value: query.region ?? "",
        pattern: "\\d{12}",
        inputmode: "numeric",
      }),
    ),
    h(
      "label",
      {},
      t("board_on"),
      h("input", { type: "date", name: "on", id: "board-on", value: on }),
    ),
    h("button", { type: "submit", id: "board-show" }, t("board_show")),
    h(
      "button",
      { type: "button", id: "board-print", onclick: () => window.print() },
      t("board_print"),
    ),
  );
}

function period(line) {
  return line.posting
    ? t("board_posting", { from: fmtDate(line.from), until: fmtDate(line.until) })
    : t("board_enrolled", { from: fmtDate(line.from) });
}

export async function render(root, route, ctx) {
  const query = route.query;
  const on = query.on || ctx.asOf;
  const slot = h("div", { id: "board" }, loadingNote());
  root.append(
    h("h2", { id: "board-title" }, t("board_title", { date: fmtDate(on) })),
    controls(query, ctx, on),
    slot,
  );
  try {
    const board = await boardScreen(query, ctx.asOf);
    const headers = [
      "col_name",
      "col_household_size",
      "col_program",
      "monthly_amount",
      "col_period",
    ].map((k) => t(k));
    replace(
      slot,
      board.lines.length
        ? table(
            headers,
            board.lines,
            (l) =>
              h(
                "tr",
                { class: `board-line${l.posting ? " posting" : " enrolled"}` },
                h("td", {}, l.name),
                h("td", { class: "num" }, l.household_size ?? "—"),
                h("td", {}, label("program", l.program)),
                h(
                  "td",
                  { class: "num" },
                  l.monthly_amount === null ? "—" : t("yuan", { v: fmtMoney(l.monthly_amount) }),
                ),
                h("td", {}, period(l)),
              ),
            { class: "board", id: "board-lines" },
          )
        : h("p", { class: "muted", id: "board-empty" }, t("board_empty")),
      h("p", { class: "board-note" }, t("board_note")),
    );
  } catch (error) {
    replace(slot, errorNote(error));
  }
}
