// Building the DOM from data without innerHTML: every value from the API becomes a text node,
// so names, reasons and findings cannot inject markup.

/**
 * An element: h("a", {href: "#/queue", class: "x", onclick: fn}, "text", child, [more]).
 * Attributes that are null, undefined or false are left out; true sets an empty attribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "value") el.value = value;
    else if (key === "checked" || key === "selected") el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

/** Append children (nested arrays, strings, numbers, nodes; null and false skipped). */
export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replace the children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A table with a header row and one row per item; `row` returns the cells of an item. */
export function table(headers, items, row, attrs = {}) {
  return h(
    "table",
    attrs,
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
      items.map((item) => {
        const cells = row(item); // a ready row, or the contents of its cells
        return cells instanceof HTMLTableRowElement
          ? cells
          : h(
              "tr",
              {},
              cells.map((c) => h("td", {}, c)),
            );
      }),
    ),
  );
}

/** A section with a heading. */
export function section(title, ...children) {
  return h("section", { class: "card" }, h("h2", {}, title), children);
}

/** A yes/no mark with its words, for verdicts. */
export function verdict(ok, yes, no) {
  return h("span", { class: ok ? "verdict ok" : "verdict not" }, ok ? `✓ ${yes}` : `✗ ${no}`);
}
