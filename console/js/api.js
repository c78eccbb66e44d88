// The public API's transport, under the data layer (js/data/; views never import it, as
// eslint.config.js checks): calls with the signed-in user's bearer token (kept in
// sessionStorage: it goes when the tab closes), errors as application/problem+json (RFC 9457),
// paging; and the session and the as-of date that the shell (js/main.js) shows.

const TOKEN_KEY = "hhgraph.token";
const AS_OF_KEY = "hhgraph.asOf";
export const OFFICERS = ["province", "city", "county", "township"];
export const VERIFIERS = ["township", "county"];
export const PAGE_LIMIT = 500; // the API's cap on `limit`
export const MAX_PAGES = 20;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
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

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  get claims() {
    const token = this.token;
    return token ? decodeClaims(token) : null;
  },
  signIn(token) {
    sessionStorage.setItem(TOKEN_KEY, token.trim());
  },
  signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
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

/** One API call: JSON in, JSON out; an ApiError for every non-2xx answer. */
export async function api(path, { method = "GET", query = {}, body } = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  const headers = { Accept: "application/json, application/problem+json" };
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => null);
  if (response.status === 401 && session.token) onUnauthorised();
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** A binary answer (a notice PDF) as a Blob, with the same token and errors as `api`. */
export async function apiBlob(path) {
  const headers = { Accept: "application/pdf, application/problem+json" };
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  const response = await fetch(new URL(path, window.location.origin), { headers });
  if (response.status === 401 && session.token) onUnauthorised();
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
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
