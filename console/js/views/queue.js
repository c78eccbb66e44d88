// The township work queue: warnings of the caller's region by level (red first) and due date,
// overdue ones (open, due before the as-of date) marked red; filters for level, status and
// area: cascading selects of region names from the caller's region down to the villages
// (GET /v1/regions?parent=), whose deepest choice is sent as the `region` code. A click on a
// row opens the household. It draws what js/data/queue.js gives it.

import { LEVELS, holderAmong, queueScreen, regionLevel } from "../data/queue.js";
import { h, replace } from "../dom.js";
import { fmtDate, label, t } from "../i18n.js";
import { dateCell, errorNote, levelBadge, loadingNote, statusBadge } from "./common.js";

/**
 * Cascading selects of region names below the caller's region, one per level, down to the
 * villages; `hidden` holds the deepest chosen code (empty: the whole region). The regions on
 * the way to `chosen` (a code from the URL) are selected again, level by level; a code that
 * names no region under the caller's leaves them unselected. A level the tree skips
 * (townships directly under a city) needs nothing special: each select lists the children
 * the API returns for the choice above it. `prefix` starts each select's id (the accounts
 * screen's region of a new account uses them too).
 */
export async function regionSelects(slot, hidden, chosen, prefix = "filter-region") {
  const levels = [];
  let turn = 0; // the latest choice: the answer to an earlier one is dropped
  async function addLevel(parentCode, mine = turn) {
    const { parent, items } = await regionLevel(parentCode);
    if (!items.length || mine !== turn) return null;
    const level = items[0].level;
    const select = h(
      "select",
      {
        class: "region-select",
        id: `${prefix}-${level}`,
        dataset: { level, parent: parent.code },
        "aria-label": label("region_level", level),
        onchange: (event) => choose(select, event.target.value).catch(() => {}),
      },
      h("option", { value: "" }, t("filter_area_all", { name: parent.name })),
      items.map((r) => h("option", { value: r.code, title: r.code }, r.name)),
    );
    levels.push(select);
    slot.append(select);
    return { select, items };
  }
  async function choose(select, code) {
    // Drop the selects below this one, then offer the regions under the new choice.
    turn += 1;
    while (levels.length && levels.at(-1) !== select) levels.pop().remove();
    const top = levels[0] === select;
    hidden.value = code || (top ? "" : select.dataset.parent);
    if (code) await addLevel(code, turn);
  }
  let level = await addLevel(null);
  const start = turn;
  while (level && chosen) {
    const holder = holderAmong(level.items, chosen);
    if (!holder) break;
    level.select.value = holder.code;
    if (holder.code === chosen) return;
    level = await addLevel(holder.code);
  }
  if (!chosen || turn !== start || !levels.length) return; // nothing to undo, or the user chose
  while (levels.length > 1) levels.pop().remove(); // `chosen` is no region of the tree
  levels[0].value = "";
}

/** The area filter: region selects, or the plain code input when the API cannot list them. */
export function areaFilter(query) {
  const hidden = h("input", {
    type: "hidden",
    name: "region",
    id: "filter-region",
    value: query.region ?? "",
  });
  const slot = h("span", { class: "region-selects", id: "filter-area" });
  regionSelects(slot, hidden, query.region ?? "").catch(() => {
    replace(
      slot,
      h("input", {
        id: "filter-region-code",
        value: query.region ?? "",
        pattern: "\\d{12}",
        placeholder: t("filter_region_hint"),
        "aria-label": t("filter_region"),
        inputmode: "numeric",
        oninput: (event) => {
          hidden.value = event.target.value.trim();
        },
      }),
    );
  });
  return h(
    "div",
    { class: "field", role: "group", "aria-label": t("filter_area") },
    h("span", {}, t("filter_area")),
    slot,
    hidden,
  );
}

function filters(query, ctx) {
  // "all" of the status filter is a value of its own: no status means the default, open.
  const select = (name, values, current, text, all = "") =>
    h(
      "select",
      { name, id: `filter-${name}` },
      h("option", { value: all, selected: current === all }, t("all")),
      values.map((v) => h("option", { value: v, selected: v === current }, text(v))),
    );
  return h(
    "form",
    {
      class: "filters",
      id: "queue-filters",
      onsubmit: (event) => {
        event.preventDefault();
        const data = new FormData(event.target);
        const params = new URLSearchParams();
        for (const [key, value] of data) if (value) params.set(key, value);
        ctx.navigate(`#/queue?${params}`);
      },
    },
    h(
      "label",
      {},
      t("filter_level"),
      select("level", LEVELS, query.level, (v) => label("level", v)),
    ),
    h(
      "label",
      {},
      t("filter_status"),
      select(
        "status",
        ["open", "closed"],
        query.status ?? "open",
        (v) => label("status", v),
        "all",
      ),
    ),
    areaFilter(query),
    h(
      "label",
      { class: "check" },
      h("input", {
        type: "checkbox",
        name: "overdue",
        id: "filter-overdue",
        value: "1",
        checked: query.overdue === "1",
      }),
      t("filter_overdue"),
    ),
    h("button", { type: "submit", id: "filter-apply" }, t("filter_apply")),
  );
}

function row(warning, ctx) {
  const overdue = warning.overdue;
  const href = `#/household/${encodeURIComponent(warning.household_id)}?warning=${encodeURIComponent(warning.warning_id)}`;
  const due = warning.due_on
    ? [
        dateCell(warning.due_on),
        warning.due_on_provisional ? h("span", { class: "tag" }, t("provisional")) : null,
        overdue ? h("span", { class: "tag overdue-tag" }, t("overdue")) : null,
      ]
    : h("span", { class: "muted" }, t("no_due"));
  return h(
    "tr",
    {
      class: `warning-row${overdue ? " overdue" : ""}`,
      dataset: {
        warningId: warning.warning_id,
        householdId: warning.household_id,
        level: warning.level,
        status: warning.status,
      },
      onclick: (event) => {
        if (event.target.closest("a")) return;
        ctx.navigate(href);
      },
    },
    h("td", {}, levelBadge(warning.level)),
    h("td", {}, h("a", { href }, warning.household_id)),
    h("td", {}, warning.township_code),
    h("td", { class: "num" }, warning.score),
    h("td", {}, dateCell(warning.issued_on)),
    h("td", { class: "due" }, due),
    h("td", {}, statusBadge(warning.status)),
  );
}

function summary({ items, counts, overdue }) {
  return h(
    "p",
    { class: "summary", id: "queue-summary" },
    t("queue_count", { n: items.length }),
    " ",
    counts.map(([level, n]) =>
      h("span", { class: `badge level-${level}` }, `${label("level", level)} ${n}`),
    ),
    overdue ? h("span", { class: "tag overdue-tag" }, `${t("overdue")} ${overdue}`) : null,
  );
}

export async function render(root, route, ctx) {
  const query = route.query;
  const slot = h("div", { id: "queue" }, loadingNote());
  root.append(
    h("h2", {}, t("queue_title"), " ", h("small", {}, fmtDate(ctx.asOf))),
    filters(query, ctx),
    slot,
  );
  try {
    const queue = await queueScreen(query, ctx.asOf);
    const { items, truncated } = queue;
    const headers = [
      "col_level",
      "col_household",
      "col_township",
      "col_score",
      "col_issued",
      "col_due",
      "col_status",
    ].map((k) => t(k));
    replace(
      slot,
      summary(queue),
      truncated ? h("p", { class: "muted" }, t("queue_truncated", { n: items.length })) : null,
      items.length
        ? h(
            "table",
            { class: "queue" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                headers.map((text) => h("th", { scope: "col" }, text)),
              ),
            ),
            h(
              "tbody",
              {},
              items.map((w) => row(w, ctx)),
            ),
          )
        : h("p", { class: "muted", id: "queue-empty" }, t("queue_empty")),
    );
  } catch (error) {
    replace(slot, errorNote(error));
  }
}
