"""`GET /health`: liveness of the API and of the Neo4j server behind it. No token needed."""

from fastapi import APIRouter

from api import services
from api.deps import GraphDep
from api.errors import problem_responses
from api.models import HealthPublic

router = APIRouter(tags=["health"])


@router.get("/health", responses=problem_responses(503))
def health(graph: GraphDep) -> HealthPublic:
    """The Neo4j version and edition, from the server itself; 503 when it does not answer."""
    return services.health(graph)
