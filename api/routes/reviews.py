"""Reviews of open enrolments (CONTRACT §4; RULES P10, P6, P9, P12, C3, C4, C5)."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api.dates import Day
from api.deps import GraphDep, Limit, OfficerOnly, RegionScope, Verifier, region_scope
from api.errors import problem_responses
from api.models.reviews import ReviewDuePage, ReviewIn, ReviewPublic
from api.services import reviews as services
from core.dates import today_in_china

__all__ = ["router"]

router = APIRouter(tags=["reviews"])
ERRORS = problem_responses(400, 401, 403, 404, 409, 422)
PDF = "application/pdf"
PDF_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {PDF: {}}, "description": "The notice, a PDF in Chinese"}
}
ReviewId = Annotated[str, Path(min_length=1, max_length=64)]


@router.get("/v1/reviews", responses=ERRORS)
def list_due(
    request: Request,
    graph: GraphDep,
    officer: OfficerOnly,
    due_on: Annotated[Day | None, Query(description="Default: today in Guangdong.")] = None,
    region: RegionScope = None,
    limit: Limit = 100,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
    as_of: Annotated[
        Day | None,
        Query(
            description="The day the enrolments are open on and integrity check X3 is run "
            "on. Default: today in Guangdong."
        ),
    ] = None,
) -> ReviewDuePage:
    """Open enrolments of the caller's region (or a region inside it) whose next review is
    due on or before `due_on` (P10), by subject, programme and start: `why` is `scheduled`
    (6 or 12 months from the start or the last review) or `warning` (an open warning of blue
    or above brings it forward to the warning's due date), or `X3` (the enrolment fails
    E3, E4, E5 or T1 on `as_of`: its review is due that day, RULES §9); `why_rules` and
    `why_reason` name every ground due by `due_on`."""
    prefix = region_scope(officer, region)
    page = services.due(graph, prefix, due_on or today_in_china(), cursor, limit, as_of)
    request.state.audit_ids.extend(item.subject_id for item in page.items)
    return page


@router.post("/v1/reviews", status_code=201, responses=ERRORS)
def record(request: Request, body: ReviewIn, graph: GraphDep, officer: Verifier) -> ReviewPublic:
    """Record a review of an enrolment (P10): `continue`, `adjust` (a new monthly amount from
    the next month) or `terminate` (from the next month). 404 for an enrolment outside the
    caller's region or absent; 422 naming the field for an adjust without an amount, or a
    decrease or termination without a hearing on or before the review and a reason; 409
    naming the rule for an enrolment already ended (P10), a tekun termination before its
    posting's 7 days are over (P6), an officer related to a member (C5), or a filed case
    (C3: the review's check files the enrolment) reviewed by anyone but a county officer
    after a home visit, `visited_on` (C4)."""
    review = services.record(graph, officer, body)
    request.state.audit_ids.append(review.subject_id)
    return review


@router.get(
    "/v1/reviews/{review_id}/notice.pdf",
    response_class=Response,
    responses=PDF_RESPONSE | ERRORS,
)
def notice(
    request: Request, review_id: ReviewId, graph: GraphDep, officer: OfficerOnly
) -> Response:
    """The written notice of a decrease or a termination (P9), in Chinese, to print and hand
    over; 404 for a continue or an increase, or a review outside the caller's region."""
    pdf, subject_id = services.notice(graph, officer, review_id)
    request.state.audit_ids.append(subject_id)
    headers = {"Content-Disposition": f'inline; filename="{review_id}.pdf"'}
    return Response(pdf, media_type=PDF, headers=headers)
