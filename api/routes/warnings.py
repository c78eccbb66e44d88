"""Warnings and rescoring jobs (CONTRACT §3; RULES §4, W3–W7)."""

from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from api.dates import Day
from api.deps import (
    Feeder,
    GraphDep,
    Limit,
    OfficerOnly,
    RegionScope,
    SettingsDep,
    Verifier,
    allow,
    region_scope,
)
from api.errors import PROBLEM_MEDIA_TYPE, Problem, problem_responses, problem_type
from api.models.warnings import (
    GuidanceIn,
    GuidedWarningPublic,
    JobAccepted,
    JobPublic,
    RescoreIn,
    VerificationIn,
    VerifiedWarningPublic,
    WarningPage,
)
from api.security import Officer
from api.services import warnings as services
from core.terms import WarningLevel
from scoring.rescore import Mode

__all__ = ["router"]

router = APIRouter(tags=["warnings"])
ERRORS = problem_responses(400, 401, 403, 404, 409, 422)
# Township officers alone answer a green warning by phone (W3, P4; CONTRACT §4).
Township = Annotated[Officer, Depends(allow("township"))]


# `async def`, the service handed to the thread pool once: see api/routes/households.py.
@router.get("/v1/warnings", responses=ERRORS)
async def list_warnings(
    request: Request,
    graph: GraphDep,
    officer: OfficerOnly,
    level: WarningLevel | None = None,
    status: Literal["open", "closed"] | None = None,
    region: RegionScope = None,
    overdue_on: Day | None = None,
    household_id: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    limit: Limit = 100,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> WarningPage:
    """Warnings of the caller's region (or a region inside it), by warning id; `overdue_on=D`
    keeps open warnings due before D; `household_id` keeps one household's (an empty list for
    a household outside the region, as for one that does not exist: issue 15 item 10)."""
    prefix = region_scope(officer, region)
    page = await run_in_threadpool(
        services.list_warnings,
        graph,
        prefix,
        level,
        status,
        overdue_on,
        cursor,
        limit,
        household_id,
    )
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
    if not closed:
        raise HTTPException(409, f"warning {warning_id} is already closed")
    return warning


@router.post("/v1/warnings/{warning_id}/guidance", responses=ERRORS)
def guidance(
    warning_id: Annotated[str, Path(min_length=1, max_length=200)],
    body: GuidanceIn,
    graph: GraphDep,
    officer: Township,
) -> GuidedWarningPublic:
    """Close an open green warning with the township's phone guidance, recorded instead of a
    home visit (W3, P4); 409 naming the level for a warning that is not green, and for a
    closed one; 422 naming `called_on` for a call before the issue day or after today."""
    return services.guide_warning(graph, officer, warning_id, body)


def _busy(holder: str) -> JSONResponse:
    """409 naming the running job, also as the problem's `job_id` member (RFC 9457)."""
    detail = f"rescoring job {holder} is running: one run at a time (issue 14 item 3)"
    body = Problem(
        type=problem_type("rescore-running"), title="Conflict", status=409, detail=detail
    )
    return JSONResponse(
        body.model_dump(exclude_none=True) | {"job_id": holder},
        status_code=409,
        media_type=PROBLEM_MEDIA_TYPE,
    )


@router.post("/v1/rescore", status_code=202, response_model=JobAccepted, responses=ERRORS)
def rescore(
    body: RescoreIn,
    graph: GraphDep,
    caller: Feeder,
    settings: SettingsDep,
    background: BackgroundTasks,
) -> JobAccepted | JSONResponse:
    """Queue a batch rescoring of the province (W1–W7); follow it at /v1/jobs/{job_id}.

    403 unless the token's region is the whole province: a run covers every household
    (issue 14 item 12, docs/security.md). 409 with the running job's id while another run,
    from the API or the CLI, is alive (issue 14 item 3)."""
    if caller.region != services.PROVINCE:
        raise HTTPException(
            403, f"a rescoring run covers the whole province; region {caller.region} may not"
        )
    allowance = settings.rescore_allowance_s
    try:
        job_id = services.queue_rescore(graph, caller, body.as_of, Mode(body.mode), allowance)
    except services.RescoreBusy as exc:
        return _busy(exc.holder)
    background.add_task(services.run_rescore, graph, job_id, body.as_of, Mode(body.mode), allowance)
    return JobAccepted(job_id=job_id)


@router.get("/v1/jobs/{job_id}", responses=ERRORS)
def job(
    job_id: Annotated[str, Path(max_length=200)],
    graph: GraphDep,
    caller: Feeder,
    settings: SettingsDep,
) -> JobPublic:
    """A rescoring job's status, progress and counts by level; `interrupted` once its run
    is known dead (issue 14 item 10). A job outside the caller's region is 404."""
    return services.job(graph, caller, job_id, settings.rescore_allowance_s)
