"""Temporary relief (CONTRACT §4; RULES R1–R4, R7): the township where the emergency happened
files and takes the steps; the county decides above the township's cap (R2, R4) and may
decide any case of its townships; officers read their region's cases."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from api.dates import Day
from api.deps import (
    GraphDep,
    Limit,
    OfficerOnly,
    PolicyDep,
    RegionScope,
    TownshipOnly,
    allow,
    region_scope,
)
from api.errors import problem_responses
from api.models.relief import (
    ReliefAdvanceIn,
    ReliefDecisionIn,
    ReliefFollowOnIn,
    ReliefIn,
    ReliefPage,
    ReliefPaperworkIn,
    ReliefPublic,
)
from api.security import Officer
from api.services import relief as services
from relief import Filters
from relief import Status as ReliefStatus

__all__ = ["router"]

router = APIRouter(tags=["relief"])
ERRORS = problem_responses(400, 401, 403, 404, 409, 422)
ReliefId = Annotated[str, Path(min_length=1, max_length=64)]
# R2, R4: the township decides up to its cap, the county above it (and any case).
Decider = Annotated[Officer, Depends(allow("township", "county"))]


@router.post("/v1/relief", status_code=201, responses=ERRORS)
def create(
    body: ReliefIn, graph: GraphDep, officer: TownshipOnly, policy: PolicyDep
) -> ReliefPublic:
    """File a case with the township where the emergency happened, for a subject of any
    region (R1), on the emergency or expenditure track (R2), within R4's limits or citing a
    signed case conference (`conference_id`, R6)."""
    return services.create(graph, officer, body, policy)


@router.get("/v1/relief", responses=ERRORS)
def list_relief(
    request: Request,
    graph: GraphDep,
    officer: OfficerOnly,
    status: ReliefStatus | None = None,
    region: RegionScope = None,
    overdue_on: Day | None = None,
    limit: Limit = 100,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> ReliefPage:
    """The cases filed in the caller's region by id; `overdue_on=D` keeps open ones whose
    earliest deadline is before D (R3's paperwork, R7's follow-on)."""
    prefix = region_scope(officer, region)
    page = services.search(graph, officer, prefix, Filters(status, overdue_on), cursor, limit)
    request.state.audit_ids.extend(r.household_id for r in page.items if r.household_id)
    return page


@router.get("/v1/relief/{relief_id}", responses=ERRORS)
def read(relief_id: ReliefId, graph: GraphDep, officer: OfficerOnly) -> ReliefPublic:
    """The case with its timeline and the person it names (R1)."""
    return services.read(graph, officer, relief_id)


@router.post("/v1/relief/{relief_id}/advance", responses=ERRORS)
def advance(
    relief_id: ReliefId,
    body: ReliefAdvanceIn,
    graph: GraphDep,
    officer: TownshipOnly,
    policy: PolicyDep,
) -> ReliefPublic:
    """Pay advance relief from the township's standby fund, up to its cap (R3, R5); an
    overdraw is 409 and writes nothing."""
    return services.step(graph, officer, relief_id, body, policy)


@router.post("/v1/relief/{relief_id}/paperwork", responses=ERRORS)
def paperwork(
    relief_id: ReliefId,
    body: ReliefPaperworkIn,
    graph: GraphDep,
    officer: TownshipOnly,
    policy: PolicyDep,
) -> ReliefPublic:
    """The investigation record (R3, P5); an expenditure case is then posted (R2)."""
    return services.step(graph, officer, relief_id, body, policy)


@router.post("/v1/relief/{relief_id}/decision", responses=ERRORS)
def decision(
    relief_id: ReliefId,
    body: ReliefDecisionIn,
    graph: GraphDep,
    officer: Decider,
    policy: PolicyDep,
) -> ReliefPublic:
    """The decision: the case's total, the advance included (R3); above the township's cap
    the county's (R2, R4); above the case cap only with a covering conference (R4, R6)."""
    return services.step(graph, officer, relief_id, body, policy)


@router.post("/v1/relief/{relief_id}/follow-on", responses=ERRORS)
def follow_on(
    relief_id: ReliefId,
    body: ReliefFollowOnIn,
    graph: GraphDep,
    officer: TownshipOnly,
    policy: PolicyDep,
) -> ReliefPublic:
    """The one follow-on after the household's screening (R7)."""
    return services.step(graph, officer, relief_id, body, policy)
