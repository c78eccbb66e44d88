// The case explorer for investigators: the case graph around a person or household drawn with
// cytoscape.js (npm, served from console/node_modules). A click on a node adds its neighbours
// (GET /v1/cases/{id}/graph?depth=1) until the nodes are MAX_DEPTH steps from the centre;
// persons outside the caller's region come masked and cannot be expanded. Nodes are styled by
// the status the case graph gives for the as-of date (none for a masked person): a person's
// fill says deceased, tekun or dibao, a halo a disability, a dashed outline a legal status
// (imprisoned, missing, incapacitated); a household's fill is the level of its open warning
// (W3) and a solid outline its dibao enrolment. "How are these two related" asks
// GET /v1/persons/{a}/kinship-path/{b} and draws the path. Requests: js/data/cases.js.

import { MAX_DEPTH, caseGraph, kinshipPath } from "../data/cases.js";
import { h, replace, section } from "../dom.js";
import { fmtDate, label, t } from "../i18n.js";
import { errorNote, loadingNote } from "./common.js";

const LEVEL_COLOURS = {
  red: "#d32f2f",
  orange: "#f57c00",
  yellow: "#fbc02d",
  blue: "#1976d2",
  green: "#388e3c",
  none: "#8d6e63",
};
// Status colours; console.css draws the legend's swatches with the same ones.
const STATUS_COLOURS = {
  person: "#3f51b5",
  dibao: "#00897b",
  tekun: "#8e24aa",
  dead: "#424242",
  disabled: "#0288d1",
  legal: "#c62828",
};
const LEGAL_STATUSES = ["incapacitated", "missing", "imprisoned"];
const FONT =
  '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

const STYLE = [
  {
    selector: "node",
    style: {
      label: "data(display)",
      "font-family": FONT,
      "font-size": 11,
      "text-valign": "bottom",
      "text-margin-y": 4,
      "text-wrap": "wrap",
      "text-max-width": "160px",
      color: "#212121",
      "text-background-color": "#fff",
      "text-background-opacity": 0.85,
      "text-background-padding": 2,
      width: 30,
      height: 30,
      "border-width": 2,
      "border-color": "#fff",
    },
  },
  {
    selector: "node.person",
    style: { shape: "ellipse", "background-color": STATUS_COLOURS.person },
  },
  {
    selector: "node.household",
    style: {
      shape: "round-rectangle",
      width: 46,
      height: 30,
      "background-color": LEVEL_COLOURS.none,
      "text-max-width": "180px",
    },
  },
  ...Object.entries(LEVEL_COLOURS).map(([level, colour]) => ({
    selector: `node.household.level-${level}`,
    style: { "background-color": colour },
  })),
  // Later rules win: deceased over tekun over dibao.
  { selector: "node.person.dibao", style: { "background-color": STATUS_COLOURS.dibao } },
  { selector: "node.person.tekun", style: { "background-color": STATUS_COLOURS.tekun } },
  {
    selector: "node.person.dead",
    style: { "background-color": STATUS_COLOURS.dead, "font-style": "italic" },
  },
  {
    selector: "node.person.disabled",
    style: {
      "underlay-color": STATUS_COLOURS.disabled,
      "underlay-opacity": 0.35,
      "underlay-padding": 7,
      "underlay-shape": "ellipse",
    },
  },
  ...LEGAL_STATUSES.map((status) => ({
    selector: `node.person.legal-${status}`,
    style: {
      "outline-color": STATUS_COLOURS.legal,
      "outline-width": 3,
      "outline-style": "dashed",
      "outline-offset": 3,
    },
  })),
  {
    selector: "node.household.dibao",
    style: {
      "outline-color": STATUS_COLOURS.dibao,
      "outline-width": 3,
      "outline-style": "solid",
      "outline-offset": 2,
    },
  },
  {
    selector: "node.masked",
    style: {
      "background-color": "#e0e0e0",
      "border-style": "dashed",
      "border-color": "#616161",
      color: "#757575",
      "font-style": "italic",
    },
  },
  { selector: "node.expanded", style: { "border-width": 3, "border-color": "#ffb300" } },
  {
    selector: "node.root",
    style: { width: 42, height: 42, "font-weight": "bold", "font-size": 13 },
  },
  { selector: "node.household.root", style: { width: 60, height: 40 } },
  {
    selector: "node:selected",
    style: { "overlay-color": "#ffb300", "overlay-opacity": 0.25, "overlay-padding": 6 },
  },
  { selector: "node.end-a, node.end-b", style: { "border-width": 5, "border-color": "#e91e63" } },
  { selector: "edge", style: { width: 2, "curve-style": "bezier", "line-color": "#9e9e9e" } },
  { selector: "edge.member_of", style: { "line-style": "dashed", "line-color": "#bcaaa4" } },
  {
    selector: "edge.parent_of",
    style: {
      "line-color": "#5c6bc0",
      "target-arrow-shape": "triangle",
      "target-arrow-color": "#5c6bc0",
    },
  },
  { selector: "edge.spouse_of", style: { "line-color": "#ec407a", width: 3 } },
  { selector: "node.path", style: { "border-width": 5, "border-color": "#e91e63" } },
  {
    selector: "edge.path",
    style: { width: 6, "line-color": "#e91e63", "target-arrow-color": "#e91e63", "z-index": 10 },
  },
];

/** The state of one explorer page: the graph, each node's distance, the two chosen persons. */
function newState(subject, asOf, cy) {
  return { subject, asOf, cy, dist: new Map(), expanded: new Set(), ends: { a: null, b: null } };
}

function edgeId(e) {
  return `${e.source}|${e.kind}|${e.target}`;
}

/** Short words for a node's status on the as-of date (none for a masked person). */
export function statusTags(node) {
  const status = node.status;
  if (!status) return [];
  const programs = status.enrolments.map((p) => label("program_short", p));
  if (node.kind === "household") return programs;
  return [
    status.dead ? t("status_dead") : null,
    status.legal_status !== "normal" ? label("legal_status", status.legal_status) : null,
    status.disability_grade ? t("status_disability", { grade: status.disability_grade }) : null,
    ...programs,
  ].filter(Boolean);
}

/** The style classes of a node's status (see STYLE and the legend). */
export function statusClasses(node) {
  const status = node.status;
  if (!status) return [];
  const dibao = status.enrolments.some((p) => p === "dibao" || p === "single_person_dibao");
  if (node.kind === "household") {
    return [
      dibao ? "dibao" : null,
      status.warning_level ? `level-${status.warning_level}` : null,
    ].filter(Boolean);
  }
  return [
    status.dead ? "dead" : null,
    status.enrolments.includes("tekun") ? "tekun" : null,
    dibao ? "dibao" : null,
    status.disability_grade ? "disabled" : null,
    LEGAL_STATUSES.includes(status.legal_status) ? `legal-${status.legal_status}` : null,
  ].filter(Boolean);
}

/** Add the nodes and edges of a case graph not yet drawn; new nodes get `dist`. */
function merge(state, graph, dist) {
  const added = [];
  for (const node of graph.nodes) {
    if (state.cy.getElementById(node.id).nonempty()) continue;
    state.dist.set(node.id, dist);
    const classes = [
      node.kind,
      node.masked ? "masked" : null,
      dist >= MAX_DEPTH ? "limit" : null,
      ...statusClasses(node),
    ].filter(Boolean);
    const name = node.label ?? node.id;
    const title = node.kind === "household" && name !== node.id ? `${node.id} ${name}` : name;
    const tags = statusTags(node);
    const display = tags.length ? `${title}\n${tags.join(" · ")}` : title;
    const data = {
      id: node.id,
      label: name,
      display,
      kind: node.kind,
      masked: node.masked,
      status: node.status ?? null,
    };
    added.push({ group: "nodes", data, classes });
  }
  for (const edge of graph.edges) {
    const id = edgeId(edge);
    if (state.cy.getElementById(id).nonempty()) continue;
    added.push({
      group: "edges",
      data: { id, source: edge.source, target: edge.target, kind: edge.kind },
      classes: [edge.kind],
    });
  }
  state.cy.add(added);
  return added.filter((e) => e.group === "nodes").map((e) => e.data);
}

/** A force-directed drawing (cose) that starts from where the nodes are: new nodes start
 * around the node they were expanded from, so an expansion moves the rest little. */
function layout(state, around = null) {
  if (around) {
    const at = state.cy.getElementById(around).position();
    state.cy
      .nodes()
      .filter((n) => n.position("x") === 0 && n.position("y") === 0 && n.id() !== around)
      .forEach((n, i, all) => {
        const angle = (2 * Math.PI * i) / all.length;
        n.position({ x: at.x + 90 * Math.cos(angle), y: at.y + 90 * Math.sin(angle) });
      });
  }
  state.cy
    .layout({
      name: "cose",
      randomize: false,
      animate: false,
      fit: true,
      padding: 50,
      idealEdgeLength: () => 90,
      nodeRepulsion: () => 12000,
      nodeOverlap: 20,
      gravity: 0.4,
    })
    .run();
}

async function expand(state, id, ui) {
  const node = state.cy.getElementById(id);
  const dist = state.dist.get(id) ?? MAX_DEPTH;
  if (node.data("masked")) return ui.status(t("case_masked"));
  if (dist >= MAX_DEPTH) return ui.status(t("case_limit", { n: MAX_DEPTH }));
  if (state.expanded.has(id)) return ui.status(t("case_expanded", { label: node.data("label") }));
  ui.status(t("loading"));
  const graph = await caseGraph(id, state.asOf);
  state.expanded.add(id);
  node.addClass("expanded");
  const added = merge(state, graph, dist + 1);
  layout(state, id);
  ui.refresh();
  return ui.status(`${t("case_expanded", { label: node.data("label") })} (+${added.length})`);
}

function nodeText(data) {
  return `${data.label}${data.label === data.id ? "" : ` (${data.id})`}`;
}

/** The status of the selected node in words, with the dates and kinds the graph omits. */
function statusDetails(data) {
  const status = data.status;
  if (!status) return [];
  if (data.kind === "household") {
    return [
      ...status.enrolments.map((p) => label("program", p)),
      status.warning_level ? label("level", status.warning_level) : null,
    ].filter(Boolean);
  }
  return [
    status.dead ? t("status_dead_on", { date: fmtDate(status.death_date) }) : null,
    status.legal_status !== "normal" ? label("legal_status", status.legal_status) : null,
    status.disability_grade && status.disability_type
      ? t("status_disability_type", {
          grade: status.disability_grade,
          type: label("disability_type", status.disability_type),
        })
      : status.disability_grade
        ? t("status_disability", { grade: status.disability_grade })
        : null,
    ...status.enrolments.map((p) => label("program", p)),
  ].filter(Boolean);
}

function detailsPanel(state, id, ui) {
  if (!id) return null;
  const node = state.cy.getElementById(id);
  if (node.empty()) return null;
  const data = node.data();
  const person = data.kind === "person" && !data.masked;
  const page = data.kind === "person" ? "person" : "household";
  const tags = statusDetails(data);
  return h(
    "div",
    { id: "case-selected" },
    h("p", {}, h("strong", {}, data.label), " ", h("span", { class: "mono" }, data.id)),
    tags.length
      ? h("p", { id: "case-selected-status" }, t("status_line", { tags: tags.join(" · ") }))
      : null,
    h(
      "p",
      { class: "muted" },
      data.kind === "person" ? t("legend_person") : t("legend_household"),
      " · ",
      t("depth_of", { n: state.dist.get(id) }),
      data.masked ? [" · ", t("legend_masked")] : null,
    ),
    h(
      "div",
      { class: "buttons" },
      data.masked || state.dist.get(id) >= MAX_DEPTH || state.expanded.has(id)
        ? null
        : h(
            "button",
            {
              type: "button",
              id: "expand-selected",
              onclick: () => expand(state, id, ui).catch(ui.fail),
            },
            t("expand"),
          ),
      person
        ? h(
            "button",
            { type: "button", id: "set-a", onclick: () => ui.setEnd("a", id) },
            t("set_a"),
          )
        : null,
      person
        ? h(
            "button",
            { type: "button", id: "set-b", onclick: () => ui.setEnd("b", id) },
            t("set_b"),
          )
        : null,
      data.masked
        ? null
        : h(
            "a",
            { class: "button secondary", href: `#/${page}/${encodeURIComponent(id)}` },
            t("open_page"),
          ),
    ),
  );
}

function nodeList(state, ui) {
  const nodes = state.cy
    .nodes()
    .map((n) => n.data())
    .sort(
      (a, b) =>
        state.dist.get(a.id) - state.dist.get(b.id) ||
        a.kind.localeCompare(b.kind) ||
        a.id.localeCompare(b.id),
    );
  return h(
    "ul",
    { class: "node-list", id: "case-nodes" },
    nodes.map((d) =>
      h(
        "li",
        {
          class: `${d.kind}${d.masked ? " masked" : ""}`,
          dataset: { id: d.id, dist: state.dist.get(d.id) },
        },
        h("button", { type: "button", class: "link", onclick: () => ui.select(d.id) }, nodeText(d)),
        " ",
        h("span", { class: "muted" }, t("depth_of", { n: state.dist.get(d.id) })),
      ),
    ),
  );
}

/** "陈秀英 → 子女 → 李建国 → 配偶 → 王芳": each step read from the person before it. */
function pathView(path) {
  if (!path.persons.length) return h("p", { id: "kinship-result" }, t("kinship_none"));
  const parts = [];
  path.persons.forEach((p, i) => {
    parts.push(h("span", { class: p.masked ? "masked" : "person" }, p.label ?? p.id));
    const step = path.steps[i];
    if (!step) return;
    const word =
      step.kind === "spouse_of"
        ? t("path_spouse")
        : step.from === p.id
          ? t("path_child")
          : t("path_parent");
    parts.push(h("span", { class: "step" }, ` → ${word} → `));
  });
  return h(
    "div",
    { id: "kinship-result" },
    h("p", { class: "path" }, parts),
    h("p", { class: "muted" }, t("steps", { n: path.steps.length })),
  );
}

/** Draw the path: add what the graph lacks, highlight its persons and edges. */
function showPath(state, path) {
  state.cy.elements().removeClass("path");
  const graph = {
    nodes: path.persons.map((p) => ({
      id: p.id,
      kind: "person",
      label: p.label,
      masked: p.masked,
    })),
    edges: path.steps.map((s) => ({ source: s.from, target: s.to, kind: s.kind })),
  };
  const added = merge(state, graph, MAX_DEPTH);
  for (const p of path.persons) state.cy.getElementById(p.id).addClass("path");
  for (const e of graph.edges) {
    const reverse = { source: e.target, target: e.source, kind: e.kind };
    state.cy
      .getElementById(edgeId(e))
      .union(state.cy.getElementById(edgeId(reverse)))
      .addClass("path");
  }
  if (added.length) layout(state, path.persons[0].id);
}

function kinshipForm(state, ui) {
  const persons = state.cy
    .nodes(".person")
    .filter((n) => !n.data("masked"))
    .map((n) => n.data());
  const choose = (end) =>
    h(
      "select",
      {
        id: `kinship-${end}`,
        name: end,
        onchange: (event) => ui.setEnd(end, event.target.value || null),
      },
      h("option", { value: "" }, "—"),
      persons.map((p) =>
        h("option", { value: p.id, selected: state.ends[end] === p.id }, nodeText(p)),
      ),
    );
  const result = h("div", { id: "kinship-slot" });
  return h(
    "form",
    {
      id: "kinship-form",
      onsubmit: async (event) => {
        event.preventDefault();
        const { a, b } = state.ends;
        if (!a || !b) return replace(result, h("p", { class: "error" }, t("kinship_pick")));
        if (a === b) return replace(result, h("p", { class: "error" }, t("kinship_same")));
        replace(result, loadingNote());
        try {
          const path = await kinshipPath(a, b, state.asOf);
          showPath(state, path);
          ui.refresh({ keepKinship: true });
          return replace(result, pathView(path));
        } catch (error) {
          return replace(result, errorNote(error));
        }
      },
    },
    h("label", {}, t("person_a"), choose("a")),
    h("label", {}, t("person_b"), choose("b")),
    h("button", { type: "submit", id: "kinship-ask" }, t("kinship_ask")),
    result,
  );
}

function legend() {
  const item = (cls, text) =>
    h("li", { dataset: { legend: cls } }, h("span", { class: `swatch ${cls}` }), text);
  const levels = Object.keys(LEVEL_COLOURS).filter((level) => level !== "none");
  return h(
    "ul",
    { class: "legend", id: "case-legend" },
    item("person", t("legend_person")),
    item("household", t("legend_household")),
    item("dead", t("legend_dead")),
    item("tekun", t("legend_tekun")),
    item("dibao", t("legend_dibao")),
    item("disabled", t("legend_disabled")),
    item("legal", t("legend_legal")),
    item("household-dibao", t("legend_household_dibao")),
    h(
      "li",
      { dataset: { legend: "levels" } },
      levels.map((level) =>
        h("span", { class: `swatch household level-${level}`, title: label("level", level) }),
      ),
      t("legend_warning"),
    ),
    item("masked", t("legend_masked")),
    item("path", t("legend_path")),
    h(
      "li",
      {},
      label("edge", "parent_of"),
      " → · ",
      label("edge", "spouse_of"),
      " ═ · ",
      label("edge", "member_of"),
      " ┄",
    ),
  );
}

function subjectForm(subject, ctx) {
  const input = h("input", {
    id: "case-subject",
    name: "subject",
    required: true,
    value: subject ?? "",
    maxlength: 64,
  });
  return h(
    "form",
    {
      id: "case-form",
      class: "filters",
      onsubmit: (event) => {
        event.preventDefault();
        ctx.navigate(`#/case/${encodeURIComponent(input.value.trim())}`);
      },
    },
    h("label", {}, t("case_subject"), input),
    h("button", { type: "submit", id: "case-load" }, t("case_load")),
  );
}

export async function render(root, route, ctx) {
  root.append(h("h2", {}, t("case_title")), subjectForm(route.id, ctx));
  if (!route.id) return;
  const status = h(
    "p",
    { class: "status", id: "case-status", role: "status" },
    t("case_hint", { n: MAX_DEPTH }),
  );
  const container = h("div", { id: "case-graph", class: "graph" });
  const side = h("aside", { class: "side" });
  root.append(
    h("div", { class: "explorer" }, h("div", { class: "canvas" }, container, status), side),
  );
  const [{ default: cytoscape }, graph] = await Promise.all([
    import("/console/vendor/cytoscape.esm.min.mjs"),
    caseGraph(route.id, ctx.asOf),
  ]);
  if (!root.isConnected) return;
  const cy = cytoscape({
    container,
    style: STYLE,
    wheelSensitivity: 0.3,
    boxSelectionEnabled: false,
    autoungrabify: true,
    maxZoom: 1.5,
    minZoom: 0.2,
  });
  const state = newState(route.id, ctx.asOf, cy);
  window.hhgraphCase = state; // for the browser tests and for debugging in the console
  let selected = null;
  let kinship = null;
  const ui = {
    status: (text) => replace(status, text),
    fail: (error) => replace(status, errorNote(error)),
    select: (id) => {
      selected = id;
      cy.nodes().unselect();
      cy.getElementById(id).select();
      ui.refresh({ keepKinship: true });
    },
    setEnd: (end, id) => {
      if (state.ends[end]) cy.getElementById(state.ends[end]).removeClass(`end-${end}`);
      state.ends[end] = id;
      if (id) cy.getElementById(id).addClass(`end-${end}`);
      ui.refresh({ keepKinship: false });
    },
    refresh: ({ keepKinship = false } = {}) => {
      if (!keepKinship || !kinship) kinship = kinshipForm(state, ui);
      replace(
        side,
        section(
          t("selected"),
          detailsPanel(state, selected, ui) ??
            h("p", { class: "muted" }, t("case_hint", { n: MAX_DEPTH })),
        ),
        section(t("kinship"), kinship),
        section(t("legend"), legend()),
        section(t("case_nodes"), nodeList(state, ui)),
      );
    },
  };
  merge(state, graph, 1);
  state.dist.set(route.id, 0);
  cy.getElementById(route.id).addClass("root");
  layout(state, route.id);
  cy.on("tap", "node", (event) => {
    const id = event.target.id();
    ui.select(id);
    expand(state, id, ui).catch(ui.fail);
  });
  ui.refresh();
}
