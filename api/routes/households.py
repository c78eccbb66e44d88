"""Household routes for officers and investigators (CONTRACT §3)."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.dates import Day
from api.deps import AsOf, GraphDep, HouseholdId, PlainAsOf, Reader
from api.errors import problem_responses
from api.models.assistance import AssistancePublic
from api.models.households import ChangePublic, HouseholdPublic, ScorePublic
from api.services import assistance as chain_service
from api.services import households as service

__all__ = ["router"]

router = APIRouter(prefix="/v1/households", tags=["households"])
ERRORS = problem_responses(401, 403, 404, 422)


@router.get("/{household_id}", responses=ERRORS)
def household(
    household_id: HouseholdId, graph: GraphDep, officer: Reader, as_of: PlainAsOf
) -> HouseholdPublic:
    """The household with its current members and enrolments on `as_of` (default today);
    404 for a household that does not exist in the caller's region."""
    return service.household(graph, officer, household_id, as_of)


@router.get("/{household_id}/changes", responses=ERRORS)
def changes(
    household_id: HouseholdId,
    graph: GraphDep,
    officer: Reader,
    since: Annotated[Day | None, Query()] = None,
    until: Annotated[Day | None, Query()] = None,
) -> list[ChangePublic]:
    """Composition changes (joined, left, born, died, married, divorced) between two dates,
    both included; 404 for a household that does not exist in the caller's region."""
    return service.household_changes(graph, officer, household_id, since, until)


@router.get("/{household_id}/score", responses=ERRORS)
def score(
    household_id: HouseholdId, graph: GraphDep, officer: Reader, as_of: PlainAsOf
) -> ScorePublic:
    """The warning score on `as_of` (default today): each indicator once, with its events;
    404 for a household that does not exist in the caller's region."""
    return service.score(graph, officer, household_id, as_of)


@router.get("/{household_id}/assistance", responses=problem_responses(400, 401, 403, 404, 422))
def assistance(
    household_id: HouseholdId, graph: GraphDep, officer: Reader, as_of: AsOf
) -> AssistancePublic:
    """The household's assistance chain (一户一条救助链) on `as_of`: every enrolment of it and
    its members, application, referral, discovery, temporary relief case (filed by any
    township, R1), standby-fund payment and case conference in time order, with gaps
    (eligible by E3, E4, E5, E6 or T1 and neither enrolled nor applying) and overlaps (X2,
    P11, R4); 404 for a household not in the caller's region."""
    return chain_service.assistance(graph, officer, household_id, as_of)
