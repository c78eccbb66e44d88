"""The one place that opens a Neo4j driver, and the `Graph` handle every layer queries through.

`Graph` runs query objects it is handed (`NamedQuery`: a name and a text), never names it
looks up: the caller's module loads its queries from `cypher/` when it is imported, so a
missing file fails at import, not at request time (issue 15 item 2), as aiosql's query
functions take the connection. graph/ and cypher/ stand side by side; neither imports the other.

Rows come back as Python values (`graph.values.plain`: Neo4j dates and times converted once,
here), and the cardinality a caller expects is stated once, at the call (aiosql's `^` and `$`,
issue 15 item 3): `read`/`write` give every row, `one` exactly one, `one_or_none` at most one,
`value` the single column of the single row; the last three raise `NotOne` otherwise.

Every query runs in a managed transaction (retried on transient errors, so transaction
functions must be idempotent), against an explicit database, with routing stated (reads may go
to a cluster's secondaries), a client-side timeout and metadata naming the query, so that a slow
query shows up by name in `SHOW TRANSACTIONS` and the server's logs.

`First` (`run_first`): one read that must run before anything else a request does, in the
first transaction that request opens (the API's session check of an account's token,
docs/security.md): it shares that transaction's session, BEGIN and COMMIT instead of paying
its own, and its check raising aborts the transaction before the caller's query has run or
written anything. It is held in a context variable, so it follows the request into the
thread that runs its service.
"""

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeVar

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
from neo4j.exceptions import (
    ConnectionAcquisitionTimeoutError,
    DatabaseUnavailable,
    Neo4jError,
    ResultFailedError,
    ServiceUnavailable,
    SessionExpired,
)

from core.errors import NotOne, ServerNotRunning
from core.settings import Settings
from graph import server
from graph.values import plain

T = TypeVar("T")

# "Property key does not exist" and the like are expected on a young graph (a feed not yet
# loaded); they would flood the log of every query that mentions such a key.
DRIVER_CONFIG: dict[str, Any] = {
    "notifications_disabled_classifications": [NotificationDisabledClassification.UNRECOGNIZED],
}
Row = dict[str, Any]
# The driver's errors that mean "Neo4j does not answer now" rather than "this query is wrong":
# the API answers them with 503 and Retry-After (issue 14 item 9).
UNAVAILABLE: tuple[type[Exception], ...] = (
    ServiceUnavailable,
    SessionExpired,
    ConnectionAcquisitionTimeoutError,
    DatabaseUnavailable,
)


class NamedQuery(Protocol):
    """What `Graph` needs of a query: its name (transaction metadata, logs) and its text.
    `cypher.Query` is one; the text is always one of our own `.cypher` files, never input."""

    @property
    def name(self) -> str: ...

    @property
    def text(self) -> str: ...


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


def open_driver(settings: Settings, retry_s: float | None = None) -> Driver:
    """A driver for the configured server; the caller closes it.

    The local server runs without authentication (loopback only); any other server gets
    `NEO4J_USER`/`NEO4J_PASSWORD` when a password is set. Connecting and waiting for a pooled
    connection are bounded by settings; `retry_s` bounds the retries of a managed transaction
    (the driver's default, 30 s, when None: batch loads ride out deadlocks with it).
    """
    uri = resolve_uri(settings)
    auth = None
    if settings.neo4j_password is not None:
        auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    bounds: dict[str, Any] = {
        "connection_timeout": settings.connect_timeout_s,
        "connection_acquisition_timeout": settings.acquire_timeout_s,
    }
    if retry_s is not None:
        bounds["max_transaction_retry_time"] = retry_s
    return GraphDatabase.driver(
        uri, auth=auth, user_agent="household-graph", **DRIVER_CONFIG, **bounds
    )


@dataclass(slots=True)
class Pause:
    """After Neo4j did not answer, calls fail at once for `seconds` instead of each waiting
    for its own connect and retries: during an outage a burst of requests would otherwise
    hold every worker thread, and `/health` with them (issue 14 item 9). The first call after
    the pause asks Neo4j again."""

    seconds: float
    until: float = field(default=0.0)

    def check(self) -> None:
        if time.monotonic() < self.until:
            raise ServiceUnavailable("Neo4j did not answer a moment ago")

    def start(self) -> None:
        self.until = time.monotonic() + self.seconds


@dataclass(slots=True)
class First:
    """A read to run first in the first transaction opened while it is set (`run_first`):
    `check` sees its one row (None for none) and raises to refuse; `done` once it passed.
    The read must be cheap and idempotent: a retried transaction runs it again."""

    query: "NamedQuery"
    params: Mapping[str, Any]
    check: Callable[[Row | None], None]
    done: bool = False

    def run(self, tx: ManagedTransaction) -> None:
        """Run the read in `tx` and its check (raising refuses the whole transaction)."""
        record = tx.run(self.query.text, dict(self.params)).single()
        self.check(None if record is None else plain(record.data()))
        self.done = True


_FIRST: ContextVar[First | None] = ContextVar("hhgraph_first", default=None)


@contextmanager
def run_first(first: First) -> Iterator[First]:
    """While the block runs (and in the threads it hands work to), the first transaction any
    `Graph` opens in this context runs `first` before its own work; the caller checks
    `first.done` afterwards and runs it alone (`Graph.run_alone`) if nothing opened one."""
    token = _FIRST.set(first)
    try:
        yield first
    finally:
        _FIRST.reset(token)


def _pending() -> First | None:
    first = _FIRST.get()
    return None if first is None or first.done else first


@dataclass(frozen=True, slots=True)
class Graph:
    """A driver bound to one database, one transaction timeout and the actor of its writes."""

    driver: Driver
    database: str = "neo4j"
    timeout_s: float = 30.0
    pause: Pause | None = None
    # Who the writes are for: the loaders' upserts store it as `updated_by` on every node and
    # relationship they change (issue 14 item 8). None: the property is left unset.
    actor: str | None = None

    def acting_as(self, actor: str) -> "Graph":
        """This handle, with writes recorded as made by `actor` (a token's `sub`, `cli:user`)."""
        return replace(self, actor=actor)

    def _guarded(self, call: Callable[[], T]) -> T:
        """`call()`, failing at once while a pause runs and starting one when Neo4j does not
        answer."""
        if self.pause is None:
            return call()
        self.pause.check()
        try:
            return call()
        except UNAVAILABLE:
            self.pause.start()
            raise

    def _query(self, query: NamedQuery) -> Query:
        return Query(
            query.text,
            metadata={"app": "household-graph", "query": query.name},
            timeout=self.timeout_s,
        )

    def read(self, query: NamedQuery, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Rows of `query`, run as a read (routed to any cluster member)."""
        return self._rows(query, params, RoutingControl.READ)

    def write(self, query: NamedQuery, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Rows of `query`, run as a write on the leader. The query must be idempotent."""
        return self._rows(query, params, RoutingControl.WRITE)

    def one(
        self, query: NamedQuery, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> Row:
        """The one row of `query` (run as a write with `write`); `NotOne` for none or more."""
        row = self.one_or_none(query, params, write=write)
        if row is None:
            raise NotOne(f"{query.name} gave no row; exactly one was expected")
        return row

    def one_or_none(
        self, query: NamedQuery, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> Row | None:
        """The row of `query`, or None when it gives none (a subject that does not exist or
        lies outside the caller's region); `NotOne` for more than one."""
        rows = self._rows(query, params, RoutingControl.WRITE if write else RoutingControl.READ)
        if len(rows) > 1:
            raise NotOne(f"{query.name} gave {len(rows)} rows; at most one was expected")
        return rows[0] if rows else None

    def value(
        self, query: NamedQuery, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> Any:
        """The single column of the one row of `query` (a count, a list collected in Cypher);
        `NotOne` unless there is exactly one row of exactly one column."""
        row = self.one(query, params, write=write)
        if len(row) != 1:
            raise NotOne(f"{query.name} gave columns {sorted(row)}; one value was expected")
        return next(iter(row.values()))

    def _rows(
        self, query: NamedQuery, params: Mapping[str, Any] | None, routing: RoutingControl
    ) -> list[Row]:
        statement = self._query(query)
        first = _pending()
        if first is not None:  # in one transaction with the read that must run first
            return self._with_first(first, query, params, routing)

        def run() -> list[Row]:
            rows: list[Row] = self.driver.execute_query(
                statement,
                dict(params or {}),
                routing_=routing,
                database_=self.database,
                result_transformer_=_plain_rows,
            )
            return rows

        return self._guarded(run)

    def _with_first(
        self,
        first: First,
        query: NamedQuery,
        params: Mapping[str, Any] | None,
        routing: RoutingControl,
    ) -> list[Row]:
        def work(tx: ManagedTransaction) -> list[Row]:
            return _plain_rows(tx.run(query.text, dict(params or {})))

        work.__qualname__ = query.name  # the transaction's metadata names the query
        if routing == RoutingControl.WRITE:
            return self.execute_write(work)
        return self.execute_read(work)

    def run_alone(self, first: First) -> None:
        """`first` in a read transaction of its own (nothing else opened one)."""

        def run() -> None:
            with self.driver.session(database=self.database) as session:
                session.execute_read(self._unit(first.run))

        self._guarded(run)

    def _unit(self, work: Callable[[ManagedTransaction], T]) -> Callable[..., T]:
        metadata = {"app": "household-graph", "work": getattr(work, "__qualname__", "tx")}
        return unit_of_work(metadata=metadata, timeout=self.timeout_s)(work)

    def execute_write(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run an idempotent transaction function as one write transaction (retried on
        transient errors, with the timeout and metadata of every query)."""

        def run() -> T:
            with self.driver.session(database=self.database) as session:
                return session.execute_write(self._unit(_first_then(work)))

        return self._guarded(lambda: _retried_when_masked(run))

    def execute_read(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run a transaction function as one read transaction."""

        def run() -> T:
            with self.driver.session(database=self.database) as session:
                return session.execute_read(self._unit(_first_then(work)))

        return self._guarded(run)


MASKED_RETRIES = 5


def _retried_when_masked(run: Callable[[], T]) -> T:
    """`run()` again (at most `MASKED_RETRIES` times) when the driver's own retry was masked:
    a retryable error (a deadlock, DeadlockDetected) raised while a result's records were
    fetched leaves that result failed, the rollback that follows raises `ResultFailedError`
    from it, and the driver gives that up as not retryable (neo4j 6.4; seen under 50
    concurrent payments of one fund, tests/funds). The transaction functions are idempotent."""
    for attempt in range(MASKED_RETRIES + 1):
        try:
            return run()
        except ResultFailedError as exc:
            cause = exc.__cause__
            if not (isinstance(cause, Neo4jError) and cause.is_retryable()):
                raise
            if attempt == MASKED_RETRIES:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")  # the loop returns or raises


def _first_then(work: Callable[[ManagedTransaction], T]) -> Callable[[ManagedTransaction], T]:
    """`work`, preceded by the pending `First` of this context, if any (`run_first`)."""
    first = _pending()
    if first is None:
        return work

    def both(tx: ManagedTransaction) -> T:
        first.run(tx)
        return work(tx)

    both.__qualname__ = getattr(work, "__qualname__", "tx")
    return both


def _plain_rows(result: Result) -> list[Row]:
    """Every row of `result` as a dict of Python values (`graph.values.plain`)."""
    return [plain(record.data()) for record in result]


def graph_for(driver: Driver, settings: Settings, pause: bool = False) -> Graph:
    """The `Graph` for `driver` with the configured database and timeout; with `pause`, calls
    fail at once for a moment after Neo4j did not answer (the API's)."""
    return Graph(
        driver,
        settings.neo4j_database,
        settings.query_timeout_s,
        Pause(settings.unavailable_pause_s) if pause else None,
    )
