"""The village board (CONTRACT §4, GET /v1/publicity; RULES P6, P8): what a board shows on a
day, for officers to print and post."""

from fastapi import APIRouter

from api.dates import Day
from api.deps import GraphDep, OfficerOnly, RegionScope, region_scope
from api.errors import problem_responses
from api.models.publicity import BoardLinePublic
from api.services import publicity as services
from core.dates import today_in_china

__all__ = ["router"]

router = APIRouter(tags=["applications"])


@router.get("/v1/publicity", responses=problem_responses(401, 403, 404, 422))
def publicity(
    graph: GraphDep, officer: OfficerOnly, region: RegionScope = None, on: Day | None = None
) -> list[BoardLinePublic]:
    """The postings and published grants of the caller's region (or a village inside it) on
    `on` (today in Guangdong by default): name, household size, programme, monthly amount,
    dates."""
    return services.board_on(graph, region_scope(officer, region), on or today_in_china())
