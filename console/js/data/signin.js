// The sign-in screen's data: the server's console settings, a dev-mode token, and the
// session a token opens. The server checks every token; the claims read here decide only
// what the console offers.

import { api, decodeClaims, session } from "../api.js";

/** Why a token cannot be used (a key of js/i18n.js), or null. */
export function tokenProblem(token) {
  const claims = decodeClaims(token);
  if (!claims || !claims.role || !claims.region) return "signin_bad_token";
  if (typeof claims.exp === "number" && claims.exp * 1000 <= Date.now()) return "signin_expired";
  if (claims.role === "batch") return "signin_batch";
  return null;
}

/** Keep the token for this tab; the screen to open next. */
export function signIn(token) {
  session.signIn(token);
  if (session.isDepartment) return "#/referrals";
  return session.isOfficer ? "#/queue" : "#/case";
}

/** `{dev_mode}`: whether the server offers the dev button. */
export function consoleConfig() {
  return api("/console/config.json");
}

/** A token for a chosen role and region, minted by a server in dev mode (POST /dev/token). */
export async function devToken(role, region, sub) {
  const minted = await api("/dev/token", { method: "POST", body: { role, region, sub } });
  return minted.token;
}
