"""Warnings and rescoring jobs (CONTRACT §3; RULES §4, W3–W7)."""

from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError

from api import warning_services as services
from api.dates import Day
from api.deps import Feeder, GraphDep, allow
from api.errors import problem_responses
from api.models import (
    JobAccepted,
    JobPublic,
    RescoreIn,
    VerificationIn,
    VerifiedWarningPublic,
    WarningPage,
)
from api.security import OFFICERS, Officer
from loaders.ids import normalise_region_code, region_prefix

router = APIRouter(tags=["warnings"])
ERRORS = problem_responses(400, 401, 403, 404, 409, 422)
OfficerOnly = Annotated[Officer, Depends(allow(*sorted(OFFICERS)))]
Verifier = Annotated[Officer, Depends(allow("township", "county"))]
Level = Literal["red", "orange", "yellow", "blue", "green"]


def region_scope(officer: Officer, region: str | None) -> str:
    """The region prefix to list: the caller's, or a narrower one inside it (else 404)."""
    if region is None:
        return officer.region_prefix
    try:
        prefix = region_prefix(normalise_region_code(region))
    except ValueError as exc:
        raise HTTPException(422, f"region: {exc}") from exc
    if not prefix.startswith(officer.region_prefix):
        raise HTTPException(404, f"no region {region} in the caller's region")
    return prefix


@router.get("/v1/warnings", responses=ERRORS)
def list_warnings(
    request: Request,
    graph: GraphDep,
    officer: OfficerOnly,
    level: Level | None = None,
    status: Literal["open", "closed"] | None = None,
    region: Annotated[str | None, Query(max_length=12)] = None,
    overdue_on: Day | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> WarningPage:
    """Warnings of the caller's region (or a region inside it), by warning id; `overdue_on=D`
    keeps open warnings due before D."""
    prefix = region_scope(officer, region)
    page = services.list_warnings(graph, prefix, level, status, overdue_on, cursor, limit)
    request.state.audit_ids.extend(w.household_id for w in page.items)
    return page


@router.post("/v1/warnings/{warning_id}/verification", responses=ERRORS)
def verify(
    warning_id: Annotated[str, Path(min_length=1, max_length=200)],
    body: VerificationIn,
    graph: GraphDep,
    officer: Verifier,
) -> VerifiedWarningPublic:
    """Close an open warning with the home visit's verification (W6); 409 if already closed,
    422 naming `visited_on` for a visit before the issue day or after today (Asia/Shanghai)."""
    try:
        closed, warning = services.verify_warning(graph, officer, warning_id, body)
    except services.VisitBeforeIssue as exc:
        # The same problem as a schema error of the field (issue 13 item 11).
        error = {"loc": ("body", "visited_on"), "msg": str(exc), "type": "value_error"}
        raise RequestValidationError([error]) from exc
    if warning is None:
        raise HTTPException(404, f"no warning {warning_id}")
    if not closed:
        raise HTTPException(409, f"warning {warning_id} is already closed")
    return warning


@router.post("/v1/rescore", status_code=202, responses=ERRORS)
def rescore(
    body: RescoreIn, graph: GraphDep, _caller: Feeder, background: BackgroundTasks
) -> JobAccepted:
    """Queue a batch rescoring (W1–W7); follow it at /v1/jobs/{job_id}."""
    job_id = services.queue_rescore(graph, body.as_of, body.mode)
    background.add_task(services.run_rescore, graph, job_id, body.as_of, body.mode)
    return JobAccepted(job_id=job_id)


@router.get("/v1/jobs/{job_id}", responses=ERRORS)
def job(
    job_id: Annotated[str, Path(max_length=200)], graph: GraphDep, _caller: Feeder
) -> JobPublic:
    """A rescoring job's status, progress and counts by level."""
    found = services.job(graph, job_id)
    if found is None:
        raise HTTPException(404, f"no job {job_id}")
    return found
