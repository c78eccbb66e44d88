"""The service functions the routes call: one per route, no HTTP in them."""

from datetime import date
from typing import Any

from neo4j.exceptions import DriverError, Neo4jError

from api.masking import mask_id, masked
from api.models import (
    ChangePublic,
    ContributionPublic,
    EnrollmentPublic,
    HealthPublic,
    HouseholdPublic,
    MemberPublic,
    Neo4jPublic,
    ScorePublic,
)
from api.security import Officer
from core.dates import today_in_china
from core.errors import ServiceUnavailable
from graph.db import Graph
from scoring.ruleset import default_ruleset
from scoring.score import household_score


def health(graph: Graph) -> HealthPublic:
    """Ask the server itself for its version and edition; `ServiceUnavailable` if it is down."""
    try:
        rows = graph.read("health/server_components")
    except (DriverError, Neo4jError) as exc:
        raise ServiceUnavailable(f"Neo4j does not answer: {type(exc).__name__}") from exc
    row = rows[0]
    return HealthPublic(
        status="ok", neo4j=Neo4jPublic(version=row["version"], edition=row["edition"])
    )


def household_changes(
    graph: Graph, officer: Officer, household_id: str, since: date | None, until: date | None
) -> list[ChangePublic] | None:
    """Composition changes of a household in the caller's region, or None if there is none;
    a former member now living outside the region shows a masked id (CONTRACT §3)."""
    params: dict[str, Any] = {
        "household_id": household_id,
        "since": since,
        "until": until,
        "region_prefix": officer.region_prefix,
        "today": today_in_china(),
    }
    rows = graph.read("households/changes", params)
    if not rows:
        return None
    return [
        ChangePublic(
            date=c["date"].to_native(),
            kind=c["kind"],
            person_id=c["person_id"] if c["in_region"] else mask_id(c["person_id"]),
            relation=c["relation"],
        )
        for c in rows[0]["changes"]
    ]


def score(graph: Graph, officer: Officer, household_id: str, as_of: date) -> ScorePublic | None:
    """The warning score of a household in the caller's region (RULES §4), or None."""
    found = household_score(graph, household_id, officer.region_prefix, as_of, default_ruleset())
    if found is None:
        return None
    return ScorePublic(
        household_id=found.household_id,
        as_of=found.as_of,
        score=found.score,
        level=found.level.level,
        visit_within_working_days=found.level.visit_within_working_days,
        contributions=[
            ContributionPublic(indicator=c.indicator, points=c.points, event_ids=c.event_ids)
            for c in found.contributions
        ],
        ruleset=found.ruleset,
    )


def native(values: dict[str, Any]) -> dict[str, Any]:
    """Neo4j dates and times of a row as Python ones."""
    return {k: (v.to_native() if hasattr(v, "to_native") else v) for k, v in values.items()}


def _member(m: dict[str, Any]) -> MemberPublic:
    """A member as the caller may see them: a member on an earlier date who lives outside the
    caller's region today shows only a masked id and name, the relation and the dates of the
    membership (issue 14 item 7: their facts are today's, not that date's)."""
    member_from = m.pop("from")
    if m.pop("in_region"):
        return MemberPublic(member_from=member_from, **m)
    shown, name = masked(m["person_id"], m["name"], in_region=False)
    return MemberPublic(
        person_id=shown,
        name=name or "*",
        relation=m["relation"],
        member_from=member_from,
        masked=True,
    )


def household(
    graph: Graph, officer: Officer, household_id: str, as_of: date
) -> HouseholdPublic | None:
    """A household of the caller's region with its current members and enrolments, or None."""
    rows = graph.read(
        "households/household",
        {"household_id": household_id, "as_of": as_of, "region_prefix": officer.region_prefix},
    )
    if not rows:
        return None
    row = rows[0]
    members = [_member(m) for m in map(native, row["members"])]
    enrollments = []
    for e in map(native, row["enrollments"]):
        enrolled_from = e.pop("from")
        if not e.pop("in_region"):
            e["subject_id"] = mask_id(e["subject_id"])
        enrollments.append(EnrollmentPublic(enrolled_from=enrolled_from, **e))
    return HouseholdPublic(
        **row["household"], as_of=as_of, members=members, enrollments=enrollments
    )
