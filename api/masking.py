"""How a person outside the caller's region appears (CONTRACT §3): id as its first 6 and
last 4 characters, name as its first character, nothing of their household."""

from api import disclosed
from core import ids

__all__ = ["mask_id", "mask_name", "masked"]


def mask_id(person_id: str) -> str:
    """`core.ids.mask_id`, noting for the audit entry that the answer shows this person
    (issue 14 item 8: the audit names every person whose data an answer carries, masked too)."""
    disclosed.person(person_id)
    return ids.mask_id(person_id)


def mask_name(name: str | None) -> str:
    """`张三丰` -> `张**`; an empty or missing name stays `*`."""
    if not name:
        return "*"
    return name[0] + "*" * (len(name) - 1)


def masked(person_id: str, name: str | None, in_region: bool) -> tuple[str, str | None]:
    """The id and name to show of a person, masked unless within the caller's region."""
    if in_region:
        return person_id, name
    return mask_id(person_id), mask_name(name)
