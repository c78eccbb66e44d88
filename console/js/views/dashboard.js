// The supervision dashboard (督促调度看板, RULES S1-S2) for province, city and county officers:
// the regions directly under a region as a table with bars (overdue warnings; a bar opens the
// overdue warnings behind it in the work queue), open warnings by level per region (a click
// on a bar drills down), the level mix, overdue warnings, cases and referrals at the last 12
// month ends, drill-down to the region below and back up, and the workbook download. Charts:
// Apache ECharts (npm, served from console/node_modules), rendered as SVG with plain-text
// tooltips (no markup from region names). It draws what js/data/dashboard.js gives it.

import { LEVELS, dashboardScreen, parentOf, workbookFile } from "../data/dashboard.js";
import { h, replace, table } from "../dom.js";
import { fmtMoney, label, t } from "../i18n.js";
import { errorNote, levelBadge, loadingNote } from "./common.js";

const LEVEL_COLOURS = {
  red: "#c62828",
  orange: "#ef6c00",
  yellow: "#f9a825",
  blue: "#1565c0",
  green: "#2e7d32",
};

const dash = (value) => (value === null || value === undefined ? "—" : value);

function drillHash(code) {
  return `#/dashboard?region=${encodeURIComponent(code)}`;
}

function overdueHash(code) {
  return `#/queue?region=${encodeURIComponent(code)}&overdue=1`;
}

/** An overdue-warnings bar of a row, as long as its share of the largest, that opens the
 * list behind it; a village (no township-routed figure) shows a note instead. */
function overdueBar(row, largest) {
  if (row.overdue === null) return h("span", { class: "muted" }, t("dash_not_routed"));
  const width = largest ? Math.max(2, Math.round((100 * row.overdue) / largest)) : 2;
  return h(
    "a",
    {
      class: "dash-bar",
      href: overdueHash(row.region),
      title: t("dash_open_list", { name: row.name }),
      dataset: { region: row.region },
    },
    h("span", { class: "dash-bar-fill", style: `width: ${width}%` }),
    h("span", { class: "dash-bar-value" }, String(row.overdue)),
  );
}

function regionTable(screen) {
  const largest = Math.max(0, ...screen.children.map((r) => r.overdue ?? 0));
  const headers = [
    t("dash_col_region"),
    t("dash_col_dibao"),
    t("dash_col_tekun"),
    t("dash_col_open"),
    t("dash_col_overdue"),
    t("dash_col_late"),
    t("dash_col_cases"),
    t("dash_col_referrals"),
    t("dash_col_balance"),
  ];
  const cells = (row, name) => [
    name,
    row.dibao,
    row.tekun,
    dash(row.open),
    overdueBar(row, largest),
    dash(row.late),
    dash(row.cases),
    dash(row.referrals),
    row.balance === null ? "—" : fmtMoney(row.balance),
  ];
  const rows = screen.children.map((row) =>
    h(
      "tr",
      { dataset: { region: row.region } },
      cells(row, h("a", { href: drillHash(row.region), class: "dash-drill" }, row.name)).map((c) =>
        h("td", {}, c),
      ),
    ),
  );
  const total = h(
    "tr",
    { class: "dash-total" },
    cells(screen.total, t("dash_total", { name: screen.name })).map((c) => h("td", {}, c)),
  );
  return table(headers, [...rows, total], (r) => r, { id: "dash-regions", class: "dash-table" });
}

/** ECharts, loaded once, on first use. */
let charts = null;
async function echarts() {
  charts ??= import("/console/vendor/echarts.esm.min.mjs");
  return charts;
}

function chartBox(id) {
  return h("div", { class: "dash-chart", id, role: "img" });
}

const TOOLTIP = { trigger: "item", renderMode: "richText" };

async function drawCharts(boxes, screen, ctx) {
  const lib = await echarts();
  const shown = screen.children.filter((r) => r.byLevel !== null);
  const byRegion = lib.init(boxes.regions, null, { renderer: "svg" });
  byRegion.setOption({
    animation: false,
    tooltip: TOOLTIP,
    legend: { data: LEVELS.map((lv) => label("level", lv)) },
    xAxis: { type: "category", data: shown.map((r) => r.name) },
    yAxis: { type: "value", minInterval: 1 },
    series: LEVELS.map((lv) => ({
      name: label("level", lv),
      type: "bar",
      stack: "open",
      itemStyle: { color: LEVEL_COLOURS[lv] },
      data: shown.map((r) => r.byLevel[lv]),
    })),
  });
  byRegion.on("click", (event) => {
    const row = shown[event.dataIndex];
    if (row) ctx.navigate(drillHash(row.region));
  });
  const mix = lib.init(boxes.mix, null, { renderer: "svg" });
  mix.setOption({
    animation: false,
    tooltip: TOOLTIP,
    series: [
      {
        type: "pie",
        radius: ["35%", "65%"],
        data: screen.levelMix.map(([lv, n]) => ({
          name: label("level", lv),
          value: n,
          itemStyle: { color: LEVEL_COLOURS[lv] },
        })),
      },
    ],
  });
  const trend = lib.init(boxes.trend, null, { renderer: "svg" });
  const series = [
    ["dash_series_overdue", "overdue"],
    ["dash_series_cases", "cases"],
    ["dash_series_referrals", "referrals"],
  ];
  trend.setOption({
    animation: false,
    tooltip: { ...TOOLTIP, trigger: "axis" },
    legend: { data: series.map(([key]) => t(key)) },
    xAxis: { type: "category", data: screen.trend.map((m) => m.month) },
    yAxis: { type: "value", minInterval: 1 },
    series: series.map(([key, field]) => ({
      name: t(key),
      type: "line",
      data: screen.trend.map((m) => m[field]),
    })),
  });
}

function downloadButton(screen, ctx, note) {
  return h(
    "button",
    {
      type: "button",
      id: "dash-download",
      onclick: async () => {
        try {
          const { blob, name } = await workbookFile(screen.region, ctx.asOf);
          const link = h("a", { href: URL.createObjectURL(blob), download: name });
          document.body.append(link);
          link.click();
          link.remove();
          replace(note, t("dash_downloaded", { name }));
        } catch (error) {
          replace(note, errorNote(error));
        }
      },
    },
    t("dash_download"),
  );
}

export async function render(container, route, ctx) {
  container.append(loadingNote());
  const screen = await dashboardScreen(route.query.region || null, ctx.asOf);
  if (!container.isConnected) return;
  const up = screen.region !== ctx.claims.region ? parentOf(screen.region) : null;
  const note = h("p", { class: "muted", id: "dash-note", role: "status" });
  const boxes = {
    regions: chartBox("dash-chart-regions"),
    mix: chartBox("dash-chart-mix"),
    trend: chartBox("dash-chart-trend"),
  };
  replace(
    container,
    h("h2", { id: "dash-title" }, t("dash_title", { name: screen.name })),
    h(
      "div",
      { class: "dash-tools" },
      up ? h("a", { href: drillHash(up), id: "dash-up" }, t("dash_up", { name: up })) : null,
      downloadButton(screen, ctx, note),
      note,
    ),
    h(
      "section",
      { class: "card" },
      h("h3", {}, t("dash_regions")),
      screen.children.length ? regionTable(screen) : h("p", {}, t("dash_empty")),
      boxes.regions,
    ),
    h(
      "div",
      { class: "dash-pair" },
      h(
        "section",
        { class: "card" },
        h("h3", {}, t("dash_level_mix")),
        h(
          "p",
          { class: "dash-levels" },
          screen.levelMix.map(([lv, n]) => h("span", {}, levelBadge(lv), ` ${n} `)),
        ),
        boxes.mix,
      ),
      h(
        "section",
        { class: "card" },
        h("h3", {}, t("dash_trend", { n: screen.trend.length })),
        boxes.trend,
      ),
    ),
  );
  try {
    await drawCharts(boxes, screen, ctx);
  } catch (error) {
    if (container.isConnected) container.append(errorNote(error));
  }
}
