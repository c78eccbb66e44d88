"""Person routes for officers and investigators: legal supporters and the destitute check
(CONTRACT §3; RULES §3, T1–T7), and the person's own department events (RULES §4)."""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from api.deps import AsOf, AsOfQuery, GraphDep, Limit, PersonId, Reader, or_today
from api.errors import problem_responses
from api.models.persons import DestituteCheckPublic, PersonEventPage, SupporterPublic
from api.services import persons as service

__all__ = ["router"]

router = APIRouter(prefix="/v1/persons", tags=["persons"])
ERRORS = problem_responses(401, 403, 404, 422)
# The two checks are `async def`, the service handed to the thread pool once: see
# api/routes/households.py.


@router.get("/{person_id}/supporters", responses=ERRORS)
async def supporters(
    person_id: PersonId, graph: GraphDep, officer: Reader, as_of: AsOf
) -> list[SupporterPublic]:
    """The legal supporters on `as_of`: primary (T4) and, where every primary supporter of a
    kind is dead or unable, secondary (T5), each able or not and why (T6, T7). Supporters
    outside the caller's region are masked."""
    return await run_in_threadpool(service.supporters, graph, officer, person_id, as_of)


@router.get("/{person_id}/destitute-check", responses=ERRORS)
async def destitute(
    person_id: PersonId, graph: GraphDep, officer: Reader, as_of: AsOf
) -> DestituteCheckPublic:
    """Destitute support (特困) on `as_of`: the three conditions of T1 with the category,
    the supporters and reasons naming rule ids."""
    return await run_in_threadpool(service.destitute, graph, officer, person_id, as_of)


@router.get("/{person_id}/events", responses=ERRORS)
def events(
    person_id: PersonId,
    graph: GraphDep,
    officer: Reader,
    as_of: AsOfQuery = None,
    limit: Limit = 100,
    cursor: Annotated[str | None, Query(min_length=1, max_length=400)] = None,
) -> PersonEventPage:
    """The department events recorded about the person (source, event id, indicator, date,
    note), newest first, up to `as_of`; a person outside the caller's region is 404."""
    return service.person_events(graph, officer, person_id, or_today(as_of), limit, cursor)
