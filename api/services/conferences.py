"""The conference routes' service (CONTRACT §4; RULES R6): the county convenes, amends and
signs; officers read. A person outside the caller's region shows masked (CONTRACT §3)."""

import json
from datetime import date

from api.masking import shaped_rows
from api.models.conferences import (
    ConferenceIn,
    ConferencePage,
    ConferencePublic,
    ConferenceSummary,
)
from api.security import Officer
from applications.records import Actor
from conferences import Conference, Task, amend, convene, get_conference, list_conferences, sign
from conferences import ConferenceIn as Convening
from conferences.plan import tasks_of
from graph.db import Graph
from procedure.policy import ProcedurePolicy

FIELDS = tuple(ConferencePublic.model_fields)

__all__ = ["create", "read", "replace", "search", "signature"]


def _actor(officer: Officer) -> Actor:
    return Actor(officer.sub, officer.role, officer.region_prefix, officer.person_id)


def _command(body: ConferenceIn) -> Convening:
    values = body.model_dump()
    tasks = tuple(Task(**t) for t in values.pop("tasks"))
    return Convening(**(values | {"departments": tuple(values["departments"]), "tasks": tasks}))


def create(graph: Graph, officer: Officer, body: ConferenceIn) -> ConferencePublic:
    """Convene a draft conference of the caller's county (R6)."""
    return public(graph, officer, convene(graph, _actor(officer), _command(body)))


def replace(
    graph: Graph, officer: Officer, conference_id: str, body: ConferenceIn, on: date
) -> ConferencePublic:
    """Amend a draft (R6); 409 once signed."""
    found = amend(graph, _actor(officer), conference_id, _command(body), on)
    return public(graph, officer, found)


def signature(
    graph: Graph, officer: Officer, conference_id: str, signed_on: date, policy: ProcedurePolicy
) -> ConferencePublic:
    """Sign (R6): read-only, each task sent as a referral (P11)."""
    found = sign(graph, _actor(officer), conference_id, signed_on, policy)
    return public(graph, officer, found)


def read(graph: Graph, officer: Officer, conference_id: str) -> ConferencePublic:
    return public(graph, officer, get_conference(graph, officer.region_prefix, conference_id))


def search(
    graph: Graph,
    officer: Officer,
    region_prefix: str,
    status: str | None,
    cursor: str | None,
    limit: int,
) -> ConferencePage:
    rows = list_conferences(graph, region_prefix, status, cursor, limit)
    shaped = shaped_rows(graph, officer.region_prefix, rows, FIELDS)
    items = [ConferenceSummary.model_validate(row) for row in shaped]
    next_cursor = items[-1].conference_id if len(items) == limit else None
    return ConferencePage(items=items, next_cursor=next_cursor)


def public(graph: Graph, officer: Officer, found: Conference) -> ConferencePublic:
    """The response model of a conference with its tasks and timeline."""
    timeline = [{**step, "details": json.loads(step["data"])} for step in found.steps]
    tasks = [
        {"department": t.department, "need": t.need, "consent_on": t.consent_on}
        for t in tasks_of(found.conference)
    ]
    (shaped,) = shaped_rows(graph, officer.region_prefix, [found.conference], FIELDS)
    extra = {
        "tasks": tasks,
        "referral_ids": list(found.conference.get("referral_ids") or []),
        "timeline": timeline,
    }
    return ConferencePublic.model_validate(shaped | extra)
