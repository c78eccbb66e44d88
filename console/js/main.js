// The console's shell: the header (user, as-of date, language, navigation) and a hash router
// (#/signin, #/queue, #/household/{id}, #/person/{id}, #/case/{id}; issue 17: #/applications,
// #/application/{id}, #/intake?household=, #/board; issue 18: #/referrals, the department's
// inbox and the county's overdue list, and #/referral/{id}; issue 17 again: #/discoveries,
// #/discovery/{id}, #/reviews and #/review?subject=&program=&from=; issue 18 again:
// #/conferences, the county's case conferences, and #/conference/{id}; #/relief, the
// township's temporary relief intake and list, #/relief/{id}, a case, and #/fund/{code}, a
// township's standby-fund ledger, #/fund the county's townships; issue 19: #/integrity,
// the integrity findings of X1–X8 with their next steps, and #/dashboard?region=, the
// supervision figures; issue 16: #/password, #/otp, the
// holder's own account, and #/accounts, 账号管理). Each view renders into a fresh container,
// so the answer of a page the user has already left lands nowhere.
//
// A session that must change its one-time password, or enrol its second factor, reaches
// only that screen (the API refuses everything else to it as well). After 30 minutes without
// activity the session ends (js/idle.js).

import { asOf, session, setAsOf, whenUnauthorised } from "./api.js";
import { signOut } from "./data/signin.js";
import { h, replace } from "./dom.js";
import { watchIdle } from "./idle.js";
import { errorNote } from "./views/common.js";
import { label, lang, setLang, t } from "./i18n.js";
import * as account from "./views/account.js";
import * as accounts from "./views/accounts.js";
import * as application from "./views/application.js";
import * as applications from "./views/applications.js";
import * as board from "./views/board.js";
import * as cases from "./views/cases.js";
import * as conferences from "./views/conferences.js";
import * as dashboard from "./views/dashboard.js";
import * as discoveries from "./views/discoveries.js";
import * as discovery from "./views/discovery.js";
import * as fund from "./views/fund.js";
import * as household from "./views/household.js";
import * as intake from "./views/intake.js";
import * as integrity from "./views/integrity.js";
import * as person from "./views/person.js";
import * as queue from "./views/queue.js";
import * as referral from "./views/referral.js";
import * as referrals from "./views/referrals.js";
import * as relief from "./views/relief.js";
import * as review from "./views/review.js";
import * as reviews from "./views/reviews.js";
import * as signin from "./views/signin.js";

const ROUTES = {
  signin: signin.render,
  queue: queue.render,
  household: household.render,
  person: person.render,
  case: cases.render,
  applications: applications.render,
  application: application.render,
  intake: intake.render,
  board: board.render,
  referrals: referrals.render,
  referral: referral.render,
  discoveries: discoveries.render,
  discovery: discovery.render,
  reviews: reviews.render,
  review: review.render,
  conferences: conferences.render,
  conference: conferences.renderOne,
  integrity: integrity.render,
  password: account.renderPassword,
  otp: account.renderOtp,
  accounts: accounts.render,
  relief: relief.render,
  fund: fund.render,
  dashboard: dashboard.render,
};
// The screen a limited session is held to.
const LIMITED_TO = { password: "password", otp: "otp" };

/** The route of a hash: `#/household/H1?warning=W` -> {name, id, query}. */
export function parseHash(hash) {
  const [path, search = ""] = hash.replace(/^#\/?/, "").split("?");
  const [name = "", ...rest] = path.split("/");
  return {
    name,
    id: rest.length ? decodeURIComponent(rest.join("/")) : null,
    query: Object.fromEntries(new URLSearchParams(search)),
  };
}

export function navigate(hash) {
  if (window.location.hash === hash) render();
  else window.location.hash = hash;
}

function home() {
  if (session.isDepartment) return "#/referrals";
  return session.isOfficer ? "#/queue" : "#/case";
}

function header(route) {
  const top = document.getElementById("top");
  const claims = session.claims;
  const langButton = h(
    "button",
    {
      type: "button",
      class: "link",
      id: "lang-toggle",
      onclick: () => {
        setLang(lang() === "en" ? "zh" : "en");
        render();
      },
    },
    t("lang_toggle"),
  );
  if (!claims) {
    replace(
      top,
      h(
        "div",
        { class: "bar" },
        h("h1", {}, t("app_title")),
        h("div", { class: "tools" }, langButton),
      ),
    );
    return;
  }
  const link = (hash, text, name) =>
    h("a", { href: hash, class: route.name === name ? "active" : null }, text);
  const limited = Boolean(session.limit);
  const asOfInput = h("input", {
    type: "date",
    id: "as-of",
    value: asOf(),
    onchange: (event) => {
      setAsOf(event.target.value);
      render();
    },
  });
  const menu = session.hasAccount
    ? h(
        "details",
        { class: "menu", id: "account-menu" },
        h("summary", {}, t("account_menu")),
        h(
          "div",
          { class: "menu-items" },
          limited ? null : link("#/password", t("menu_password"), "password"),
          limited ? null : link("#/otp", t("menu_otp"), "otp"),
        ),
      )
    : null;
  replace(
    top,
    h(
      "div",
      { class: "bar" },
      h("h1", {}, h("a", { href: limited ? "#/" + session.limit : home() }, t("app_title"))),
      limited
        ? h("nav", {})
        : h(
            "nav",
            {},
            session.isOfficer ? link("#/queue", t("nav_queue"), "queue") : null,
            session.isOfficer ? link("#/discoveries", t("nav_discoveries"), "discoveries") : null,
            session.isOfficer
              ? link("#/applications", t("nav_applications"), "applications")
              : null,
            session.isOfficer ? link("#/reviews", t("nav_reviews"), "reviews") : null,
            session.isOfficer ? link("#/integrity", t("nav_integrity"), "integrity") : null,
            session.isOfficer ? link("#/board", t("nav_board"), "board") : null,
            session.isOfficer ? link("#/referrals", t("nav_referrals"), "referrals") : null,
            session.isOfficer ? link("#/conferences", t("nav_conferences"), "conferences") : null,
            session.canVerify ? link("#/relief", t("nav_relief"), "relief") : null,
            session.canVerify ? link("#/fund", t("nav_fund"), "fund") : null,
            session.isDepartment ? link("#/referrals", t("nav_inbox"), "referrals") : null,
            session.isOfficer ? link("#/dashboard", t("nav_dashboard"), "dashboard") : null,
            session.isDepartment ? null : link("#/case", t("nav_case"), "case"),
            session.isAdmin ? link("#/accounts", t("nav_accounts"), "accounts") : null,
          ),
      h(
        "div",
        { class: "tools" },
        limited ? null : h("label", {}, t("as_of"), " ", asOfInput),
        h(
          "span",
          { class: "who", id: "who" },
          `${claims.sub} · ${label("role", claims.role)} · ${claims.region}`,
        ),
        menu,
        langButton,
        h(
          "button",
          {
            type: "button",
            class: "link",
            id: "sign-out",
            onclick: async () => {
              await signOut();
              navigate("#/signin");
            },
          },
          t("sign_out"),
        ),
      ),
    ),
  );
}

export function render() {
  const route = parseHash(window.location.hash);
  if (!session.token && route.name !== "signin") {
    navigate("#/signin");
    return;
  }
  const held = session.token ? LIMITED_TO[session.limit] : null;
  if (held && route.name !== held && route.name !== "signin") {
    navigate(`#/${held}`);
    return;
  }
  if (!ROUTES[route.name]) {
    navigate(session.token ? home() : "#/signin");
    return;
  }
  document.documentElement.lang = lang() === "en" ? "en" : "zh-CN";
  document.title = t("app_title");
  header(route);
  const container = h("div", { class: `page page-${route.name}` });
  replace(document.getElementById("view"), container);
  // What the views may know of the session: they render, js/data/ fetches.
  const context = {
    asOf: asOf(),
    claims: session.claims,
    officer: session.isOfficer,
    verifier: session.canVerify,
    limit: session.limit,
    navigate,
    home: home(),
  };
  ROUTES[route.name](container, route, context).catch((error) => {
    if (container.isConnected) container.append(errorNote(error));
  });
}

whenUnauthorised(() => {
  session.signOut();
  sessionStorage.setItem("hhgraph.notice", "signin_again");
  navigate("#/signin");
});
watchIdle(
  () => Boolean(session.token),
  async () => {
    await signOut(); // the API revokes the session: its refresh token is dead too
    sessionStorage.setItem("hhgraph.notice", "signin_idle");
    navigate("#/signin");
  },
);
window.addEventListener("hashchange", render);
render();
