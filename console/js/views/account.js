// The holder's own account (CONTRACT §5, issue 16): the password change (#/password, forced
// while the session holds a one-time password: js/main.js opens nothing else) and the second
// factor (#/otp: the API's QR code as an image, its secret as text, then a code to confirm;
// forced for a province or city account without one).

import { changePassword, confirmOtp, enrolOtp, fieldProblems } from "../data/account.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { errorNote } from "./common.js";

/** The refusal of a change as the screen says it: each field's rule in words, else the
 * problem as it came. */
function refusal(error) {
  const problems = fieldProblems(error);
  if (!problems.length) return errorNote(error);
  return h(
    "ul",
    { class: "error", role: "alert", id: "account-problems" },
    problems.map((p) =>
      h("li", { dataset: { field: p.field ?? "" } }, p.key ? t(p.key) : p.message),
    ),
  );
}

export async function renderPassword(root, _route, ctx) {
  const message = h("div", { class: "message", id: "password-message" });
  const input = (id, autocomplete) =>
    h("input", { id, type: "password", required: true, maxlength: 256, autocomplete });
  const old = input("old-password", "current-password");
  const next = input("new-password", "new-password");
  const repeat = input("new-password-repeat", "new-password");
  const button = h("button", { type: "submit", id: "password-submit" }, t("password_submit"));
  root.append(
    h(
      "form",
      {
        class: "card signin",
        id: "password-form",
        onsubmit: async (event) => {
          event.preventDefault();
          if (next.value !== repeat.value) {
            message.replaceChildren(
              h("p", { class: "error", role: "alert" }, t("password_mismatch")),
            );
            return;
          }
          button.disabled = true;
          try {
            const forced = ctx.limit === "password";
            const screen = await changePassword(old.value, next.value);
            if (forced) {
              ctx.navigate(screen);
              return;
            }
            for (const field of [old, next, repeat]) field.value = "";
            message.replaceChildren(h("p", { class: "ok", role: "status" }, t("password_done")));
          } catch (error) {
            message.replaceChildren(refusal(error));
          } finally {
            button.disabled = false;
          }
        },
      },
      h("h2", {}, t("password_title")),
      ctx.limit === "password"
        ? h("p", { class: "notice", id: "password-forced" }, t("password_forced"))
        : null,
      h("p", { class: "muted", id: "password-policy" }, t("password_policy")),
      h(
        "div",
        { class: "fields" },
        h("label", {}, t("password_old"), old),
        h("label", {}, t("password_new"), next),
        h("label", {}, t("password_repeat"), repeat),
      ),
      button,
    ),
    message,
  );
}

function confirmForm(message, ctx) {
  const code = h("input", {
    id: "otp-code",
    required: true,
    inputmode: "numeric",
    autocomplete: "one-time-code",
    pattern: "\\d{6}",
    maxlength: 6,
  });
  const button = h("button", { type: "submit", id: "otp-confirm" }, t("otp_confirm"));
  return h(
    "form",
    {
      id: "otp-confirm-form",
      onsubmit: async (event) => {
        event.preventDefault();
        button.disabled = true;
        try {
          const forced = ctx.limit === "otp";
          await confirmOtp(code.value);
          if (forced) {
            ctx.navigate(ctx.home);
            return;
          }
          event.target.replaceWith(
            h("p", { class: "ok", role: "status", id: "otp-done" }, t("otp_done")),
          );
          message.replaceChildren();
        } catch (error) {
          message.replaceChildren(refusal(error));
        } finally {
          button.disabled = false;
        }
      },
    },
    h("label", {}, t("otp_code"), code),
    button,
  );
}

export async function renderOtp(root, _route, ctx) {
  const message = h("div", { class: "message", id: "otp-message" });
  const slot = h("div", { id: "otp-enrolment" });
  const start = h(
    "button",
    {
      type: "button",
      id: "otp-start",
      onclick: async () => {
        start.disabled = true;
        try {
          const found = await enrolOtp();
          slot.replaceChildren(
            h("img", {
              id: "otp-qr",
              class: "qr",
              src: found.qr,
              alt: t("otp_qr_alt"),
              width: 200,
              height: 200,
            }),
            h("p", {}, t("otp_secret"), "：", h("code", { id: "otp-secret" }, found.secret)),
            confirmForm(message, ctx),
          );
          message.replaceChildren();
        } catch (error) {
          message.replaceChildren(errorNote(error));
        } finally {
          start.disabled = false;
        }
      },
    },
    t("otp_start"),
  );
  root.append(
    h(
      "section",
      { class: "card signin", id: "otp-card" },
      h("h2", {}, t("otp_title")),
      ctx.limit === "otp" ? h("p", { class: "notice", id: "otp-forced" }, t("otp_forced")) : null,
      h("p", {}, t("otp_intro")),
      start,
      slot,
    ),
    message,
  );
}
