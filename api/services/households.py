"""The household routes: a household with its members and enrolments, its composition
changes and its warning score (CONTRACT §3; RULES §4, E1)."""

from datetime import date
from typing import Any

from api.masking import shown
from api.models.households import (
    ChangePublic,
    ContributionPublic,
    EnrollmentPublic,
    HouseholdPublic,
    MemberPublic,
    ScorePublic,
)
from api.security import Officer
from core.dates import today_in_china
from core.errors import NotFound
from cypher import query
from graph.db import Graph
from scoring.ruleset import default_ruleset
from scoring.score import household_score

CHANGES = query("households/changes")
HOUSEHOLD = query("households/household")

__all__ = ["household", "household_changes", "score"]


def _absent(household_id: str) -> NotFound:
    """The one refusal of a household the caller may not see, absent or elsewhere."""
    return NotFound(f"no household {household_id}")


def household_changes(
    graph: Graph, officer: Officer, household_id: str, since: date | None, until: date | None
) -> list[ChangePublic]:
    """Composition changes of a household in the caller's region, else `NotFound`; a former
    member now living outside the region shows a masked id (CONTRACT §3)."""
    params: dict[str, Any] = {
        "household_id": household_id,
        "since": since,
        "until": until,
        "region_prefix": officer.region_prefix,
        "today": today_in_china(),
    }
    row = graph.one_or_none(CHANGES, params)
    if row is None:
        raise _absent(household_id)
    return [
        ChangePublic(
            date=c["date"],
            kind=c["kind"],
            person_id=shown(c["person_id"], c["in_region"]).id,
            relation=c["relation"],
        )
        for c in row["changes"]
    ]


def score(graph: Graph, officer: Officer, household_id: str, as_of: date) -> ScorePublic:
    """The warning score of a household in the caller's region (RULES §4), else `NotFound`."""
    found = household_score(graph, household_id, officer.region_prefix, as_of, default_ruleset())
    if found is None:
        raise _absent(household_id)
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


def _member(m: dict[str, Any]) -> MemberPublic:
    """A member as the caller may see them: a member on an earlier date who lives outside the
    caller's region today shows only a masked id and name, the relation and the dates of the
    membership (issue 14 item 7: their facts are today's, not that date's)."""
    member_from = m.pop("from")
    if m.pop("in_region"):
        return MemberPublic(member_from=member_from, **m)
    person = shown(m["person_id"], False, m["name"])
    return MemberPublic(
        person_id=person.id,
        name=person.name or "*",
        relation=m["relation"],
        member_from=member_from,
        masked=True,
    )


def household(graph: Graph, officer: Officer, household_id: str, as_of: date) -> HouseholdPublic:
    """A household of the caller's region with its current members and enrolments, else
    `NotFound`."""
    row = graph.one_or_none(
        HOUSEHOLD,
        {"household_id": household_id, "as_of": as_of, "region_prefix": officer.region_prefix},
    )
    if row is None:
        raise _absent(household_id)
    members = [_member(m) for m in row["members"]]
    enrollments = []
    for e in row["enrollments"]:
        enrolled_from = e.pop("from")
        e["subject_id"] = shown(e["subject_id"], e.pop("in_region")).id
        enrollments.append(EnrollmentPublic(enrolled_from=enrolled_from, **e))
    return HouseholdPublic(
        **row["household"], as_of=as_of, members=members, enrollments=enrollments
    )
