"""The service functions the routes call: one per route, no HTTP in them."""

from neo4j.exceptions import DriverError, Neo4jError

from api.errors import ServiceUnavailable
from api.models import HealthPublic, Neo4jPublic
from graph.db import Graph


def health(graph: Graph) -> HealthPublic:
    """Ask the server itself for its version and edition; `ServiceUnavailable` if it is down."""
    try:
        rows = graph.read("health/server_components")
    except (DriverError, Neo4jError) as exc:
        raise ServiceUnavailable(f"Neo4j does not answer: {type(exc).__name__}") from exc
    row = rows[0]
    return HealthPublic(
        status="ok", neo4j=Neo4jPublic(version=row["version"], edition=row["edition"])
    )
