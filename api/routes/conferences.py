"""Case conferences (CONTRACT §4; RULES R6): a county convenes, amends the draft and signs;
officers of the region read. Signed, a conference is read-only (409 naming R6)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from api.deps import GraphDep, Limit, OfficerOnly, PolicyDep, RegionScope, allow, region_scope
from api.errors import problem_responses
from api.models.conferences import ConferenceIn, ConferencePage, ConferencePublic, SignatureIn
from api.security import Officer
from api.services import conferences as services
from conferences import Status
from core.dates import today_in_china

__all__ = ["router"]

router = APIRouter(tags=["conferences"])
ERRORS = problem_responses(400, 401, 403, 404, 409, 422)
ConferenceId = Annotated[str, Path(min_length=1, max_length=64)]
# R6: convened by a county; its officers within their region amend and sign.
County = Annotated[Officer, Depends(allow("county"))]


@router.post("/v1/conferences", status_code=201, responses=ERRORS)
def create(body: ConferenceIn, graph: GraphDep, officer: County) -> ConferencePublic:
    """Convene a case conference (个案会商, R6) of the caller's county: a draft on a relief
    case (`relief_id`), or on a household or person before a filing; 422 naming `relief_id`
    when none is named, naming `tasks.N.consent_on` for a charity task without consent."""
    return services.create(graph, officer, body)


@router.get("/v1/conferences", responses=ERRORS)
def list_conferences(
    request: Request,
    graph: GraphDep,
    officer: OfficerOnly,
    region: RegionScope = None,
    status: Status | None = None,
    limit: Limit = 100,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> ConferencePage:
    """The region's conferences by id, drafts and signed ones (R6)."""
    prefix = region_scope(officer, region)
    page = services.search(graph, officer, prefix, status, cursor, limit)
    request.state.audit_ids.extend(c.household_id for c in page.items if c.household_id)
    return page


@router.get("/v1/conferences/{conference_id}", responses=ERRORS)
def read(conference_id: ConferenceId, graph: GraphDep, officer: OfficerOnly) -> ConferencePublic:
    """The conference with its tasks, referrals and timeline."""
    return services.read(graph, officer, conference_id)


@router.put("/v1/conferences/{conference_id}", responses=ERRORS)
def amend(
    conference_id: ConferenceId, body: ConferenceIn, graph: GraphDep, officer: County
) -> ConferencePublic:
    """Replace a draft's fields (the same case); 409 naming R6 once signed."""
    return services.replace(graph, officer, conference_id, body, today_in_china())


@router.post("/v1/conferences/{conference_id}/signature", responses=ERRORS)
def signature(
    conference_id: ConferenceId, body: SignatureIn, graph: GraphDep, officer: County,
    policy: PolicyDep,
) -> ConferencePublic:  # fmt: skip
    """Sign (R6): read-only from then on; each task becomes a referral to its department
    (P11) in the same transaction, with its webhook message. A second signature is 409."""
    return services.signature(graph, officer, conference_id, body.signed_on, policy)
