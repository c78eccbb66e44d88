"""Every exception household-graph raises on purpose, in one tree. Most are defined here; a
layer defines the leaves of its own rules beside them (the module in brackets), and draws no
tree of its own.

    HhgraphError
    ├── ConfigError            a setting is missing, malformed or a placeholder
    │   └── PolicyError        a procedure setting (HHGRAPH_*) is malformed or out of bounds
    │                          [procedure.errors]
    ├── InvalidInput           what a user gave (a date, a region code, a ruleset or feed
    │   │                      file) cannot be used; also a ValueError
    │   ├── TooManyRecords     a request body holds more records than one request may carry
    │   │                      [loaders.read]
    │   └── UnknownCheck       a rule id the integrity registry holds no check for (RULES §9)
    ├── GraphUnavailable       Neo4j cannot be reached (graph.connection); names the URI
    ├── GraphRefused           Neo4j answers but refuses NEO4J_USER / NEO4J_PASSWORD
    ├── QueryError
    │   ├── UnknownQuery       no cypher/<name>.cypher file
    │   ├── BadInclude         an include names no fragment, misses arguments, or cycles
    │   └── NotOne             a query meant to give one row (or one value) gave another count
    ├── ServerError            the local Neo4j server (graph.server)
    │   ├── BuildError         Maven could not build the launcher
    │   ├── ServerStartError   the server did not come up; names the log to read
    │   ├── ServerNotRunning   no local server where one was expected
    │   └── ImportFailed       Neo4j's bulk importer failed (graph.bulkimport); names its report
    │       └── DatabaseNotEmpty   an initial import's target database holds data
    ├── NotFound               no such resource, or one outside the caller's region
    ├── InvalidToken           the bearer token is missing, malformed, expired or refused
    ├── InvalidCursor          a list's cursor that the list did not hand out
    ├── InvalidField           a body's field breaks its rule (an applicant who is no member)
    ├── ServiceUnavailable     a dependency (Neo4j) does not answer
    ├── RescoreBusy            another run holds the rescoring lock [scoring.runs]
    ├── RunInterrupted         a run lost the rescoring lock to another [scoring.runs]
    ├── ProcedureError         a procedure rule (RULES §6) refuses what was asked
    │   │                      [procedure.errors]
    │   ├── StepNotAllowed     the status does not allow the step (a 409 naming status and rule)
    │   │   ├── Overdrawn      a payment above the standby fund's balance (R5) [funds.ledger]
    │   │   └── ReadOnly       a change to a signed case conference (R6) [conferences.errors]
    │   ├── NoShortfall        a dibao amount where income is not below the standard (P8, E3)
    │   └── TimelineError      a step that would break the append-only timeline (P12)
    ├── InvalidNotice          the facts cannot make a lawful notice (P9); also a ValueError
    │   │                      [notices.errors]
    │   └── UnknownRule        a rule id with no plain-Chinese text in notices.rules.RULE_TEXT
    ├── WebhookError           the webhooks package [webhooks.errors]
    │   └── InvalidWebhook     a department, region, URL, topic or body the outbox refuses;
    │                          also a ValueError
    └── AccountError           sign-in and account administration (CONTRACT §5)
        │                      [accounts.errors]
        ├── BadCredentials     wrong username, password or refresh token: one answer (401)
        │   └── OtpRequired    the right password, the one-time code missing or wrong (401)
        ├── AccountLocked      five failures in a row: locked for 15 minutes (423)
        ├── AccountDisabled    the right password of a disabled account (403)
        ├── NotAllowed         above the caller's role, or a session limited to its password
        │                      or its second factor (403)
        └── AccountConflict    a username taken, or no second factor being enrolled (409)

NotFound, InvalidToken, InvalidCursor, InvalidField and ServiceUnavailable are refusals of
a request, as are StepNotAllowed (409 naming the state and rules) and the AccountErrors (each
names its status): the API answers each with
one status and problem type (the table in `api/errors.py`), its message as the problem's
`detail`, so a message is written for the caller and never holds
what the caller may not learn. The errors that are also ValueErrors are bad input, so that a
caller validating input (a pydantic validator, a route answering 422) catches them as it
catches pydantic's. The CLI catches the root alone (`hhgraph.terminal.Commands`) and prints
any of them as one line. `tests/core/test_errors.py` checks that this tree draws every
subclass of `HhgraphError` in the product's packages.

Driver errors (`neo4j.exceptions.*`) are not wrapped: callers that can act on them (the API's
health route, retries in managed transactions) catch them directly. The one exception is a
command's graph (`graph.connection.open_graph`): there "Neo4j cannot be reached" becomes
`GraphUnavailable` and refused credentials `GraphRefused`, which the CLI prints as one line
(issue 15 items 4, 6).
"""

__all__ = [
    "BadInclude",
    "BuildError",
    "ConfigError",
    "DatabaseNotEmpty",
    "GraphRefused",
    "GraphUnavailable",
    "HhgraphError",
    "ImportFailed",
    "InvalidCursor",
    "InvalidField",
    "InvalidInput",
    "InvalidToken",
    "NotFound",
    "NotOne",
    "QueryError",
    "ServerError",
    "ServerNotRunning",
    "ServerStartError",
    "ServiceUnavailable",
    "UnknownCheck",
    "UnknownQuery",
]


class HhgraphError(Exception):
    """Base of every error raised on purpose by household-graph."""


class ConfigError(HhgraphError):
    """A setting is missing, malformed, or a placeholder where a real value is required."""


class InvalidInput(HhgraphError, ValueError):
    """What a user gave cannot be used: a date, a region code (I2), a ruleset or a feed file
    that does not parse. Raised where the input is read (`core.dates.parse_day`,
    `core.ids`, `scoring.ruleset.load_ruleset`, `loaders.read`), so that the CLI prints it as
    any error of the tree; a `ValueError` too, so that a pydantic validator or a route that
    refuses a bad value as a ValueError takes it unchanged."""


class UnknownCheck(InvalidInput):
    """A rule id the integrity registry holds no check for (`hhgraph integrity --rule X9`;
    RULES §9: X1–X8)."""


class GraphUnavailable(HhgraphError):
    """Neo4j cannot be reached: nothing answers at the configured URI, or no URI is set and
    no local server runs. The message names the URI and what to do."""


class GraphRefused(HhgraphError):
    """Neo4j answers at the configured URI but refuses the credentials (`NEO4J_USER`,
    `NEO4J_PASSWORD`). The message names the URI and the user, never the password."""


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


class ImportFailed(ServerError):
    """Neo4j's bulk importer (`neo4j-admin database import full`) did not finish: its own
    words and where its report is (issue 20)."""


class DatabaseNotEmpty(ImportFailed):
    """`hhgraph import --initial` was pointed at a database that holds data: an initial
    import replaces the store, so it refuses before anything is written (issue 20)."""


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


class InvalidField(HhgraphError):
    """A field of a request breaks its rule in a way only the graph can tell (an applicant who
    is not a current member, one investigator where two are needed): a 422 naming the field,
    as a schema error of that field would (CONTRACT §4). `field` is its path in the body;
    `code`, where a client renders the refusal in its own words (the console's Chinese for
    the password policy, issue 16), names which rule of the field it broke."""

    def __init__(self, field: str, message: str, code: str | None = None) -> None:
        self.field = field
        self.code = code
        super().__init__(f"{field}: {message}")


class ServiceUnavailable(HhgraphError):
    """A dependency of the request (Neo4j) does not answer; the caller may try again."""
