"""The discovery routes (CONTRACT §4; RULES P4, P12): the officer becomes the actor of
`discoveries`, its case becomes the response model."""

import json
from datetime import date
from functools import cache

from api.models.applications import StepPublic
from api.models.discoveries import (
    DiscoveryIn,
    DiscoveryPage,
    DiscoveryPublic,
    DiscoverySummary,
    OutcomeIn,
)
from api.security import Officer
from discoveries import (
    Actor,
    Case,
    Filters,
    Outcome,
    Report,
    file_discovery,
    get_discovery,
    list_discoveries,
    record_outcome,
)
from graph.db import Graph
from procedure.policy import ProcedurePolicy, load_policy

__all__ = ["discovery", "discovery_page", "file", "outcome"]


@cache
def policy() -> ProcedurePolicy:
    """The procedure settings, read once per process (a bad one fails the first call)."""
    return load_policy()


def actor(officer: Officer) -> Actor:
    return Actor(officer.sub, officer.role, officer.region_prefix, officer.person_id)


def public(case: Case) -> DiscoveryPublic:
    timeline = [
        StepPublic.model_validate({**s, "details": json.loads(s["data"])}) for s in case.steps
    ]
    return DiscoveryPublic.model_validate(dict(case.discovery) | {"timeline": timeline})


def file(graph: Graph, officer: Officer, body: DiscoveryIn) -> DiscoveryPublic:
    """File a discovery report (P4)."""
    report = Report(**body.model_dump())
    return public(file_discovery(graph, actor(officer), report, policy()))


def outcome(graph: Graph, officer: Officer, discovery_id: str, body: OutcomeIn) -> DiscoveryPublic:
    """Record the discovery's one outcome (P4)."""
    command = Outcome(**body.model_dump())
    return public(record_outcome(graph, actor(officer), discovery_id, command, policy()))


def discovery(graph: Graph, officer: Officer, discovery_id: str) -> DiscoveryPublic:
    """One discovery with its timeline (P12)."""
    return public(get_discovery(graph, officer.region_prefix, discovery_id))


def discovery_page(
    graph: Graph,
    region_prefix: str,
    status: str | None,
    overdue_on: date | None,
    cursor: str | None,
    limit: int,
) -> DiscoveryPage:
    """A page of discoveries below `region_prefix` (already checked against the caller's)."""
    cases = list_discoveries(graph, region_prefix, Filters(status, overdue_on), cursor, limit)
    items = [DiscoverySummary.model_validate(dict(c.discovery)) for c in cases]
    next_cursor = items[-1].discovery_id if len(items) == limit else None
    return DiscoveryPage(items=items, next_cursor=next_cursor)
