// The console's lint (issue 15 item 10), run by `make lint` through `npm run lint`: ESLint's
// recommended rules, plus the console's own: no markup from strings (every value the API
// returns becomes a text node: js/dom.js, docs/security.md), nothing the page's
// `script-src 'self'` policy forbids, and views that render what js/data/ gives them.

import js from "@eslint/js";
import globals from "globals";

const TEXT_ONLY = "text nodes only: build elements with h() from js/dom.js (docs/security.md)";
const MARKUP_SINKS = [
  { property: "innerHTML", message: TEXT_ONLY },
  { property: "outerHTML", message: TEXT_ONLY },
  { property: "insertAdjacentHTML", message: TEXT_ONLY },
  { property: "createContextualFragment", message: TEXT_ONLY },
  { property: "setHTMLUnsafe", message: TEXT_ONLY },
  { object: "document", property: "write", message: TEXT_ONLY },
  { object: "document", property: "writeln", message: TEXT_ONLY },
];

export default [
  { ignores: ["node_modules/"] },
  js.configs.recommended,
  {
    files: ["js/**/*.js"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: globals.browser },
    rules: {
      "no-restricted-properties": ["error", ...MARKUP_SINKS],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='DOMParser']", message: TEXT_ONLY },
      ],
      // The page's policy refuses them anyway; the lint says so before a browser does.
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // Views render what the data layer gives them: every fetch of a screen is in js/data/.
    files: ["js/views/**/*.js"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/api.js"],
              message: "views render what js/data/ gives them: fetch there (console/README.md)",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "views do not fetch: js/data/ does (console/README.md)" },
        { name: "XMLHttpRequest", message: "views do not fetch: js/data/ does" },
      ],
    },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
];
