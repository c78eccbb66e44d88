"""How a person outside the caller's region appears (CONTRACT §3): id as its first 6 and
last 4 characters, name as its first character, nothing of their household.

`shown` is the one rule; every service asks it how to show a person (or an id in a reason,
`Explanation.with_ids`), whether the caller sees them in full or not.
"""

from typing import NamedTuple

from api import disclosed
from core import ids

__all__ = ["Shown", "shown"]


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
