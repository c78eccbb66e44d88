"""`GET /health`: the Neo4j server behind the API, as it reports itself."""

from neo4j.exceptions import DriverError, Neo4jError

from api.models.health import HealthPublic, Neo4jPublic
from core.errors import ServiceUnavailable
from cypher import query
from graph.db import Graph

__all__ = ["health"]

SERVER_COMPONENTS = query("health/server_components")


def health(graph: Graph, with_server: bool) -> HealthPublic:
    """Ask the server itself for its version and edition; `ServiceUnavailable` if it is down.
    The version and edition only `with_server` (a caller with a valid token: they tell an
    attacker which known flaws to try, issue 14 item 13); the server is asked either way."""
    try:
        rows = graph.read(SERVER_COMPONENTS)
    except (DriverError, Neo4jError) as exc:
        raise ServiceUnavailable(f"Neo4j does not answer: {type(exc).__name__}") from exc
    if not with_server:
        return HealthPublic(status="ok")
    row = rows[0]
    return HealthPublic(
        status="ok", neo4j=Neo4jPublic(version=row["version"], edition=row["edition"])
    )
