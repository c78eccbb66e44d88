// The public API's transport, under the data layer (js/data/; views never import it, as
// eslint.config.js checks): calls with the signed-in user's bearer token (kept in
// sessionStorage: it goes when the tab closes), errors as application/problem+json (RFC 9457),
// paging; and the session and the as-of date that the shell (js/main.js) shows.
//
// A session opened by signing in (CONTRACT §5, issue 16) holds an access token of 15 minutes
// and the refresh token of its session: before a call whose access token ends within a
// minute, and once after a 401, the transport swaps the refresh token for a new pair, one
// refresh at a time (every call waiting meanwhile waits for the same one: the server takes
// a refresh token once, and a second use would revoke the session). A refused refresh (the
// session revoked, ended or reused) signs the officer out (`whenUnauthorised`).

const TOKEN_KEY = "hhgraph.token";
const REFRESH_KEY = "hhgraph.refresh";
const EXPIRES_KEY = "hhgraph.expires"; // when the access token ends, in the browser's ms
const LIMIT_KEY = "hhgraph.limit"; // "password" or "otp": what the session must do first
const AS_OF_KEY = "hhgraph.asOf";
export const OFFICERS = ["province", "city", "county", "township"];
export const VERIFIERS = ["township", "county"];
export const ADMINS = ["province", "city"]; // who manage accounts (CONTRACT §5)
export const PAGE_LIMIT = 500; // the API's cap on `limit`
export const MAX_PAGES = 20;
export const REFRESH_AHEAD_MS = 60_000;

export class ApiError extends Error {
  constructor(status, problem, retryAfter = null) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter; // seconds, from Retry-After (a locked account's 423)
  }
}

async function errorOf(response) {
  const seconds = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  const problem = await response.json().catch(() => null);
  return new ApiError(response.status, problem, Number.isFinite(seconds) ? seconds : null);
}

/** The claims of a token, decoded for display and routing only: the server checks it. */
export function decodeClaims(token) {
  const parts = String(token).trim().split(".");
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === "object" && claims !== null ? claims : null;
  } catch {
    return null;
  }
}

/** What a token pair (POST /v1/auth/login, /refresh, /v1/accounts/me/password) asks first. */
function limitOf(pair) {
  if (pair.must_change_password) return "password";
  return pair.must_enrol_otp ? "otp" : "";
}

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  get claims() {
    const token = this.token;
    return token ? decodeClaims(token) : null;
  },
  get refreshToken() {
    return sessionStorage.getItem(REFRESH_KEY);
  },
  /** Whether an account signed in (a pasted or dev token has no account to act on). */
  get hasAccount() {
    return Boolean(this.refreshToken);
  },
  get expiresAt() {
    return Number(sessionStorage.getItem(EXPIRES_KEY) || 0);
  },
  /** "password" (a one-time password to change) or "otp" (a factor to enrol), or null. */
  get limit() {
    return sessionStorage.getItem(LIMIT_KEY) || null;
  },
  /** A token pasted or minted in dev mode: no refresh, no account. */
  signIn(token) {
    this.signOut();
    sessionStorage.setItem(TOKEN_KEY, token.trim());
  },
  /** The pair of a sign-in, a refresh or a password change. */
  open(pair) {
    sessionStorage.setItem(TOKEN_KEY, pair.access_token);
    sessionStorage.setItem(REFRESH_KEY, pair.refresh_token);
    sessionStorage.setItem(EXPIRES_KEY, String(Date.now() + pair.expires_in * 1000));
    sessionStorage.setItem(LIMIT_KEY, limitOf(pair));
  },
  /** The pending factor is active: the session is a full one. */
  lift(limit) {
    if (this.limit === limit) sessionStorage.setItem(LIMIT_KEY, "");
  },
  signOut() {
    for (const key of [TOKEN_KEY, REFRESH_KEY, EXPIRES_KEY, LIMIT_KEY]) {
      sessionStorage.removeItem(key);
    }
  },
  get isOfficer() {
    return OFFICERS.includes(this.claims?.role);
  },
  /** A department's officer (P11): its inbox is all the console offers it. */
  get isDepartment() {
    return this.claims?.role === "department";
  },
  get canVerify() {
    return VERIFIERS.includes(this.claims?.role);
  },
  get isAdmin() {
    return ADMINS.includes(this.claims?.role);
  },
};

/** Today in Guangdong (UTC+8), whatever the browser's time zone. */
export function todayInChina() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
}

/** The as-of date of every query: today unless the user picked another. */
export function asOf() {
  return sessionStorage.getItem(AS_OF_KEY) || todayInChina();
}

export function setAsOf(value) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) sessionStorage.setItem(AS_OF_KEY, value);
  else sessionStorage.removeItem(AS_OF_KEY);
}

/** Called when the server answers 401: the token is gone or was never good. */
let onUnauthorised = () => {};
export function whenUnauthorised(handler) {
  onUnauthorised = handler;
}

let refreshing = null;

async function swap(refreshToken) {
  const response = await fetch(new URL("/v1/auth/refresh", window.location.origin), {
    method: "POST",
    headers: {
      Accept: "application/json, application/problem+json",
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ refresh_token: refreshToken }),
  });
  if (!response.ok) throw await errorOf(response);
  return response.json();
}

/**
 * A new token pair for the session, one refresh at a time: a caller that comes while one is
 * under way gets the same promise. A refusal (401, 403: revoked, ended, reused) signs out; a
 * server that does not answer (503) leaves the session as it is.
 */
export function refreshSession() {
  if (refreshing) return refreshing;
  const refreshToken = session.refreshToken;
  if (!refreshToken) return Promise.reject(new ApiError(401, null));
  refreshing = swap(refreshToken)
    .then((pair) => {
      if (session.refreshToken === refreshToken) session.open(pair);
      return pair;
    })
    .catch((error) => {
      if ((error.status === 401 || error.status === 403) && session.refreshToken === refreshToken) {
        onUnauthorised();
      }
      throw error;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** The headers of a call, after a refresh when the access token ends within a minute. */
async function headersFor(accept, anonymous) {
  if (!anonymous && session.hasAccount && session.expiresAt - Date.now() < REFRESH_AHEAD_MS) {
    await refreshSession();
  }
  const headers = { Accept: accept };
  if (!anonymous && session.token) headers.Authorization = `Bearer ${session.token}`;
  return headers;
}

/**
 * One call with the session's token: after a 401 of an account's session, one refresh and
 * the call again; a 401 of a token that cannot be refreshed signs out. `anonymous` calls
 * (signing in) send no token and leave the session alone.
 */
async function call(send, accept, anonymous) {
  const first = await send(await headersFor(accept, anonymous));
  if (first.status !== 401 || anonymous || !session.token) return first;
  if (!session.hasAccount) {
    onUnauthorised();
    return first;
  }
  await refreshSession(); // signs out itself when refused
  const again = await send(await headersFor(accept, anonymous));
  if (again.status === 401) onUnauthorised();
  return again;
}

/** One API call: JSON in, JSON out; an ApiError for every non-2xx answer. */
export async function api(path, { method = "GET", query = {}, body, anonymous = false } = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  const response = await call(
    (headers) =>
      fetch(url, {
        method,
        headers: body === undefined ? headers : { ...headers, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    "application/json, application/problem+json",
    anonymous,
  );
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return null;
  return response.json().catch(() => null);
}

/** A binary answer (a notice PDF) as a Blob, with the same token and errors as `api`. */
export async function apiBlob(path) {
  const url = new URL(path, window.location.origin);
  const response = await call(
    (headers) => fetch(url, { headers }),
    "application/pdf, application/problem+json",
    false,
  );
  if (!response.ok) throw await errorOf(response);
  return response.blob();
}

/**
 * Every item of a paged list (`{items, next_cursor}`), at most MAX_PAGES pages, with the
 * other members of the last page (e.g. the `parent` of GET /v1/regions).
 */
export async function allPages(path, query = {}) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const body = await api(path, { query: { ...query, limit: PAGE_LIMIT, cursor } });
    items.push(...body.items);
    cursor = body.next_cursor;
    if (!cursor) return { ...body, items, truncated: false };
  }
  return { items, truncated: true };
}
