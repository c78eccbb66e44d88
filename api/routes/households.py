"""Household routes for officers and investigators (CONTRACT §3)."""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api import services
from api.dates import Day
from api.deps import GraphDep, Reader
from api.errors import problem_responses
from api.models import ChangePublic, HouseholdPublic, ScorePublic
from core.dates import today_in_china
from core.errors import NotFound

router = APIRouter(prefix="/v1/households", tags=["households"])

HouseholdId = Annotated[str, Path(min_length=1, max_length=64)]
ERRORS = problem_responses(401, 403, 404, 422)


@router.get("/{household_id}", responses=ERRORS)
def household(
    household_id: HouseholdId,
    graph: GraphDep,
    officer: Reader,
    as_of: Annotated[Day | None, Query()] = None,
) -> HouseholdPublic:
    """The household with its current members and enrolments on `as_of` (default today);
    404 for a household that does not exist in the caller's region."""
    found = services.household(graph, officer, household_id, as_of or today_in_china())
    if found is None:
        raise NotFound(f"no household {household_id}")
    return found


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
    found = services.household_changes(graph, officer, household_id, since, until)
    if found is None:
        raise NotFound(f"no household {household_id}")
    return found


@router.get("/{household_id}/score", responses=ERRORS)
def score(
    household_id: HouseholdId,
    graph: GraphDep,
    officer: Reader,
    as_of: Annotated[Day | None, Query()] = None,
) -> ScorePublic:
    """The warning score on `as_of` (default today): each indicator once, with its events;
    404 for a household that does not exist in the caller's region."""
    found = services.score(graph, officer, household_id, as_of or today_in_china())
    if found is None:
        raise NotFound(f"no household {household_id}")
    return found
