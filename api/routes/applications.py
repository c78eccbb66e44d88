"""Applications from intake to decision (CONTRACT §4; RULES P1–P9, P12, C3–C5).

Township and county officers take the steps; the township alone posts, records objections and
transmits (P6, P7); the county decides, or the township where the county delegated (P7: the
service answers 409 when the other level tries). Officers and investigators read.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from api.dates import Day
from api.deps import (
    GraphDep,
    Limit,
    OfficerOnly,
    PolicyDep,
    Reader,
    RegionScope,
    TownshipOnly,
    Verifier,
    region_scope,
)
from api.errors import problem_responses
from api.models.applications import (
    AcceptanceIn,
    ApplicationIn,
    ApplicationPage,
    ApplicationPublic,
    AuthorisationIn,
    DecisionIn,
    InvestigationIn,
    ObjectionIn,
    PublicityIn,
    TransmissionIn,
    WithdrawalIn,
)
from api.services import applications as services
from applications import Filters
from procedure.programs import Program
from procedure.states import Status

__all__ = ["router"]

router = APIRouter(tags=["applications"])
ERRORS = problem_responses(401, 403, 404, 409, 422)
ApplicationId = Annotated[str, Path(min_length=1, max_length=64)]
PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}}, "description": "The notice (P9)."}
}


@router.post("/v1/applications", status_code=201, responses=ERRORS)
def create(
    body: ApplicationIn, graph: GraphDep, officer: Verifier, policy: PolicyDep
) -> ApplicationPublic:
    """Receive an application at the township of the household's village (P1, W5)."""
    return services.create(graph, officer, body, policy)


@router.get("/v1/applications", responses=ERRORS)
def list_applications(
    request: Request,
    graph: GraphDep,
    officer: Reader,
    status: Status | None = None,
    program: Program | None = None,
    region: RegionScope = None,
    overdue_on: Day | None = None,
    filed: bool | None = None,
    limit: Limit = 100,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> ApplicationPage:
    """Applications of the caller's region (or a region inside it) by id; `overdue_on=D`
    keeps open ones whose earliest deadline is before D (seen by the level above, P7)."""
    prefix = region_scope(officer, region)
    filters = Filters(status, program, overdue_on, filed)
    page = services.search(graph, prefix, filters, cursor, limit)
    request.state.audit_ids.extend(a.household_id for a in page.items)
    return page


@router.get("/v1/applications/{application_id}", responses=ERRORS)
def read(
    application_id: ApplicationId, graph: GraphDep, officer: Reader, policy: PolicyDep
) -> ApplicationPublic:
    """The application with its timeline, authorisations, missing items, verdict snapshot,
    filings, decision and enrolment."""
    return services.read(graph, officer, application_id, policy)


@router.post("/v1/applications/{application_id}/authorisations", responses=ERRORS)
def authorise(
    application_id: ApplicationId,
    body: AuthorisationIn,
    graph: GraphDep,
    officer: Verifier,
    policy: PolicyDep,
) -> ApplicationPublic:
    """Record a signed authorisation (P2)."""
    return services.step(graph, officer, application_id, body, policy)


@router.post("/v1/applications/{application_id}/acceptance", responses=ERRORS)
def accept(
    application_id: ApplicationId,
    body: AcceptanceIn,
    graph: GraphDep,
    officer: Verifier,
    policy: PolicyDep,
) -> ApplicationPublic:
    """Accept (409 with `missing` listing every missing item) or refuse acceptance (P3)."""
    return services.step(graph, officer, application_id, body, policy)


@router.post("/v1/applications/{application_id}/investigation", responses=ERRORS)
def investigate(
    application_id: ApplicationId,
    body: InvestigationIn,
    graph: GraphDep,
    officer: Verifier,
    policy: PolicyDep,
) -> ApplicationPublic:
    """Record the home visit and the township's opinion with the verdict snapshot (P5)."""
    return services.step(graph, officer, application_id, body, policy)


@router.post("/v1/applications/{application_id}/publicity", responses=ERRORS)
def post(
    application_id: ApplicationId,
    body: PublicityIn,
    graph: GraphDep,
    officer: TownshipOnly,
    policy: PolicyDep,
) -> ApplicationPublic:
    """Post a grant opinion at the village board for `publicity_days` (P6)."""
    return services.step(graph, officer, application_id, body, policy)


@router.post("/v1/applications/{application_id}/objections", responses=ERRORS)
def object_to(
    application_id: ApplicationId,
    body: ObjectionIn,
    graph: GraphDep,
    officer: TownshipOnly,
    policy: PolicyDep,
) -> ApplicationPublic:
    """Record an objection during the period; the investigation reopens (P6)."""
    return services.step(graph, officer, application_id, body, policy)


@router.post("/v1/applications/{application_id}/transmission", responses=ERRORS)
def transmit(
    application_id: ApplicationId,
    body: TransmissionIn,
    graph: GraphDep,
    officer: TownshipOnly,
    policy: PolicyDep,
) -> ApplicationPublic:
    """Send the file to the deciding level (P7)."""
    return services.step(graph, officer, application_id, body, policy)


@router.post("/v1/applications/{application_id}/decision", responses=ERRORS)
def decide(
    application_id: ApplicationId,
    body: DecisionIn,
    graph: GraphDep,
    officer: Verifier,
    policy: PolicyDep,
) -> ApplicationPublic:
    """Grant (the enrolment from next month, P8) or refuse (a notice, P9); by the county, or
    the township where delegated (P7), after a county visit for a filed case (C4)."""
    return services.step(graph, officer, application_id, body, policy)


@router.post("/v1/applications/{application_id}/withdrawal", responses=ERRORS)
def withdraw(
    application_id: ApplicationId,
    body: WithdrawalIn,
    graph: GraphDep,
    officer: Verifier,
    policy: PolicyDep,
) -> ApplicationPublic:
    """The applicant withdraws (P1)."""
    return services.step(graph, officer, application_id, body, policy)


@router.get(
    "/v1/applications/{application_id}/notice.pdf",
    response_class=Response,
    responses=ERRORS | PDF,
)
def notice(application_id: ApplicationId, graph: GraphDep, officer: OfficerOnly) -> Response:
    """The written notice of a refusal or a not-accepted application, in Chinese (P9)."""
    pdf = services.notice(graph, officer, application_id)
    headers = {"Content-Disposition": f'inline; filename="{application_id}.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)
