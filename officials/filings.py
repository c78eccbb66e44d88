"""Which officials are related to a household's members (C3) and whether one acting official
must step aside (C5).

- `related_officials` (C3): at acceptance, at decision and at each review, every current
  member of the household on the day is checked against every official serving the case's
  township, its villages or its county (`officials.serving`); each hit names the official's
  service (role, region), the member, the C2 relation and its path, for the filing.
- `filing_records` (C3): the hits as the Filing records a case keeps (单独登记备案): the
  official, the member, the relation and its path, declared or `undeclared`, when and at
  which step the check found them. Applications (acceptance, decision) and reviews file
  these same records.
  `file_check` runs the check and gives the records in one call.
- `recused` (C5): is this one person, whoever acts, related to any current member on the day.
  The person need not serve the township: C5 binds whoever records a step.

Current members: every person whose membership of the household covers the day (both ends
included, as E1 reads memberships), whether E1 counts them or not: C3 says every member, and
the imprisoned, the missing and a member who died that day are members still. Relations are
`officials.relatives.relatives_of`'s (C2, in the `coi_scope` scope): dead relatives relate.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from core.terms import OfficialRole
from cypher import query
from graph.db import Graph
from officials.relatives import Relation, Relative, Scope, Step, relatives_of
from officials.serving import officials_serving

MEMBERS_ON = query("officials/members_on")


@dataclass(frozen=True, slots=True)
class Hit:
    """An official related (C2) to a current member of the household on the day: the
    official's service (`role` and `region_code`; None in a recusal check of someone serving
    none of the case's regions), the member, what the member is to the official, and one
    path that shows it (`persons` from the official to the member, one `steps` entry per edge).
    """

    official_id: str
    role: OfficialRole | None
    region_code: str | None
    member_id: str
    relation: Relation
    persons: tuple[str, ...]
    steps: tuple[Step, ...]


def members_on(graph: Graph, household_id: str, on: date) -> list[str]:
    """The person ids of the household's current members on `on` (C3), in id order; none for
    a household that does not exist."""
    rows = graph.read(MEMBERS_ON, {"household_id": household_id, "on": on})
    return [row["person_id"] for row in rows]


def related_officials(
    graph: Graph, household_id: str, township_code: str, on: date, scope: Scope = "wide"
) -> list[Hit]:
    """Every (serving official, member, relation) of C3 on `on`: the officials serving
    `township_code`, its villages or its county against the household's current members,
    over C2's relations in `scope`. An official serving two of those regions, or in two
    roles, gives a hit for each service. Ordered by official, role, region, member and
    relation. Raises ValueError when `township_code` is not a township's code (I2)."""
    serving = officials_serving(graph, township_code, on)
    members = members_on(graph, household_id, on)
    if not serving or not members:
        return []
    official_ids = sorted({s.person_id for s in serving})
    by_official: dict[str, list[Relative]] = defaultdict(list)
    for relative in relatives_of(graph, official_ids, members, on, scope):
        by_official[relative.official_id].append(relative)  # by member, relation
    services = sorted({(s.person_id, s.role, s.region_code) for s in serving})
    return [
        _hit(relative, role, region)
        for person_id, role, region in services
        for relative in by_official.get(person_id, [])
    ]


def filing_records(hits: list[Hit], declared: bool, on: date, at_step: str) -> list[dict[str, Any]]:
    """C3: one Filing record per hit, as a case keeps it: the official's service, the member,
    the relation and its path (official first), whether the family declared an official
    relative (`declared_official_relative`), `undeclared` where it did not, the day of the
    check and the step it ran at (`acceptance`, `decision`, `review`)."""
    return [
        {
            "official_id": hit.official_id,
            "role": hit.role,
            "region_code": hit.region_code,
            "member_id": hit.member_id,
            "relation": hit.relation,
            "relation_path": list(hit.persons),
            "declared": declared,
            "undeclared": not declared,
            "found_on": on,
            "at_step": at_step,
        }
        for hit in hits
    ]


def file_check(
    graph: Graph,
    household_id: str,
    township_code: str,
    on: date,
    declared: bool,
    at_step: str,
    scope: Scope = "wide",
) -> list[dict[str, Any]]:
    """C3 at one step of a case (acceptance, decision, review): `related_officials` on `on`
    as `filing_records`, for the case to file. None when nobody is related."""
    hits = related_officials(graph, household_id, township_code, on, scope)
    return filing_records(hits, declared, on, at_step)


def recused(
    graph: Graph, official_person_id: str, household_id: str, on: date, scope: Scope = "wide"
) -> Hit | None:
    """The first relation (by member, then relation) of `official_person_id` to a current
    member of the household on `on` (C5, over C2 in `scope`), or None when there is none and
    the person may act. The person need not serve anywhere: the hit's role and region are
    None."""
    members = members_on(graph, household_id, on)
    if not members:
        return None
    found = relatives_of(graph, [official_person_id], members, on, scope)
    return _hit(found[0], None, None) if found else None


def _hit(relative: Relative, role: OfficialRole | None, region_code: str | None) -> Hit:
    return Hit(
        official_id=relative.official_id,
        role=role,
        region_code=region_code,
        member_id=relative.member_id,
        relation=relative.relation,
        persons=relative.persons,
        steps=relative.steps,
    )
