"""`GET /v1/screening`: the officers' list of missed and doubtful cases of their region."""

from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.deps import (
    GraphDep,
    Limit,
    OfficerOnly,
    PlainAsOfQuery,
    RegionScope,
    or_today,
    region_scope,
)
from api.errors import problem_responses
from api.models.screening import FindingPage
from api.services import screening as service

__all__ = ["router"]

router = APIRouter(tags=["screening"])


@router.get("/v1/screening", responses=problem_responses(401, 403, 404, 422))
def screening(
    request: Request,
    graph: GraphDep,
    officer: OfficerOnly,
    as_of: PlainAsOfQuery = None,
    region: RegionScope = None,
    limit: Limit = 100,
    cursor: Annotated[str | None, Query(pattern=r"^\d{1,9}$")] = None,
) -> FindingPage:
    """Persons meeting T1 not enrolled in tekun, tekun to review, single-person dibao (E6),
    households meeting E3 not enrolled, and dependents flagged after a supporter's death,
    disability or unemployment; computed on request for the region (or one inside it)."""
    prefix = region_scope(officer, region)
    page, subjects = service.screening(graph, prefix, or_today(as_of), limit, cursor)
    request.state.audit_ids.extend(subjects)
    return page
