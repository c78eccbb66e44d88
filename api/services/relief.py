"""The relief routes' service (CONTRACT §4; RULES R1–R4, R7). R1: whoever reads a case (the
filing township, or a level above it) sees the person it names; investigators and the
household's screened members outside the caller's region show masked (`api.masking.shown`).
"""

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from api.masking import shown
from api.models.relief import (
    ReliefAdvanceIn,
    ReliefDecisionIn,
    ReliefFollowOnIn,
    ReliefIn,
    ReliefPage,
    ReliefPaperworkIn,
    ReliefPublic,
    ReliefSummary,
)
from api.security import Officer
from applications.records import Actor
from cypher import query
from graph.db import Graph
from procedure.policy import ProcedurePolicy
from relief import (
    Advance,
    Command,
    Decision,
    Filing,
    Filters,
    FollowOn,
    Paperwork,
    Relief,
    file_relief,
    get_relief,
    list_relief,
    record_step,
)

VISIBLE = query("persons/visible")
FIELDS = tuple(ReliefPublic.model_fields)

__all__ = ["command", "create", "public", "read", "search", "step"]


def _actor(officer: Officer) -> Actor:
    return Actor(officer.sub, officer.role, officer.region_prefix, officer.person_id)


def _yuan(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(repr(value))


def create(graph: Graph, officer: Officer, body: ReliefIn, policy: ProcedurePolicy) -> ReliefPublic:
    """File a case (R1, R2, R4)."""
    values = body.model_dump()
    values["requested_amount"] = Decimal(repr(body.requested_amount))
    found = file_relief(graph, _actor(officer), Filing(**values), policy)
    return public(graph, officer, found)


StepIn = ReliefAdvanceIn | ReliefPaperworkIn | ReliefDecisionIn | ReliefFollowOnIn


def command(body: StepIn) -> Command:
    """The service's command of a step body."""
    if isinstance(body, ReliefAdvanceIn):
        return Advance(body.paid_on, Decimal(repr(body.amount)))
    if isinstance(body, ReliefPaperworkIn):
        return Paperwork(body.on, tuple(body.investigators), body.findings)
    if isinstance(body, ReliefDecisionIn):
        return Decision(
            body.decided_on, body.grant, _yuan(body.amount), body.instalments, body.reason
        )
    return FollowOn(body.on, body.kind, body.ref_id, body.reason)


def step(
    graph: Graph,
    officer: Officer,
    relief_id: str,
    body: StepIn,
    policy: ProcedurePolicy,
) -> ReliefPublic:
    """One step of the case (R2–R4, R7)."""
    found = record_step(graph, _actor(officer), relief_id, command(body), policy)
    return public(graph, officer, found)


def read(graph: Graph, officer: Officer, relief_id: str) -> ReliefPublic:
    return public(graph, officer, get_relief(graph, officer.region_prefix, relief_id))


def search(
    graph: Graph,
    officer: Officer,
    region_prefix: str,
    filters: Filters,
    cursor: str | None,
    limit: int,
) -> ReliefPage:
    """A page of the region's cases; each shows the person it names (R1)."""
    rows = list_relief(graph, region_prefix, filters, cursor, limit)
    items = [ReliefSummary.model_validate(_shape(row)) for row in rows]
    next_cursor = items[-1].relief_id if len(items) == limit else None
    return ReliefPage(items=items, next_cursor=next_cursor)


def _shape(row: Mapping[str, Any]) -> dict[str, Any]:
    """Every field present (null properties are absent in Neo4j)."""
    return {name: None for name in FIELDS} | dict(row)


def _masked(ids: list[str], visible: set[str]) -> list[str]:
    return [shown(pid, pid in visible).id for pid in ids]


def _details(step: Mapping[str, Any], visible: set[str]) -> dict[str, Any]:
    """A step's data with persons outside the caller's region masked (CONTRACT §3, R1)."""
    details: dict[str, Any] = json.loads(step["data"])
    if "investigators" in details:
        details["investigators"] = _masked(details["investigators"], visible)
    screening = details.get("screening")
    if isinstance(screening, dict):
        for key in ("single_person_dibao", "tekun"):
            if key in screening:
                screening[key] = _masked(screening[key], visible)
    return details


def _persons(found: Relief) -> list[str]:
    ids: set[str] = set()
    for step in found.steps:
        details = json.loads(step["data"])
        ids |= set(details.get("investigators", []))
        screening = details.get("screening") or {}
        ids |= set(screening.get("single_person_dibao", [])) | set(screening.get("tekun", []))
    return sorted(ids)


def public(graph: Graph, officer: Officer, found: Relief) -> ReliefPublic:
    """The response model of a case with its timeline; the subject person in full (R1)."""
    ids = _persons(found)
    visible = (
        set(graph.value(VISIBLE, {"person_ids": ids, "region_prefix": officer.region_prefix}))
        if ids
        else set()
    )
    subject = found.relief.get("person_id")
    name = None if subject is None else shown(subject, True, found.name).name
    timeline = [{**s, "details": _details(s, visible)} for s in found.steps]
    shaped = _shape(found.relief) | {"name": name, "timeline": timeline}
    return ReliefPublic.model_validate(shaped)
