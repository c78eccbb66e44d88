// Sign in (登录, CONTRACT §5, issue 16): username and password, and the one-time code (动态口令)
// once the API says the account needs it; the API's refusals in the officer's language (a
// wrong username reads as a wrong password; a locked account says until when). In dev mode
// only, marked so (开发模式): a pasted token, and a button that mints one for a chosen role
// and region.

import {
  consoleConfig,
  devToken,
  login,
  loginProblem,
  signIn,
  tokenProblem,
} from "../data/signin.js";
import { h } from "../dom.js";
import { label, t } from "../i18n.js";
import { errorNote } from "./common.js";

const ROLES = ["township", "county", "city", "province", "investigator"];

function alert(message, key, params = {}) {
  message.replaceChildren(h("span", { class: "error", role: "alert" }, t(key, params)));
}

function signInWith(token, message, ctx) {
  const problem = tokenProblem(token);
  if (problem) {
    alert(message, problem);
    return;
  }
  ctx.navigate(signIn(token));
}

function accountForm(message, ctx) {
  const username = h("input", {
    id: "username",
    name: "username",
    required: true,
    maxlength: 64,
    autocomplete: "username",
    autocapitalize: "none",
    spellcheck: "false",
  });
  const password = h("input", {
    id: "password",
    name: "password",
    type: "password",
    required: true,
    maxlength: 256,
    autocomplete: "current-password",
  });
  const otp = h("input", {
    id: "otp",
    name: "otp",
    inputmode: "numeric",
    autocomplete: "one-time-code",
    pattern: "\\d{6}",
    maxlength: 6,
    placeholder: t("otp_hint"),
  });
  const otpField = h("label", { id: "otp-field", hidden: true }, t("otp"), otp);
  const button = h("button", { type: "submit", id: "signin" }, t("signin"));
  return h(
    "form",
    {
      class: "card signin",
      id: "signin-form",
      onsubmit: async (event) => {
        event.preventDefault();
        button.disabled = true;
        const sent = !otpField.hidden && otp.value.trim() !== "";
        try {
          ctx.navigate(await login(username.value, password.value, sent ? otp.value : null));
        } catch (error) {
          const said = loginProblem(error, sent);
          if (!said) {
            message.replaceChildren(errorNote(error));
            return;
          }
          alert(message, said.key, said.params);
          if (said.otp) {
            otpField.hidden = false;
            otp.required = true;
            otp.value = "";
            otp.focus();
          }
        } finally {
          button.disabled = false;
        }
      },
    },
    h("h2", {}, t("signin_title")),
    h("p", {}, t("signin_intro")),
    h(
      "div",
      { class: "fields" },
      h("label", {}, t("username"), username),
      h("label", {}, t("password"), password),
      otpField,
    ),
    button,
  );
}

function devBadge() {
  return h("span", { class: "badge dev-badge" }, t("dev_badge"));
}

function tokenForm(message, ctx) {
  const token = h("textarea", {
    id: "token",
    name: "token",
    rows: 4,
    required: true,
    spellcheck: "false",
    autocomplete: "off",
  });
  return h(
    "form",
    {
      class: "card dev",
      id: "token-form",
      onsubmit: (event) => {
        event.preventDefault();
        signInWith(token.value, message, ctx);
      },
    },
    h("h2", {}, t("dev_token_title"), " ", devBadge()),
    h("p", {}, t("dev_token_intro")),
    h("label", {}, t("token"), token),
    h("button", { type: "submit", id: "token-signin" }, t("signin")),
  );
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
    h("h2", {}, t("dev_title"), " ", devBadge()),
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
    alert(message, notice);
  }
  root.append(accountForm(message, ctx), message);
  const config = await consoleConfig();
  if (config.dev_mode && root.isConnected) {
    root.append(devForm(message, ctx), tokenForm(message, ctx));
  }
}
