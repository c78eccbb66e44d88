"""The one place that opens a Neo4j driver, and the `Graph` handle every layer queries through.

Every query runs in a managed transaction (retried on transient errors, so transaction
functions must be idempotent), against an explicit database, with routing stated (reads may go
to a cluster's secondaries), a client-side timeout and metadata naming the query, so that a slow
query shows up by name in `SHOW TRANSACTIONS` and the server's logs.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from neo4j import (
    Driver,
    GraphDatabase,
    ManagedTransaction,
    NotificationDisabledClassification,
    Query,
    Result,
    RoutingControl,
    unit_of_work,
)

from cypher import query as named_query
from graph import server
from hhgraph.errors import ServerNotRunning
from hhgraph.settings import Settings

T = TypeVar("T")

# "Property key does not exist" and the like are expected on a young graph (a feed not yet
# loaded); they would flood the log of every query that mentions such a key.
DRIVER_CONFIG: dict[str, Any] = {
    "notifications_disabled_classifications": [NotificationDisabledClassification.UNRECOGNIZED],
}
Row = dict[str, Any]


def resolve_uri(settings: Settings) -> str:
    """`NEO4J_URI` if set, else the URI of the local server running in `settings.data_dir`."""
    if settings.neo4j_uri:
        return settings.neo4j_uri
    info = server.status(settings.data_dir)
    if info is None:
        raise ServerNotRunning(
            f"NEO4J_URI is not set and no local server runs in {settings.data_dir}; "
            "run `hhgraph db start` or set NEO4J_URI"
        )
    return info.uri


def open_driver(settings: Settings) -> Driver:
    """A driver for the configured server; the caller closes it.

    The local server runs without authentication (loopback only); any other server gets
    `NEO4J_USER`/`NEO4J_PASSWORD` when a password is set.
    """
    uri = resolve_uri(settings)
    auth = None
    if settings.neo4j_password is not None:
        auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    return GraphDatabase.driver(uri, auth=auth, user_agent="household-graph", **DRIVER_CONFIG)


@dataclass(frozen=True, slots=True)
class Graph:
    """A driver bound to one database and one transaction timeout."""

    driver: Driver
    database: str = "neo4j"
    timeout_s: float = 30.0

    def _query(self, name: str) -> Query:
        text = named_query(name).text  # only our own .cypher files
        return Query(
            text, metadata={"app": "household-graph", "query": name}, timeout=self.timeout_s
        )

    def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Rows of the named query, run as a read (routed to any cluster member)."""
        rows: list[Row] = self.driver.execute_query(
            self._query(name),
            dict(params or {}),
            routing_=RoutingControl.READ,
            database_=self.database,
            result_transformer_=Result.data,
        )
        return rows

    def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Rows of the named query, run as a write on the leader. The query must be idempotent."""
        rows: list[Row] = self.driver.execute_query(
            self._query(name),
            dict(params or {}),
            routing_=RoutingControl.WRITE,
            database_=self.database,
            result_transformer_=Result.data,
        )
        return rows

    def _unit(self, work: Callable[[ManagedTransaction], T]) -> Callable[..., T]:
        metadata = {"app": "household-graph", "work": getattr(work, "__qualname__", "tx")}
        return unit_of_work(metadata=metadata, timeout=self.timeout_s)(work)

    def execute_write(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run an idempotent transaction function as one write transaction (retried on
        transient errors, with the timeout and metadata of every query)."""
        with self.driver.session(database=self.database) as session:
            return session.execute_write(self._unit(work))

    def execute_read(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run a transaction function as one read transaction."""
        with self.driver.session(database=self.database) as session:
            return session.execute_read(self._unit(work))

    def statement(self, name: str) -> str:
        """The text of a named query, for use inside a transaction function."""
        return named_query(name).text


def graph_for(driver: Driver, settings: Settings) -> Graph:
    """The `Graph` for `driver` with the configured database and timeout."""
    return Graph(driver, settings.neo4j_database, settings.query_timeout_s)
