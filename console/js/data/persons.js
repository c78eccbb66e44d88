// The person screen's data: the destitute check (T1), the legal supporters (T4–T7), the
// department events about the person (every page), and from the case graph at depth 1 the
// person's name and households; the birth date and age from the resident id (I1).

import { allPages, api } from "../api.js";
import { ageOn, birthDateOf, parts, quiet, shaped } from "./common.js";

const base = (id) => `/v1/persons/${encodeURIComponent(id)}`;

/**
 * Everything the person screen shows. The destitute check decides whether the person exists
 * for this caller (404 outside the region: the promise fails); `supporters` and `events`
 * may fail alone; without the case graph the name and households are missing.
 */
export async function personScreen(id, { asOf }) {
  const pending = [
    quiet(api(`/v1/cases/${encodeURIComponent(id)}/graph`, { query: { depth: 1, as_of: asOf } })),
    quiet(api(`${base(id)}/supporters`, { query: { as_of: asOf } })),
    quiet(allPages(`${base(id)}/events`, { as_of: asOf })),
  ];
  const check = await api(`${base(id)}/destitute-check`, { query: { as_of: asOf } });
  const [graph, supporters, events] = await parts(pending);
  const self = graph.value?.nodes.find((n) => n.id === id);
  const households = (graph.value?.edges ?? [])
    .filter((e) => e.kind === "member_of" && e.source === id)
    .map((e) => e.target);
  const born = birthDateOf(id);
  return {
    id,
    name: self?.label ?? null,
    born,
    age: ageOn(born, asOf),
    households,
    check,
    supporters,
    events: shaped(events, ({ items, truncated }) => ({ items, truncated })),
  };
}
