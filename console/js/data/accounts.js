// The accounts screen's data (账号管理, CONTRACT §5, issue 16): the accounts of the caller's
// region, and creating, disabling and resetting one. Province officers manage any account,
// city officers those of their city; the server refuses a role above the caller's (403) and a
// region outside it (404). The console offers only the roles the caller may grant (the rank
// below), and regions from GET /v1/regions, which lists nothing outside the caller's region.

import { allPages, api } from "../api.js";

export const ROLES = ["province", "city", "county", "township", "investigator", "department"];
// The API's rank (docs/security.md): province > city > county > township = investigator =
// department. Only what the form offers; the server decides.
const RANK = { province: 3, city: 2, county: 1, township: 0, investigator: 0, department: 0 };

/** The roles an officer of `role` may give an account. */
export function grantableRoles(role) {
  const own = RANK[role] ?? -1;
  return ROLES.filter((r) => RANK[r] <= own);
}

/** The accounts of the caller's region, by username: `{items, truncated}`. */
export function accountList() {
  return allPages("/v1/accounts");
}

/** A new account with its one-time password (shown once). */
export function createAccount({ username, role, region, personId, department }) {
  return api("/v1/accounts", {
    method: "POST",
    body: {
      username: username.trim(),
      role,
      region,
      person_id: personId ? personId.trim() : null,
      department: role === "department" ? department : null,
    },
  });
}

export function disableAccount(username) {
  return api(`/v1/accounts/${encodeURIComponent(username)}/disable`, { method: "POST" });
}

/** A new one-time password for the account (shown once); its sessions end. */
export function resetAccount(username) {
  return api(`/v1/accounts/${encodeURIComponent(username)}/reset`, { method: "POST" });
}

/** What a refused administration says: a key of the account labels, or null (as it came). */
export function adminProblem(error) {
  return (
    {
      403: "problem_admin_forbidden",
      404: "problem_admin_outside",
      409: "problem_admin_conflict",
      422: "problem_admin_invalid",
    }[error?.status] ?? null
  );
}
