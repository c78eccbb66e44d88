"""Person routes for officers and investigators: legal supporters and the destitute check
(CONTRACT §3; RULES §3, T1–T7), and the person's own department events (RULES §4)."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query

from api import case_services as services
from api.dates import Day
from api.deps import GraphDep, Reader
from api.errors import problem_responses
from api.person_models import DestituteCheckPublic, PersonEventPage, SupporterPublic
from api.security import Officer
from core.dates import today_in_china
from core.errors import NotFound
from graph.db import Graph
from scoring.support import DestituteCheck, destitute_check

router = APIRouter(prefix="/v1/persons", tags=["persons"])

PersonId = Annotated[str, Path(min_length=1, max_length=18)]
AsOf = Annotated[Day | None, Query(description="Default: today in Guangdong.")]
ERRORS = problem_responses(401, 403, 404, 422)


def _check(graph: Graph, officer: Officer, person_id: str, as_of: date | None) -> DestituteCheck:
    """The check of a person in the caller's region; 404 as if absent otherwise."""
    found = destitute_check(graph, officer.region_prefix, person_id, as_of or today_in_china())
    if found is None:
        raise NotFound(f"no person {person_id}")
    return found


@router.get("/{person_id}/supporters", responses=ERRORS)
def supporters(
    person_id: PersonId, graph: GraphDep, officer: Reader, as_of: AsOf = None
) -> list[SupporterPublic]:
    """The legal supporters on `as_of`: primary (T4) and, where every primary supporter of a
    kind is dead or unable, secondary (T5), each able or not and why (T6, T7). Supporters
    outside the caller's region are masked."""
    return [SupporterPublic.of(s) for s in _check(graph, officer, person_id, as_of).supporters]


@router.get("/{person_id}/destitute-check", responses=ERRORS)
def destitute(
    person_id: PersonId, graph: GraphDep, officer: Reader, as_of: AsOf = None
) -> DestituteCheckPublic:
    """Destitute support (特困) on `as_of`: the three conditions of T1 with the category,
    the supporters and reasons naming rule ids."""
    return DestituteCheckPublic.of(_check(graph, officer, person_id, as_of))


@router.get("/{person_id}/events", responses=ERRORS)
def events(
    person_id: PersonId,
    graph: GraphDep,
    officer: Reader,
    as_of: AsOf = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(min_length=1, max_length=400)] = None,
) -> PersonEventPage:
    """The department events recorded about the person (source, event id, indicator, date,
    note), newest first, up to `as_of`; a person outside the caller's region is 404."""
    page = services.person_events(
        graph, officer, person_id, as_of or today_in_china(), limit, cursor
    )
    if page is None:
        raise NotFound(f"no person {person_id}")
    return page
