"""How a person outside the caller's region appears (CONTRACT §3): id as its first 6 and
last 4 characters, name as its first character, nothing of their household.

`shown` is the one rule; every service asks it how to show a person (or an id in a reason,
`Explanation.with_ids`), whether the caller sees them in full or not.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from api import disclosed
from core import ids
from cypher import query
from graph.db import Graph

__all__ = ["Shown", "shaped_rows", "shown"]

VISIBLE = query("persons/visible")


class Shown(NamedTuple):
    """A person as an answer shows them."""

    id: str
    name: str | None
    masked: bool


def _mask_name(name: str | None) -> str:
    """`张三丰` -> `张**`; an empty or missing name stays `*`."""
    if not name:
        return "*"
    return name[0] + "*" * (len(name) - 1)


def shown(person_id: str, visible: bool, name: str | None = None) -> Shown:
    """The id and name to show of a person: as they are if `visible` to the caller (within
    their region), else masked (`core.ids.mask_id`, the name's first character). A masked
    person is noted for the audit entry (issue 14 item 8: the audit names every person
    whose data an answer carries, masked too)."""
    if visible:
        return Shown(person_id, name, masked=False)
    disclosed.person(person_id)
    return Shown(ids.mask_id(person_id), _mask_name(name), masked=True)


def shaped_rows(
    graph: Graph, region_prefix: str, rows: Sequence[Mapping[str, Any]], fields: Iterable[str]
) -> list[dict[str, Any]]:
    """Rows of a workflow resource (a referral, a conference) with every field of `fields`
    present and the `person_id` they name shown as `shown` says: masked when the person lives
    outside the caller's region (CONTRACT §3). One query for all the rows."""
    ids_named = sorted({row["person_id"] for row in rows if row.get("person_id")})
    visible: set[str] = set()
    if ids_named:
        params = {"person_ids": ids_named, "region_prefix": region_prefix}
        visible = set(graph.value(VISIBLE, params))
    names = tuple(fields)
    shaped = []
    for row in rows:
        one = {name: None for name in names} | dict(row)
        person = one.get("person_id")
        if person:
            one["person_id"] = shown(person, person in visible).id
        shaped.append(one)
    return shaped
