"""`GET /v1/screening`: the officers' list of missed and doubtful cases of their region."""

from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.dates import Day
from api.deps import GraphDep
from api.errors import problem_responses
from api.explanation_models import explanations
from api.masking import mask_id
from api.models import FindingPage, FindingPublic
from api.routes.warnings import OfficerOnly, region_scope
from core.dates import today_in_china
from scoring.screening import screen

router = APIRouter(tags=["screening"])


def _listed(subject_id: str) -> str:
    """List views mask resident ids for every role (issue 6); a household id stays."""
    return mask_id(subject_id) if len(subject_id) == 18 else subject_id


@router.get("/v1/screening", responses=problem_responses(401, 403, 404, 422))
def screening(
    request: Request,
    graph: GraphDep,
    officer: OfficerOnly,
    as_of: Day | None = None,
    region: Annotated[str | None, Query(max_length=12)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(pattern=r"^\d{1,9}$")] = None,
) -> FindingPage:
    """Persons meeting T1 not enrolled in tekun, tekun to review, single-person dibao (E6),
    households meeting E3 not enrolled, and dependents flagged after a supporter's death,
    disability or unemployment; computed on request for the region (or one inside it)."""
    findings = screen(graph, region_scope(officer, region), as_of or today_in_china())
    start = int(cursor or 0)
    page = findings[start : start + limit]
    request.state.audit_ids.extend(f.subject_id for f in page)
    more = start + limit < len(findings)
    shown = [f.with_ids(mask_id) for f in page]  # ids in reasons as in the list (issue 14.2)
    return FindingPage(
        items=[
            FindingPublic(
                kind=f.kind,
                subject_id=_listed(f.subject_id),
                household_id=f.household_id,
                reasons=list(f.reasons),
                explanations=explanations(f.explanations),
            )
            for f in shown
        ],
        next_cursor=str(start + limit) if more else None,
    )
