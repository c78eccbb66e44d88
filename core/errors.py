"""Every exception household-graph raises on purpose.

    HhgraphError
    ├── ConfigError            a setting is missing, malformed or a placeholder
    ├── QueryError
    │   └── UnknownQuery       no cypher/<name>.cypher file
    ├── ServerError            the local Neo4j server (graph.server)
    │   ├── BuildError         Maven could not build the launcher
    │   ├── ServerStartError   the server did not come up; names the log to read
    │   └── ServerNotRunning   no local server where one was expected
    ├── NotFound               no such resource, or one outside the caller's region
    ├── InvalidToken           the bearer token is missing, malformed, expired or refused
    ├── InvalidCursor          a list's cursor that the list did not hand out
    └── ServiceUnavailable     a dependency (Neo4j) does not answer

The last four are refusals of a request: the API answers each with one status and problem
type (the table in `api/errors.py`), its message as the problem's `detail`, so a message is
written for the caller and never holds what the caller may not learn.

Driver errors (`neo4j.exceptions.*`) are not wrapped: callers that can act on them (the API's
health route, retries in managed transactions) catch them directly.
"""

__all__ = [
    "BuildError",
    "ConfigError",
    "HhgraphError",
    "InvalidCursor",
    "InvalidToken",
    "NotFound",
    "QueryError",
    "ServerError",
    "ServerNotRunning",
    "ServerStartError",
    "ServiceUnavailable",
    "UnknownQuery",
]


class HhgraphError(Exception):
    """Base of every error raised on purpose by household-graph."""


class ConfigError(HhgraphError):
    """A setting is missing, malformed, or a placeholder where a real value is required."""


class QueryError(HhgraphError):
    """A named query cannot be loaded or used."""


class UnknownQuery(QueryError):
    """No `cypher/<name>.cypher` file exists for the requested name."""


class ServerError(HhgraphError):
    """The local Neo4j server could not be built, started, stopped or found."""


class BuildError(ServerError):
    """Maven failed to build the embedded-Neo4j launcher."""


class ServerStartError(ServerError):
    """The server process exited or did not answer on Bolt in time."""


class ServerNotRunning(ServerError):
    """An operation needs the local server, and none runs for that data directory."""


class NotFound(HhgraphError):
    """No such resource for this caller: absent, or outside the caller's region. The two are
    one refusal with one message (CONTRACT §3, issue 14 item 1): anything else would tell the
    caller which ids exist elsewhere."""


class InvalidToken(HhgraphError):
    """The bearer token is missing, malformed, expired, wrongly signed, has bad claims or
    names a region that does not exist."""


class InvalidCursor(HhgraphError):
    """A list's `cursor` that this list did not hand out (a cursor is never query text; its
    message names the parameter, e.g. "cursor: not a cursor of this list")."""


class ServiceUnavailable(HhgraphError):
    """A dependency of the request (Neo4j) does not answer; the caller may try again."""
