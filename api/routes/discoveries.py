"""Discovery reports and their outcomes (CONTRACT §4; RULES P4, P12)."""

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from api.dates import Day
from api.deps import GraphDep, Limit, OfficerOnly, Reader, RegionScope, Verifier, region_scope
from api.errors import problem_responses
from api.models.discoveries import DiscoveryIn, DiscoveryPage, DiscoveryPublic, OutcomeIn
from api.services import discoveries as services

__all__ = ["router"]

router = APIRouter(tags=["discoveries"])
ERRORS = problem_responses(400, 401, 403, 404, 409, 422)
DiscoveryId = Annotated[str, Path(min_length=1, max_length=200)]


@router.post("/v1/discoveries", status_code=201, responses=ERRORS)
def file_discovery(body: DiscoveryIn, graph: GraphDep, officer: Verifier) -> DiscoveryPublic:
    """File a discovery report about a household or a person (exactly one) with the township
    that holds its household's village (P4, W5); its outcome is due in
    `discovery_followup_days` working days. 422 naming the field that breaks P4 (a source
    `warning` needs the id of a warning of that household found genuine, W6)."""
    return services.file(graph, officer, body)


@router.get("/v1/discoveries", responses=ERRORS)
def list_discoveries(
    graph: GraphDep,
    officer: OfficerOnly,
    status: Literal["open", "closed"] | None = None,
    region: RegionScope = None,
    overdue_on: Day | None = None,
    limit: Limit = 100,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> DiscoveryPage:
    """Discoveries of the caller's region (or a region inside it), by discovery id;
    `overdue_on=D` keeps open ones whose outcome was due before D (P4)."""
    prefix = region_scope(officer, region)
    return services.discovery_page(graph, prefix, status, overdue_on, cursor, limit)


@router.get("/v1/discoveries/{discovery_id}", responses=ERRORS)
def discovery(discovery_id: DiscoveryId, graph: GraphDep, officer: Reader) -> DiscoveryPublic:
    """One discovery with its timeline (P4, P12); 404 outside the caller's region."""
    return services.discovery(graph, officer, discovery_id)


@router.post("/v1/discoveries/{discovery_id}/outcome", responses=ERRORS)
def outcome(
    discovery_id: DiscoveryId, body: OutcomeIn, graph: GraphDep, officer: Verifier
) -> DiscoveryPublic:
    """Record the discovery's one outcome (P4): `application` with its `application_id` (of
    the same household), `referral` with `referral_id`, `relief` with `relief_id`, or
    `no_need` with a `reason` (422 without); a second outcome is 409 naming the status."""
    return services.outcome(graph, officer, discovery_id, body)
