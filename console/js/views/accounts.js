// The accounts screen (账号管理, #/accounts; CONTRACT §5, issue 16), for province and city
// officers: the accounts of their region with their state, a form for a new one (the roles the
// caller may grant, a region chosen by name below the caller's), and per account 停用 and
// 重置密码. A one-time password, of a new account or a reset, is shown once, in place.

import {
  accountList,
  adminProblem,
  createAccount,
  disableAccount,
  grantableRoles,
  resetAccount,
} from "../data/accounts.js";
import { h, replace, table } from "../dom.js";
import { label, t } from "../i18n.js";
import { LABELS as DEPARTMENTS } from "../i18n/referrals.js";
import { errorNote, loadingNote } from "./common.js";
import { regionSelects } from "./queue.js";

function refused(error) {
  const key = adminProblem(error);
  if (!key) return errorNote(error);
  const fields = (error.problem?.errors ?? []).map((e) => `${e.field}: ${e.message}`);
  return h(
    "p",
    { class: "error", role: "alert", id: "accounts-problem" },
    t(key),
    key === "problem_admin_invalid" ? fields.join("; ") || error.message : null,
  );
}

function oneTimePassword(made) {
  return h(
    "div",
    { class: "card notice one-time", id: "one-time", dataset: { username: made.username } },
    h("h3", {}, t("one_time_title", { username: made.username })),
    h("p", {}, h("code", { id: "one-time-password" }, made.one_time_password)),
    h("p", { class: "muted" }, t("one_time_note")),
  );
}

function when(iso) {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    dateStyle: "short",
    timeStyle: "short",
  }).format(new Date(iso));
}

function createForm(ctx, message, reload) {
  const username = h("input", {
    id: "account-username",
    required: true,
    maxlength: 64,
    pattern: "[a-z0-9._\\-]{3,64}",
    autocapitalize: "none",
    spellcheck: "false",
  });
  const role = h(
    "select",
    { id: "account-role" },
    grantableRoles(ctx.claims.role).map((r) => h("option", { value: r }, label("role", r))),
  );
  role.value = grantableRoles(ctx.claims.role).includes("township") ? "township" : role.value;
  const department = h(
    "select",
    { id: "account-department" },
    Object.keys(DEPARTMENTS.department).map((d) =>
      h("option", { value: d }, label("department", d)),
    ),
  );
  const departmentField = h(
    "label",
    { hidden: role.value !== "department" },
    t("account_department"),
    department,
  );
  role.addEventListener("change", () => {
    departmentField.hidden = role.value !== "department";
  });
  const personId = h("input", { id: "account-person-id", maxlength: 18, pattern: "\\d{17}[\\dX]" });
  const region = h("input", { type: "hidden", id: "account-region", value: "" });
  const slot = h("span", { class: "region-selects", id: "account-area" });
  regionSelects(slot, region, "", "account-region").catch((error) =>
    replace(slot, errorNote(error)),
  );
  const button = h("button", { type: "submit", id: "account-create" }, t("account_create"));
  return h(
    "form",
    {
      class: "card",
      id: "account-form",
      onsubmit: async (event) => {
        event.preventDefault();
        button.disabled = true;
        try {
          const made = await createAccount({
            username: username.value,
            role: role.value,
            region: region.value || ctx.claims.region,
            personId: personId.value,
            department: department.value,
          });
          username.value = "";
          personId.value = "";
          message.replaceChildren(oneTimePassword(made));
          await reload();
        } catch (error) {
          message.replaceChildren(refused(error));
        } finally {
          button.disabled = false;
        }
      },
    },
    h("h2", {}, t("accounts_new")),
    h(
      "div",
      { class: "fields" },
      h("label", {}, t("username"), username),
      h("label", {}, t("col_role"), role),
      h("div", { class: "field" }, h("span", {}, t("account_region")), slot, region),
      departmentField,
      h("label", {}, t("account_person_id"), personId),
    ),
    button,
  );
}

function actions(account, message, reload) {
  const act = async (confirmKey, run, shown) => {
    if (!window.confirm(t(confirmKey, { username: account.username }))) return;
    try {
      message.replaceChildren(shown(await run(account.username)));
      await reload();
    } catch (error) {
      message.replaceChildren(refused(error));
    }
  };
  return [
    account.status === "active"
      ? h(
          "button",
          {
            type: "button",
            class: "account-disable",
            onclick: () =>
              act("account_disable_confirm", disableAccount, (done) =>
                h("p", { class: "ok", role: "status" }, t("account_disabled_done", done)),
              ),
          },
          t("account_disable"),
        )
      : null,
    " ",
    h(
      "button",
      {
        type: "button",
        class: "account-reset",
        onclick: () => act("account_reset_confirm", resetAccount, oneTimePassword),
      },
      t("account_reset"),
    ),
  ];
}

function accountRows(items, message, reload) {
  if (!items.length) return h("p", { class: "muted" }, t("accounts_empty"));
  const headers = [
    "col_username",
    "col_role",
    "col_region",
    "col_account_status",
    "col_must_change",
    "col_otp",
    "col_locked_until",
    "col_last_login",
    "col_actions",
  ].map((key) => t(key));
  return table(
    headers,
    items,
    (a) =>
      h(
        "tr",
        { class: "account", dataset: { username: a.username, status: a.status } },
        h("td", {}, a.username),
        h(
          "td",
          {},
          label("role", a.role),
          a.department ? ` · ${label("department", a.department)}` : "",
        ),
        h("td", {}, a.region),
        h(
          "td",
          { class: "status" },
          h("span", { class: `badge account-${a.status}` }, label("account_status", a.status)),
        ),
        h("td", {}, a.must_change_password ? t("yes") : t("no")),
        h("td", {}, a.otp_enabled ? t("yes") : t("no")),
        h("td", {}, when(a.locked_until)),
        h("td", {}, when(a.last_login_at)),
        h("td", {}, actions(a, message, reload)),
      ),
    { id: "accounts", class: "list" },
  );
}

export async function render(root, _route, ctx) {
  const message = h("div", { class: "message", id: "accounts-message" });
  const list = h("section", { class: "card", id: "accounts-list" }, loadingNote());
  const reload = async () => {
    const { items } = await accountList();
    if (!root.isConnected) return;
    replace(
      list,
      h("h2", {}, t("accounts_title")),
      h("p", { class: "muted" }, t("accounts_intro")),
      accountRows(items, message, reload),
    );
  };
  root.append(createForm(ctx, message, reload), message, list);
  await reload();
}
