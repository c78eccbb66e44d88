// The case explorer's data: the case graph one step around a node, and the kinship path
// between two persons. The explorer draws and grows the graph itself (js/views/cases.js).

import { api } from "../api.js";

export const MAX_DEPTH = 3; // the API's depth limit (CONTRACT §3)

/** The persons and households one step around a person or household (`{nodes, edges}`), each
 * with its status on the as-of date; persons outside the caller's region come masked. */
export function caseGraph(id, asOf) {
  return api(`/v1/cases/${encodeURIComponent(id)}/graph`, { query: { depth: 1, as_of: asOf } });
}

/** The shortest parent/spouse path between two persons of the caller's region
 * (`{persons, steps}`; both empty when they are not related). */
export function kinshipPath(a, b, asOf) {
  const path = `/v1/persons/${encodeURIComponent(a)}/kinship-path/${encodeURIComponent(b)}`;
  return api(path, { query: { as_of: asOf } });
}
