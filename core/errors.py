"""Every exception household-graph raises on purpose.

    HhgraphError
    ├── ConfigError            a setting is missing, malformed or a placeholder
    ├── QueryError
    │   ├── UnknownQuery       no cypher/<name>.cypher file
    │   ├── BadInclude         an include names no fragment, misses arguments, or cycles
    │   └── NotOne             a query meant to give one row (or one value) gave another count
    └── ServerError            the local Neo4j server (graph.server)
        ├── BuildError         Maven could not build the launcher
        ├── ServerStartError   the server did not come up; names the log to read
        └── ServerNotRunning   no local server where one was expected

Driver errors (`neo4j.exceptions.*`) are not wrapped: callers that can act on them (the API's
health route, retries in managed transactions) catch them directly.
"""


class HhgraphError(Exception):
    """Base of every error raised on purpose by household-graph."""


class ConfigError(HhgraphError):
    """A setting is missing, malformed, or a placeholder where a real value is required."""


class QueryError(HhgraphError):
    """A named query cannot be loaded or used."""


class UnknownQuery(QueryError):
    """No `cypher/<name>.cypher` file exists for the requested name."""


class BadInclude(QueryError):
    """An include line of a query names no fragment below `cypher/fragments/`, gives other
    arguments than the fragment's placeholders, or fragments include each other in a cycle."""


class NotOne(QueryError):
    """A query run with `Graph.one`, `one_or_none` or `value` gave more rows than one (or none
    where one is required), or `value` found a row of more than one column: the query does not
    mean what its caller assumes, which is a bug to report, not a case to handle."""


class ServerError(HhgraphError):
    """The local Neo4j server could not be built, started, stopped or found."""


class BuildError(ServerError):
    """Maven failed to build the embedded-Neo4j launcher."""


class ServerStartError(ServerError):
    """The server process exited or did not answer on Bolt in time."""


class ServerNotRunning(ServerError):
    """An operation needs the local server, and none runs for that data directory."""
