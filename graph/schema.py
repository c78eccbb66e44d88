"""Schema migrations: the uniqueness constraints and indexes its caller hands in.

The migrations are `cypher/migrations/` (`cypher.migrations()`), but graph/ does not import
cypher/ (issue 15 item 2): the API's start, `hhgraph db migrate`, the tests and the benchmarks
pass them in. Every statement is `CREATE ... IF NOT EXISTS`, so applying all files again is a
no-op; there is no migration ledger to drift from the real schema. Schema commands run one per
auto-commit transaction, as Neo4j requires (a schema change cannot share a transaction with
data writes).
"""

from collections.abc import Sequence
from typing import Any, Protocol

from neo4j import Query, RoutingControl

from graph.db import Graph, NamedQuery


class Migration(Protocol):
    """A migration file: its name and its statements (`cypher.Query` is one)."""

    @property
    def name(self) -> str: ...

    def statements(self) -> list[str]: ...


def migrate(graph: Graph, migrations: Sequence[Migration]) -> list[str]:
    """Apply `migrations` in name order (001_, 002_, ...: later files may rely on earlier
    ones); return the names of the files applied.

    Complexity: one round trip per statement; constraint creation scans the labelled nodes once.
    """
    applied: list[str] = []
    for migration in sorted(migrations, key=lambda m: m.name):
        for statement in migration.statements():
            graph.driver.execute_query(
                Query(statement, timeout=graph.timeout_s),
                routing_=RoutingControl.WRITE,
                database_=graph.database,
            )
        applied.append(migration.name)
    graph.driver.execute_query("CALL db.awaitIndexes(300)", database_=graph.database)
    return applied


def current_schema(graph: Graph, show_indexes: NamedQuery) -> list[dict[str, Any]]:
    """Every index (with its owning constraint) of the database, sorted by name, as
    `show_indexes` (`cypher/schema/show_indexes`) lists them."""
    return graph.read(show_indexes)
