// Sign in with a token; in dev mode, a button mints one for a chosen role and region.

import { consoleConfig, devToken, signIn, tokenProblem } from "../data/signin.js";
import { h } from "../dom.js";
import { label, t } from "../i18n.js";
import { errorNote } from "./common.js";

const ROLES = ["township", "county", "city", "province", "investigator"];

function signInWith(token, message, ctx) {
  const problem = tokenProblem(token);
  if (problem) {
    message.replaceChildren(h("span", { class: "error", role: "alert" }, t(problem)));
    return;
  }
  ctx.navigate(signIn(token));
}

function devForm(message, ctx) {
  const role = h(
    "select",
    { id: "dev-role", name: "role" },
    ROLES.map((r) => h("option", { value: r }, `${label("role", r)} (${r})`)),
  );
  const region = h("input", {
    id: "dev-region",
    name: "region",
    value: "440000000000",
    required: true,
    pattern: "\\d{6}|\\d{12}",
    inputmode: "numeric",
  });
  const sub = h("input", {
    id: "dev-sub",
    name: "sub",
    value: "dev",
    required: true,
    maxlength: 64,
  });
  return h(
    "form",
    {
      class: "card dev",
      id: "dev-form",
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          signInWith(await devToken(role.value, region.value, sub.value), message, ctx);
        } catch (error) {
          message.replaceChildren(errorNote(error));
        }
      },
    },
    h("h2", {}, t("dev_title")),
    h("p", {}, t("dev_intro")),
    h(
      "div",
      { class: "fields" },
      h("label", {}, t("dev_role"), role),
      h("label", {}, t("dev_region"), region),
      h("label", {}, t("dev_sub"), sub),
    ),
    h("button", { type: "submit", id: "dev-signin" }, t("dev_signin")),
  );
}

export async function render(root, _route, ctx) {
  const message = h("div", { class: "message", id: "signin-message" });
  const notice = sessionStorage.getItem("hhgraph.notice");
  if (notice) {
    sessionStorage.removeItem("hhgraph.notice");
    message.append(h("span", { class: "error", role: "alert" }, t(notice)));
  }
  const token = h("textarea", {
    id: "token",
    name: "token",
    rows: 4,
    required: true,
    spellcheck: "false",
    autocomplete: "off",
  });
  root.append(
    h(
      "form",
      {
        class: "card signin",
        id: "signin-form",
        onsubmit: (event) => {
          event.preventDefault();
          signInWith(token.value, message, ctx);
        },
      },
      h("h2", {}, t("signin_title")),
      h("p", {}, t("signin_intro")),
      h("label", {}, t("token"), token),
      h("button", { type: "submit", id: "signin" }, t("signin")),
    ),
    message,
  );
  const config = await consoleConfig();
  if (config.dev_mode && root.isConnected) root.append(devForm(message, ctx));
}
