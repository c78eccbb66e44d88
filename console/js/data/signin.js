// The sign-in screen's data (CONTRACT §5, issue 16): signing in with a username, a password
// and, where the account needs it, the one-time code (动态口令); the refusals as the screen
// says them; signing out (the API revokes the session); and, in dev mode only, the server's
// quick token and a pasted token. The server checks every token; the claims read here decide
// only what the console offers.

import { api, decodeClaims, session } from "../api.js";
import { forget, touch } from "../idle.js";

/** Why a token cannot be used (a key of js/i18n.js), or null. */
export function tokenProblem(token) {
  const claims = decodeClaims(token);
  if (!claims || !claims.role || !claims.region) return "signin_bad_token";
  if (typeof claims.exp === "number" && claims.exp * 1000 <= Date.now()) return "signin_expired";
  if (claims.role === "batch") return "signin_batch";
  return null;
}

/** The screen to open next: what the session must do first, else its home. */
export function nextScreen() {
  if (session.limit === "password") return "#/password";
  if (session.limit === "otp") return "#/otp";
  if (session.isDepartment) return "#/referrals";
  return session.isOfficer ? "#/queue" : "#/case";
}

/** Keep a pasted or dev token for this tab (dev mode); the screen to open next. */
export function signIn(token) {
  forget();
  session.signIn(token);
  touch();
  return nextScreen();
}

/** Sign in with an account (POST /v1/auth/login); the screen to open next. */
export async function login(username, password, otp) {
  const pair = await api("/v1/auth/login", {
    method: "POST",
    anonymous: true,
    body: { username: username.trim(), password, otp: otp ? otp.trim() : null },
  });
  forget();
  session.open(pair);
  touch();
  return nextScreen();
}

/** "HH:MM" in Guangdong (UTC+8), `seconds` after `now` (ms). */
export function clockAfter(seconds, now = Date.now()) {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Shanghai",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(now + seconds * 1000));
}

/**
 * A refused sign-in as the screen says it: `{key, params, otp}` (`otp`: ask for the code), or
 * null for a problem the screen shows as it came. A wrong username and a wrong password read
 * the same, as the API answers them.
 */
export function loginProblem(error, otpSent, now = Date.now()) {
  const status = error?.status;
  if (status === 401 && error.problem?.otp_required) {
    return { key: otpSent ? "signin_otp_wrong" : "signin_otp_needed", params: {}, otp: true };
  }
  if (status === 401) return { key: "signin_wrong", params: {}, otp: otpSent };
  if (status === 423) {
    if (error.retryAfter === null || error.retryAfter === undefined) {
      return { key: "signin_locked", params: {}, otp: otpSent };
    }
    const until = clockAfter(error.retryAfter, now);
    return { key: "signin_locked_until", params: { until }, otp: otpSent };
  }
  if (status === 403) return { key: "signin_disabled", params: {}, otp: otpSent };
  if (status === 429) return { key: "signin_throttled", params: {}, otp: otpSent };
  return null;
}

/** Sign out: the API revokes an account's session (its tokens stop working), then the tab
 * forgets it. A session the server no longer knows is forgotten all the same. */
export async function signOut() {
  if (session.hasAccount) {
    await api("/v1/auth/logout", { method: "POST" }).catch(() => null);
  }
  session.signOut();
  forget();
}

/** `{dev_mode}`: whether the server offers the dev button. */
export function consoleConfig() {
  return api("/console/config.json", { anonymous: true });
}

/** A token for a chosen role and region, minted by a server in dev mode (POST /dev/token). */
export async function devToken(role, region, sub) {
  const minted = await api("/dev/token", { method: "POST", body: { role, region, sub } });
  return minted.token;
}
