"""`GET /v1/integrity`: integrity findings of the caller's region (信息比对, RULES §9), and
`GET /v1/integrity/scans`: the counts per rule its last recorded scans found."""

from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.deps import (
    GraphDep,
    Limit,
    OfficerOnly,
    PlainAsOfQuery,
    PolicyDep,
    RegionScope,
    or_today,
    region_scope,
)
from api.errors import problem_responses
from api.models.integrity import IntegrityPage, IntegrityScans, RuleParam
from api.services import integrity as service

__all__ = ["router"]

router = APIRouter(tags=["integrity"])
ERRORS = problem_responses(400, 401, 403, 404, 422)


@router.get("/v1/integrity", responses=ERRORS)
def integrity(
    request: Request,
    graph: GraphDep,
    officer: OfficerOnly,
    policy: PolicyDep,
    as_of: PlainAsOfQuery = None,
    region: RegionScope = None,
    rule: Annotated[RuleParam | None, Query(description="One rule's findings only.")] = None,
    limit: Limit = 100,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
) -> IntegrityPage:
    """Findings of X1 (enrolled after death), X2 (exclusive enrolments at once), X3 (enrolled
    but failing E3/E4/E5/T1: the review due now), X4 (eligible but not enrolled: E3, E6,
    T1), X5 (no granted case behind an enrolment), X6 (an official's relative without a
    filing) and X7 (possible duplicate persons), in rule order, each routed to its township
    (W5) with its next step; computed on request for the region (or one inside it)."""
    prefix = region_scope(officer, region)
    rules = None if rule is None else [rule]
    page, subjects = service.findings(
        graph, officer, prefix, or_today(as_of), policy, rules, cursor, limit
    )
    request.state.audit_ids.extend(subjects)
    return page


@router.get("/v1/integrity/scans", responses=ERRORS)
def integrity_scans(
    graph: GraphDep,
    officer: OfficerOnly,
    as_of: PlainAsOfQuery = None,
    region: RegionScope = None,
) -> IntegrityScans:
    """The findings per rule (X1-X8) of the last scan recorded (`hhgraph integrity`) on or
    before the date for the region (or one inside it), with each scan's date; null for a
    rule never scanned. Reads the recorded counts only: no check runs (RULES §9, S1)."""
    prefix = region_scope(officer, region)
    return service.scans(graph, prefix, or_today(as_of))
