// The public API, called with the signed-in user's bearer token (kept in sessionStorage: it
// goes when the tab closes). Errors arrive as application/problem+json (RFC 9457).

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

/** Every item of a paged list (`{items, next_cursor}`), at most MAX_PAGES pages. */
export async function allPages(path, query = {}) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const body = await api(path, { query: { ...query, limit: PAGE_LIMIT, cursor } });
    items.push(...body.items);
    cursor = body.next_cursor;
    if (!cursor) return { items, truncated: false };
  }
  return { items, truncated: true };
}

/** A resident id as the API masks it outside the caller's region: first 6, last 4. */
export function maskId(personId) {
  return `${personId.slice(0, 6)}${"*".repeat(Math.max(personId.length - 10, 0))}${personId.slice(-4)}`;
}

/** The birth date a resident id carries (I1: characters 7–14), or null. */
export function birthDateOf(personId) {
  const match = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/.exec(personId ?? "");
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** Whole years from `born` to `on` (both YYYY-MM-DD), or null. */
export function ageOn(born, on) {
  if (!born || !on) return null;
  const [by, bm, bd] = born.split("-").map(Number);
  const [y, m, d] = on.split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
