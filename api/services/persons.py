"""The person routes: legal supporters and the destitute check (RULES §3, T1–T7), and the
person's own department events (RULES §4), for officers and investigators (CONTRACT §3)."""

import base64
import binascii
import json
from dataclasses import replace
from datetime import date
from typing import Any

from api.masking import shown
from api.models.persons import (
    DestituteCheckPublic,
    PersonEventPage,
    PersonEventPublic,
    SupporterPublic,
)
from api.security import Officer
from core.errors import InvalidCursor, NotFound
from cypher import query
from graph.db import Graph
from scoring.support import DestituteCheck, Supporter, destitute_check

__all__ = [
    "NOT_A_CURSOR",
    "decode_event_cursor",
    "destitute",
    "encode_event_cursor",
    "person_events",
    "supporters",
]

EVENTS = query("persons/events")

NOT_A_CURSOR = "cursor: not a cursor of this list"


def _absent(person_id: str) -> NotFound:
    """The one refusal of a person the caller may not see, absent or elsewhere."""
    return NotFound(f"no person {person_id}")


def _as_shown(supporter: Supporter) -> Supporter:
    """A supporter as the caller may see them: outside the region, with a masked id and name
    and no household (CONTRACT §3); their reasons are already in fixed words (T6)."""
    facts = supporter.facts
    person = shown(facts.person_id, facts.visible, facts.name)
    if not person.masked:
        return supporter
    name = person.name or ""
    hidden = replace(facts, person_id=person.id, name=name, household_id=None)
    return replace(supporter, facts=hidden)


def _check(graph: Graph, officer: Officer, person_id: str, as_of: date) -> DestituteCheck:
    """The check of a person in the caller's region, its supporters as the caller may see
    them; `NotFound` as if absent otherwise."""
    found = destitute_check(graph, officer.region_prefix, person_id, as_of)
    if found is None:
        raise _absent(person_id)
    return replace(found, supporters=tuple(map(_as_shown, found.supporters)))


def supporters(
    graph: Graph, officer: Officer, person_id: str, as_of: date
) -> list[SupporterPublic]:
    """The legal supporters of a person in the caller's region on `as_of` (T4–T7), those
    outside the region masked."""
    check = _check(graph, officer, person_id, as_of)
    return [SupporterPublic.model_validate(s, from_attributes=True) for s in check.supporters]


def destitute(graph: Graph, officer: Officer, person_id: str, as_of: date) -> DestituteCheckPublic:
    """The destitute check (T1) of a person in the caller's region on `as_of`."""
    check = _check(graph, officer, person_id, as_of)
    return DestituteCheckPublic.model_validate(check, from_attributes=True)


def encode_event_cursor(event: PersonEventPublic) -> str:
    """The opaque cursor after `event`: its keyset position (occurred_on, source, event_id)
    as URL-safe base64 of a JSON array."""
    position = [event.occurred_on.isoformat(), event.source, event.event_id]
    text = json.dumps(position, ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii")


def decode_event_cursor(cursor: str) -> dict[str, Any]:
    """The keyset position a cursor of `encode_event_cursor` holds; `InvalidCursor` for
    anything else (a cursor is never query text: it becomes three typed parameters)."""
    try:
        raw = base64.b64decode(cursor.encode("ascii"), altchars=b"-_", validate=True)
        position = json.loads(raw.decode("utf-8"))
    except (UnicodeError, binascii.Error, json.JSONDecodeError) as exc:
        raise InvalidCursor(NOT_A_CURSOR) from exc
    if not (
        isinstance(position, list)
        and len(position) == 3
        and all(isinstance(part, str) for part in position)
    ):
        raise InvalidCursor(NOT_A_CURSOR)
    occurred_on, source, event_id = position
    try:
        day = date.fromisoformat(occurred_on)
    except ValueError as exc:
        raise InvalidCursor(f"cursor: {exc}") from exc
    return {"occurred_on": day, "source": source, "event_id": event_id}


def person_events(
    graph: Graph,
    officer: Officer,
    person_id: str,
    as_of: date,
    limit: int,
    cursor: str | None,
) -> PersonEventPage:
    """The department events about a person in the caller's region (RULES §4), newest first,
    up to `as_of`; `NotFound` if there is no such person (or they live outside the region,
    decided as for supporters), `InvalidCursor` for a cursor this list did not hand out.

    Complexity: the person's events (ABOUT edges), sorted: O(e log e).
    """
    after = decode_event_cursor(cursor) if cursor else None
    rows = graph.read(
        EVENTS,
        {
            "person_id": person_id,
            "as_of": as_of,
            "region_prefix": officer.region_prefix,
            "limit": limit,
            "after": after,
        },
    )
    if not rows:
        raise _absent(person_id)
    items = [PersonEventPublic(**e) for e in rows[0]["events"]]
    next_cursor = encode_event_cursor(items[-1]) if len(items) == limit else None
    return PersonEventPage(person_id=person_id, as_of=as_of, items=items, next_cursor=next_cursor)
