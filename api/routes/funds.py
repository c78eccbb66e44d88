"""The township standby fund (CONTRACT §4; RULES R5): officers read a township's ledger, its
county allocates. Payments are posted by advance relief (R3), never here."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from api.deps import GraphDep, OfficerOnly, allow
from api.errors import problem_responses
from api.models.funds import AllocationIn, FundPublic
from api.security import Officer
from api.services import funds as services

__all__ = ["router"]

router = APIRouter(tags=["funds"])
ERRORS = problem_responses(401, 403, 404, 409, 422)
TownshipCode = Annotated[str, Path(pattern=r"^[0-9]{12}$")]
County = Annotated[Officer, Depends(allow("county"))]


@router.get("/v1/funds/{township_code}", responses=ERRORS)
def read(township_code: TownshipCode, graph: GraphDep, officer: OfficerOnly) -> FundPublic:
    """The ledger: balance and every entry in the order posted (R5)."""
    return services.read(graph, officer, township_code)


@router.post("/v1/funds/{township_code}/allocations", status_code=201, responses=ERRORS)
def allocate(
    township_code: TownshipCode, body: AllocationIn, graph: GraphDep, officer: County
) -> FundPublic:
    """The county allocates to one of its townships' funds (R5)."""
    return services.allocate(graph, officer, township_code, body)
