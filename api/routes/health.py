"""`GET /health`: liveness of the API and of the Neo4j server behind it. No token needed;
the server's version only for a caller with a valid token (issue 14 item 13)."""

from fastapi import APIRouter

from api.deps import GraphDep, MaybeOfficer
from api.errors import problem_responses
from api.models.health import HealthPublic
from api.services import health as service

__all__ = ["router"]

router = APIRouter(tags=["health"])


@router.get("/health", responses=problem_responses(401, 503), response_model_exclude_none=True)
def health(graph: GraphDep, officer: MaybeOfficer) -> HealthPublic:
    """`{"status": "ok"}` when Neo4j answers, 503 when it does not; with a valid token also
    the Neo4j version and edition, from the server itself (they tell an attacker which
    known flaws to try, so anonymous callers do not get them)."""
    return service.health(graph, with_server=officer is not None)
