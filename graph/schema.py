"""Schema migrations: the uniqueness constraints and indexes of `cypher/migrations/`.

Every statement is `CREATE ... IF NOT EXISTS`, so applying all files again is a no-op; there is
no migration ledger to drift from the real schema. Schema commands run one per auto-commit
transaction, as Neo4j requires (a schema change cannot share a transaction with data writes).
"""

from typing import Any

from neo4j import Query, RoutingControl

from cypher import names, query
from graph.db import Graph

MIGRATIONS = "migrations"


def migrate(graph: Graph) -> list[str]:
    """Apply every migration file in name order; return the names of the files applied.

    Complexity: one round trip per statement; constraint creation scans the labelled nodes once.
    """
    applied: list[str] = []
    for name in names(MIGRATIONS):
        for statement in query(name).statements():
            graph.driver.execute_query(
                Query(statement, timeout=graph.timeout_s),
                routing_=RoutingControl.WRITE,
                database_=graph.database,
            )
        applied.append(name)
    graph.driver.execute_query("CALL db.awaitIndexes(300)", database_=graph.database)
    return applied


def current_schema(graph: Graph) -> list[dict[str, Any]]:
    """Every index (with its owning constraint) of the database, sorted by name."""
    return graph.read("schema/show_indexes")
