"""FastAPI dependencies and shared parameters, as `Annotated` aliases that routes declare in
their signatures: who may call a route (`Reader`, `Feeder`, `OfficerOnly`, `Verifier`), the
graph and settings, and the parameters several routes take (`AsOf`, `PersonId`,
`HouseholdId`, `RegionScope`, `Limit`), each defined once, so that the same parameter is
validated and documented alike wherever it means the same. Where the published schema
(docs/openapi.json) has always differed between routes, a variant keeps each route's as it
was: `PlainAsOf` without the note on the default, `AsOfQuery` listed among the route's own
parameters, `ResidentId` with the exact length of I1.

They are `async def` although none awaits: FastAPI runs a plain `def` dependency in its
thread pool, one hand-off per dependency and request, and these do no I/O (bench/latency.py).
"""

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from math import ceil
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from accounts import NotAllowed, session_first, session_state
from accounts.records import Limit as SessionLimit
from api.dates import Day
from api.security import OFFICERS, BadTokenLimit, Officer, Role, decode_token
from core.dates import today_in_china
from core.errors import InvalidToken, NotFound
from core.ids import normalise_region_code, region_level, region_prefix
from core.settings import Settings
from cypher import query
from graph.db import Graph, run_first
from procedure.policy import ProcedurePolicy

__all__ = [
    "AsOf",
    "AsOfQuery",
    "CurrentOfficer",
    "Feeder",
    "GraphDep",
    "Holder",
    "HouseholdId",
    "Limit",
    "MaybeOfficer",
    "OfficerOnly",
    "PersonId",
    "PlainAsOf",
    "PlainAsOfQuery",
    "PolicyDep",
    "Reader",
    "RegionScope",
    "ResidentId",
    "SettingsDep",
    "TownshipOnly",
    "Verifier",
    "allow",
    "or_today",
    "region_code",
    "region_scope",
]

_bearer = HTTPBearer(auto_error=False, description="A token from `hhgraph token`.")
REGION_EXISTS = query("regions/exists")


async def get_graph(request: Request) -> Graph:
    """The app's `Graph` (one driver per process, opened in the lifespan)."""
    graph: Graph = request.app.state.graph
    return graph


async def get_policy(request: Request) -> ProcedurePolicy:
    """The procedure settings the app was created with (RULES §6, read once at start)."""
    policy: ProcedurePolicy = request.app.state.policy
    return policy


async def get_app_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


async def _verified(request: Request, token: str, live_now: bool = True) -> Officer:
    """The officer a presented token names, else `InvalidToken` (401) with one message
    whatever was wrong (the reason stays in the chained exception, for the log); 429 while
    the client is over the limit on bad tokens (issue 14 item 15). An account's session is
    checked live here unless `live_now` is false (`current_officer` defers it to the
    request's first transaction)."""
    settings: Settings = request.app.state.settings
    limit: BadTokenLimit = request.app.state.bad_tokens
    client = request.client.host if request.client else "-"
    wait_s = limit.wait_s(client)
    if wait_s > 0:
        raise HTTPException(
            429, "too many bad tokens from this address", headers={"Retry-After": str(ceil(wait_s))}
        )
    try:
        officer = decode_token(token, request.app.state.secret, settings.token_max_minutes * 60.0)
        if not await _region_exists(request, officer.region):
            raise InvalidToken(f"the token's region {officer.region} is not a region")
        request.state.session_limit = None
        if officer.sid is not None and live_now:  # an account's session: live? (one read)
            graph: Graph = request.app.state.graph
            live, session_limit = await run_in_threadpool(session_state, graph, officer.sid)
            if not live:
                raise InvalidToken("the token's session has ended")
            request.state.session_limit = session_limit
    except InvalidToken as exc:
        limit.failed(client)
        raise InvalidToken("the bearer token is not valid") from exc
    request.state.officer = officer  # for the audit log
    return officer


async def _region_exists(request: Request, code: str) -> bool:
    """Whether a token's region is a region of the graph (issue 14 item 15). Regions are never
    deleted, so a code once found is remembered by the process; until the graph holds any
    region at all (a fresh database being loaded) every well-formed code passes."""
    known: set[str] = request.app.state.known_regions
    if code in known:
        return True
    graph: Graph = request.app.state.graph
    row = await run_in_threadpool(graph.one, REGION_EXISTS, {"code": code})
    if row["exists"]:
        known.add(code)
    return bool(row["exists"] or not row["any_region"])


LIMITED = {
    "password": "this session may only change its one-time password "
    "(POST /v1/accounts/me/password)",
    "otp": "this session may only enrol its second factor (POST /v1/accounts/me/otp)",
}


def _refusal(request: Request) -> Callable[[bool, SessionLimit | None], None]:
    """What the session check of `current_officer` does with the session's state: a session
    ended is 401 (and one more bad token of the client), a limited one 403."""
    limit: BadTokenLimit = request.app.state.bad_tokens
    counted: list[bool] = []  # a refusal seen again on the way out counts once

    def refuse(live: bool, session_limit: SessionLimit | None) -> None:
        if not live:
            if not counted:
                limit.failed(request.client.host if request.client else "-")
                counted.append(True)
            request.state.officer = None  # the audit names no caller, as for any bad token
            raise InvalidToken("the bearer token is not valid")
        if session_limit is not None:
            raise NotAllowed(LIMITED[session_limit])

    return refuse


async def current_officer(request: Request, credentials: Credentials) -> AsyncIterator[Officer]:
    """The caller named by a valid bearer token, else 401; a session limited to changing its
    password or enrolling its second factor is 403 here (CONTRACT §5).

    An account's session is checked (live, not limited) by the first read of the request's
    first transaction (`graph.db.run_first`): one Bolt session, BEGIN and COMMIT fewer a
    request (bench/api_cost.py, BENCHMARKS.md), and a session that ended refuses the
    transaction before the route's own query has run or written anything. A route that
    opened no transaction, or failed before one, has it checked alone on its way out, before
    any answer leaves (this dependency's scope is the route function)."""
    if credentials is None:
        raise InvalidToken("a bearer token is required")
    officer = await _verified(request, credentials.credentials, live_now=False)
    if officer.sid is None:  # `hhgraph token`: no session to check
        yield officer
        return
    graph: Graph = request.app.state.graph
    first = session_first(officer.sid, _refusal(request))
    try:
        with run_first(first):
            yield officer
    finally:
        if not first.done:  # raises the refusal, in place of the route's answer or error
            await run_in_threadpool(graph.run_alone, first)


async def session_holder(request: Request, credentials: Credentials) -> Officer:
    """The holder of an account's session, limited or not (the routes on one's own account);
    a token without a session (`hhgraph token`) is 403: it has no account to act on."""
    if credentials is None:
        raise InvalidToken("a bearer token is required")
    officer = await _verified(request, credentials.credentials)
    if officer.sid is None:
        raise NotAllowed("only a signed-in account's session may call this route")
    return officer


async def optional_officer(request: Request) -> Officer | None:
    """The caller of a public route: None without a token, 401 for a bad one. The header is
    read here rather than through `HTTPBearer`, which would mark the route in the OpenAPI
    schema as one that needs a token."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if not token:
        return None
    if scheme.lower() != "bearer":
        raise InvalidToken("a bearer token is required")
    return await _verified(request, token.strip())


CurrentOfficer = Annotated[Officer, Depends(current_officer, scope="function")]
Holder = Annotated[Officer, Depends(session_holder)]
MaybeOfficer = Annotated[Officer | None, Depends(optional_officer)]


def allow(*roles: Role) -> Callable[[Officer], Awaitable[Officer]]:
    """A dependency that lets only `roles` through (403 for any other valid caller)."""

    async def check(officer: CurrentOfficer) -> Officer:
        if officer.role not in roles:
            raise HTTPException(403, f"the role {officer.role} may not call this route")
        return officer

    return check


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
PolicyDep = Annotated[ProcedurePolicy, Depends(get_policy)]

# Who may call what (CONTRACT §3). Officers and investigators: the read routes on households,
# persons, cases and regions.
Reader = Annotated[Officer, Depends(allow(*sorted(OFFICERS), "investigator"))]
# Province and batch: ingest and rescoring.
Feeder = Annotated[Officer, Depends(allow("province", "batch"))]
# Officers only: the work queue and screening of their region.
OfficerOnly = Annotated[Officer, Depends(allow(*sorted(OFFICERS)))]
# Township and county officers: they verify warnings with a home visit (W6), and take an
# application's steps (CONTRACT §4).
Verifier = Annotated[Officer, Depends(allow("township", "county"))]
# The township alone: publicity, objections and transmission (P6, P7).
TownshipOnly = Annotated[Officer, Depends(allow("township"))]


_DEFAULT_TODAY = "Default: today in Guangdong."
# `as_of` as a route's own query parameter, for the routes that list it before their other
# query parameters (a dependency's parameters come after the route's own in the schema); the
# route passes `or_today(as_of)` on. `PlainAsOfQuery` is the same without the note on the
# default, as those routes have always documented it.
AsOfQuery = Annotated[Day | None, Query(description=_DEFAULT_TODAY)]
PlainAsOfQuery = Annotated[Day | None, Query()]


def or_today(as_of: date | None) -> date:
    """The day a dated answer is computed for: `as_of`, else today in Guangdong (UTC+8)."""
    return as_of or today_in_china()


async def _as_of(as_of: AsOfQuery = None) -> date:
    return or_today(as_of)


async def _plain_as_of(as_of: PlainAsOfQuery = None) -> date:
    return or_today(as_of)


# The date a dated answer is computed for: today in Guangdong (UTC+8) when not given. `AsOf`
# says so in the schema; `PlainAsOf` does not, on the routes whose schema never did.
AsOf = Annotated[date, Depends(_as_of)]
PlainAsOf = Annotated[date, Depends(_plain_as_of)]
# A resident id (I1) is 18 characters. The person routes look up any shorter id (and answer
# 404 for it, as for an unknown one); the kinship path refuses another length with 422.
PersonId = Annotated[str, Path(min_length=1, max_length=18)]
ResidentId = Annotated[str, Path(min_length=18, max_length=18)]
HouseholdId = Annotated[str, Path(min_length=1, max_length=64)]
Limit = Annotated[int, Query(ge=1, le=500)]  # CONTRACT §3: lists take `limit` (≤ 500)


def region_code(name: str, value: str) -> str:
    """`value` as a 12-digit region code (I2), else 422 naming the parameter `name`."""
    try:
        code = normalise_region_code(value)
        region_level(code)
    except ValueError as exc:
        raise HTTPException(422, f"{name}: {exc}") from exc
    return code


# An officer's list covers their region, or a narrower `region` inside it (`region_scope`).
RegionScope = Annotated[str | None, Query(max_length=12)]


def region_scope(officer: Officer, region: str | None) -> str:
    """The region prefix to list: the caller's, or a narrower one inside it (else 404, as a
    region that does not exist). Called by the route once its parameters are valid, so that
    a malformed request gets every schema error at once, as on any route."""
    if region is None:
        return officer.region_prefix
    prefix = region_prefix(region_code("region", region))
    if not prefix.startswith(officer.region_prefix):
        raise NotFound(f"no region {region} in the caller's region")
    return prefix
