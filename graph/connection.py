"""A command's graph: the driver and `Graph` opened from settings, closed after, and "Neo4j
cannot be reached" said once, as `core.errors.GraphUnavailable` (issue 15 items 6 and 9).

Every `hhgraph` command that talks to Neo4j opened its own driver (five copies), and a server
that was down showed as a page of driver traceback. Here the driver is opened, asked for a
connection at once (the driver itself is lazy: without the probe a command would first wait
out its managed-transaction retries, 30 s), and closed however the block ends. The failures
that mean "nothing answers" (no local server and no `NEO4J_URI`, a refused or unresolvable
address, a server that goes away mid-command) become one `GraphUnavailable` naming the URI and
what to do; credentials the server refuses become one `GraphRefused` naming the URI and the
user (never the password). Every other error (a wrong query) passes through unchanged.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from neo4j import Driver
from neo4j.exceptions import AuthError, DriverError

from core.errors import GraphRefused, GraphUnavailable, ServerNotRunning
from core.settings import Settings
from graph.db import UNAVAILABLE, Graph, graph_for, open_driver, resolve_uri

WHAT_TO_DO = "start the local server with `hhgraph db start`, or set NEO4J_URI to a running Neo4j"
# The driver's pool logs "Unable to retrieve routing information" before it raises the very
# same as ServiceUnavailable: a second line for a neo4j:// URI that the error already says.
POOL_LOGGER = "neo4j.pool"


def unreachable(uri: str, cause: Exception) -> GraphUnavailable:
    """The error of a URI where nothing answers, on one line: the driver's messages span
    several ("Couldn't connect to ...:\\nFailed to establish connection ...")."""
    reason = " ".join(str(cause).split()) or type(cause).__name__
    return GraphUnavailable(f"Neo4j cannot be reached at {uri} ({reason}); {WHAT_TO_DO}")


def refused(uri: str, user: str, cause: AuthError) -> GraphRefused:
    """The error of a server that refuses the credentials, on one line, with the server's
    reason (its message, not the driver's codes) and what to check."""
    reason = " ".join(str(cause.message or "").split()) or type(cause).__name__
    return GraphRefused(
        f"Neo4j at {uri} refused the credentials of NEO4J_USER {user!r} ({reason}); "
        "check NEO4J_USER and NEO4J_PASSWORD"
    )


@contextmanager
def open_graph(
    settings: Settings, *, actor: str | None = None, retry_s: float | None = None
) -> Iterator[Graph]:
    """The configured graph for the block (writes recorded as `actor`'s when given), its driver
    closed when the block ends, whether it returns or raises.

    Raises `GraphUnavailable` when no server can be found or none answers at its URI, and
    `GraphRefused` when it refuses the credentials, before the block runs or while it runs;
    `retry_s` as in `graph.db.open_driver`.
    """
    try:
        uri = resolve_uri(settings)
    except ServerNotRunning as exc:
        raise GraphUnavailable(f"Neo4j cannot be reached: {exc}") from exc
    try:
        driver = open_driver(settings, retry_s)
    except DriverError as exc:  # a URI the driver refuses to use (scheme, address)
        raise unreachable(uri, exc) from exc
    try:
        _probe(driver, uri)
        graph = graph_for(driver, settings)
        yield graph.acting_as(actor) if actor is not None else graph
    except UNAVAILABLE as exc:  # the server went away while the block ran
        raise unreachable(uri, exc) from exc
    except AuthError as exc:  # at the probe, or a password changed while the block ran
        raise refused(uri, settings.neo4j_user, exc) from exc
    finally:
        driver.close()


def _probe(driver: Driver, uri: str) -> None:
    """One connection now, within the connect timeout (HHGRAPH_CONNECT_TIMEOUT_S), so that a
    server that is down is told at once; GraphUnavailable if none answers."""
    pool = logging.getLogger(POOL_LOGGER)
    level = pool.level
    pool.setLevel(logging.CRITICAL)  # the failure is raised below, with the same words
    try:
        driver.verify_connectivity()
    except (DriverError, ValueError) as exc:  # ValueError: a port that is not a number
        raise unreachable(uri, exc) from exc
    finally:
        pool.setLevel(level)
