"""Investigators' routes: the case graph around a subject and how two persons are related."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request

from api import case_services as services
from api.case_models import CaseGraphPublic, KinshipPathPublic
from api.dates import Day
from api.deps import GraphDep, Reader
from api.errors import problem_responses
from core.dates import today_in_china
from core.errors import NotFound

router = APIRouter(prefix="/v1", tags=["cases"])
ERRORS = problem_responses(401, 403, 404, 422)
SubjectId = Annotated[str, Path(min_length=1, max_length=64)]
PersonId = Annotated[str, Path(min_length=18, max_length=18)]


@router.get("/cases/{subject_id}/graph", responses=ERRORS)
def case_graph(
    request: Request,
    subject_id: SubjectId,
    graph: GraphDep,
    officer: Reader,
    depth: Annotated[int, Query(ge=1, le=3)] = 2,
    as_of: Day | None = None,
) -> CaseGraphPublic:
    """Persons and households within `depth` (1–3) steps of a person or household; persons
    outside the caller's region masked, households outside it left out."""
    found = services.case_graph(graph, officer, subject_id, depth, as_of or today_in_china())
    if found is None:
        raise NotFound(f"no person or household {subject_id}")
    request.state.audit_ids.extend(n.id for n in found.nodes if not n.masked)
    return found


@router.get("/persons/{a}/kinship-path/{b}", responses=ERRORS)
def kinship_path(
    request: Request,
    a: PersonId,
    b: PersonId,
    graph: GraphDep,
    officer: Reader,
    as_of: Day | None = None,
) -> KinshipPathPublic:
    """The shortest path of parent and spouse edges from `a` to `b` (empty if unrelated); both
    must be in the caller's region, else 404."""
    if a == b:
        raise HTTPException(422, "a and b are the same person")
    found = services.kinship_path(graph, officer, a, b, as_of or today_in_china())
    if found is None:
        # One answer whichever is missing or outside, and whether or not it exists elsewhere:
        # anything else tells the caller which resident ids exist (issue 14 item 1).
        raise NotFound(f"no persons {a} and {b} both in the caller's region")
    request.state.audit_ids.extend(p.id for p in found.persons if not p.masked)
    return found
