"""Service functions of the investigators' and the console's read routes: case graphs,
kinship paths, a person's events and the regions under a region."""

import base64
import binascii
import json
from datetime import date
from typing import Any

from api.case_models import (
    CaseEdge,
    CaseGraphPublic,
    CaseNode,
    HouseholdStatus,
    KinshipPathPublic,
    KinshipStep,
    PathPerson,
    PersonStatus,
    RegionChildrenPublic,
    RegionPublic,
)
from api.masking import mask_id, masked
from api.person_models import PersonEventPage, PersonEventPublic
from api.security import Officer
from api.services import native
from core.errors import InvalidCursor
from graph.db import Graph

NOT_A_CURSOR = "cursor: not a cursor of this list"


def case_graph(
    graph: Graph, officer: Officer, subject_id: str, depth: int, as_of: date
) -> CaseGraphPublic | None:
    """The case graph around a person or household in the caller's region, or None. Each node
    carries its status on `as_of` (death, disability, legal status, enrolments; a household's
    open warning level, W3/W6), except a person outside the region, who is masked with none.

    Complexity: bounded by the persons and households within `depth` (1–3) steps.
    """
    rows = graph.read(
        "cases/case_graph",
        {"id": subject_id, "depth": depth, "as_of": as_of, "region_prefix": officer.region_prefix},
    )
    if not rows:
        return None
    shown: dict[str, str] = {}
    nodes: list[CaseNode] = []
    for n in rows[0]["nodes"]:
        if n["kind"] == "person":
            shown[n["id"]], label = masked(n["id"], n["label"], n["in_region"])
        else:
            shown[n["id"]], label = n["id"], n["label"]
        nodes.append(
            CaseNode(
                id=shown[n["id"]],
                kind=n["kind"],
                label=label,
                masked=not n["in_region"],
                status=_status(n["kind"], n["status"]) if n["in_region"] else None,
            )
        )
    edges = [
        CaseEdge(source=shown[e["source"]], target=shown[e["target"]], kind=e["kind"])
        for e in rows[0]["edges"]
    ]
    return CaseGraphPublic(
        nodes=sorted(nodes, key=lambda n: (n.kind, n.id)),
        edges=sorted(edges, key=lambda e: (e.source, e.target, e.kind)),
    )


def _status(kind: str, status: dict[str, Any]) -> PersonStatus | HouseholdStatus:
    """The status map of an in-region node (see cypher/cases/case_graph.cypher) as a model."""
    if kind == "person":
        return PersonStatus(**native(status))
    return HouseholdStatus(**status)


def kinship_path(
    graph: Graph, officer: Officer, a: str, b: str, as_of: date
) -> KinshipPathPublic | None:
    """The shortest kinship path from `a` to `b`, both in the caller's region, or None."""
    rows = graph.read(
        "cases/kinship_path",
        {"a": a, "b": b, "as_of": as_of, "region_prefix": officer.region_prefix},
    )
    if not rows:
        return None
    row: dict[str, Any] = rows[0]
    outside = {p["id"] for p in row["persons"] if not p["in_region"]}
    persons = []
    for p in row["persons"]:
        shown, label = masked(p["id"], p["label"], p["in_region"])
        persons.append(PathPerson(id=shown, label=label, masked=not p["in_region"]))

    def show(person_id: str) -> str:
        return mask_id(person_id) if person_id in outside else person_id

    steps = [
        KinshipStep(from_=show(s["from"]), to=show(s["to"]), kind=s["kind"]) for s in row["steps"]
    ]
    return KinshipPathPublic(persons=persons, steps=steps)


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
) -> PersonEventPage | None:
    """The department events about a person in the caller's region (RULES §4), newest first,
    up to `as_of`; None if there is no such person (or they live outside the region, decided
    as for supporters). Raises `InvalidCursor` for a cursor this list did not hand out.

    Complexity: the person's events (ABOUT edges), sorted: O(e log e).
    """
    after = decode_event_cursor(cursor) if cursor else None
    rows = graph.read(
        "persons/events",
        {
            "person_id": person_id,
            "as_of": as_of,
            "region_prefix": officer.region_prefix,
            "limit": limit,
            "after": after,
        },
    )
    if not rows:
        return None
    items = [PersonEventPublic(**native(e)) for e in rows[0]["events"]]
    next_cursor = encode_event_cursor(items[-1]) if len(items) == limit else None
    return PersonEventPage(person_id=person_id, as_of=as_of, items=items, next_cursor=next_cursor)


def region_children(
    graph: Graph, officer: Officer, parent: str, limit: int, cursor: str | None
) -> RegionChildrenPublic | None:
    """A region within the caller's region and a page of the regions directly under it, by
    code (I2); None if there is no such region in the caller's region.

    Complexity: the parent's children (IN edges), sorted: O(c log c).
    """
    rows = graph.read(
        "regions/children",
        {
            "parent": parent,
            "region_prefix": officer.region_prefix,
            "after": cursor or "",
            "limit": limit,
        },
    )
    if not rows:
        return None
    items = [RegionPublic(**c) for c in rows[0]["children"]]
    next_cursor = items[-1].code if len(items) == limit else None
    return RegionChildrenPublic(
        parent=RegionPublic(**rows[0]["parent"]), items=items, next_cursor=next_cursor
    )
