"""Referrals to departments (CONTRACT §4; RULES P11): township and county send them; officers
and the department read them; the department answers its own (the county may on its behalf).
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from api.dates import Day
from api.deps import GraphDep, Limit, PolicyDep, RegionScope, Verifier, allow, region_scope
from api.errors import problem_responses
from api.models.referrals import ReferralIn, ReferralPage, ReferralPublic, StatusIn
from api.security import OFFICERS, Officer
from api.services import referrals as services
from core.terms import Department
from referrals import Filters

__all__ = ["router"]

router = APIRouter(tags=["referrals"])
ERRORS = problem_responses(401, 403, 404, 409, 422)
ReferralId = Annotated[str, Path(min_length=1, max_length=64)]
# Officers and the department role read referrals (P11); the department and the county answer.
ReferralReader = Annotated[Officer, Depends(allow(*sorted(OFFICERS), "department"))]
Answerer = Annotated[Officer, Depends(allow("department", "county"))]


@router.post("/v1/referrals", status_code=201, responses=ERRORS)
def create(
    body: ReferralIn, graph: GraphDep, officer: Verifier, policy: PolicyDep
) -> ReferralPublic:
    """Refer a case's household or person to a department with the need (P11); a charity
    referral needs the household's consent (`consent_on`)."""
    return services.create(graph, officer, body, policy)


@router.get("/v1/referrals", responses=ERRORS)
def list_referrals(
    request: Request,
    graph: GraphDep,
    officer: ReferralReader,
    department: Department | None = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
    region: RegionScope = None,
    overdue_on: Day | None = None,
    limit: Limit = 100,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> ReferralPage:
    """Referrals of the caller's region by id; `overdue_on=D` keeps open ones whose earliest
    deadline is before D (the county's overdue list, P11). A department's officer sees their
    department's only."""
    prefix = region_scope(officer, region)
    page = services.search(
        graph, officer, prefix, Filters(department, status, overdue_on), cursor, limit
    )
    request.state.audit_ids.extend(r.household_id for r in page.items)
    return page


@router.get("/v1/referrals/{referral_id}", responses=ERRORS)
def read(referral_id: ReferralId, graph: GraphDep, officer: ReferralReader) -> ReferralPublic:
    """The referral with its timeline."""
    return services.read(graph, officer, referral_id)


@router.post("/v1/referrals/{referral_id}/status", responses=ERRORS)
def answer(
    referral_id: ReferralId, body: StatusIn, graph: GraphDep, officer: Answerer, policy: PolicyDep
) -> ReferralPublic:
    """Acknowledge, accept, reject (with the reason) or report done (with what was given),
    P11; 409 naming the status for an answer it does not allow."""
    return services.record_answer(graph, officer, referral_id, body, policy)
