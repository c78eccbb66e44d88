"""Investigators' routes: the case graph around a subject and how two persons are related."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool

from api.deps import GraphDep, PlainAsOf, Reader, ResidentId
from api.errors import problem_responses
from api.models.cases import CaseGraphPublic, KinshipPathPublic
from api.services import cases as service

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["cases"])
ERRORS = problem_responses(401, 403, 404, 422)
SubjectId = Annotated[str, Path(min_length=1, max_length=64)]  # a person or a household


# `async def`, the service handed to the thread pool once: see api/routes/households.py.
@router.get("/cases/{subject_id}/graph", responses=ERRORS)
async def case_graph(
    request: Request,
    subject_id: SubjectId,
    graph: GraphDep,
    officer: Reader,
    as_of: PlainAsOf,
    depth: Annotated[int, Query(ge=1, le=3)] = 2,
) -> CaseGraphPublic:
    """Persons and households within `depth` (1–3) steps of a person or household; persons
    outside the caller's region masked, households outside it left out."""
    found = await run_in_threadpool(service.case_graph, graph, officer, subject_id, depth, as_of)
    request.state.audit_ids.extend(n.id for n in found.nodes if not n.masked)
    return found


@router.get("/persons/{a}/kinship-path/{b}", responses=ERRORS)
def kinship_path(
    request: Request,
    a: ResidentId,
    b: ResidentId,
    graph: GraphDep,
    officer: Reader,
    as_of: PlainAsOf,
) -> KinshipPathPublic:
    """The shortest path of parent and spouse edges from `a` to `b` (empty if unrelated); both
    must be in the caller's region, else 404."""
    if a == b:
        raise HTTPException(422, "a and b are the same person")
    found = service.kinship_path(graph, officer, a, b, as_of)
    request.state.audit_ids.extend(p.id for p in found.persons if not p.masked)
    return found
