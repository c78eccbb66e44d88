"""The audit log (PIPL 个人信息保护法): who read or wrote whose data, when, and the outcome.

Every request to a `/v1/` route is one chained JSON line (`api/audit_chain.py`; why files and
not Neo4j: docs/security.md) with: time (UTC), `sub`, `role`, `region`, `client` (the
address), `method`, `route` (the template), `path`, `query` (the query string), `ids` (path
parameters plus what the route adds to `request.state.audit_ids`), `persons` (every person
whose data the answer carries: full resident ids in the body, and the persons it shows
masked), `keys` (the records a write touched), `status` and `outcome`: `allowed`, `denied`
(401, 403, 429, and a 404 for something that exists outside the caller's region), `error`,
or `disconnected` (the client hung up, status 499). The sign-in and account routes add an
`event` (`{"kind", "account", "result"}`: a sign-in, a failure, a lockout, a reused refresh
token, a password change, an enrolment, an account change; CONTRACT §5, issue 16).

Fail closed (issue 14 item 8): the entry is written before the answer's first byte is sent,
and an entry that cannot be written turns the answer into a 503; a write request whose entry
could not be written is refused before it runs.
"""

import logging
import re
from datetime import UTC, datetime
from typing import Any

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import disclosed
from api.audit_chain import AuditLog
from api.errors import HUNG_UP, problem, retry_after
from api.security import Officer
from core.ids import check_character, normalise_region_code
from cypher import query
from graph.db import Graph

log = logging.getLogger("hhgraph.audit")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# A resident id (I1) standing alone in a body: 17 digits and a check character.
RESIDENT_ID = re.compile(rb"(?<![0-9A-Za-z])([0-9]{17}[0-9X])(?![0-9A-Za-z])")
SCOPE_PARAMETERS = ("region", "parent")  # query parameters that name a subject
OUTSIDE_REGION = query("audit/outside_region")


def resident_ids_in(body: bytes) -> set[str]:
    """The well-formed resident ids (check character right) that `body` shows in full."""
    found = {m.decode() for m in RESIDENT_ID.findall(body)}
    return {pid for pid in found if check_character(pid[:17]) == pid[17]}


def _route_template(request: Request) -> str:
    route = request.scope.get("route")  # set by the router once it matched
    if route is not None:
        return str(getattr(route, "path", request.url.path))
    for candidate in request.app.routes:
        match, _ = candidate.matches(request.scope)
        if match is Match.FULL:
            return str(getattr(candidate, "path", request.url.path))
    return request.url.path


class AuditMiddleware:
    """Writes one audit entry per `/v1/` request, whatever its outcome, before the answer.

    A plain ASGI middleware: Starlette's `BaseHTTPMiddleware` (`app.middleware("http")`)
    runs each request in a task group with memory streams: 0.6–0.9 ms more API CPU per
    request in bench/latency.py. The route sees the same scope, so what it puts in
    `request.state` (the officer, `audit_ids`) is read here after it ran. The answer is held
    until its last body chunk, then the entry is written, then the answer is sent; background
    tasks (a queued rescoring) run after that, as without the middleware.
    """

    def __init__(self, app: ASGIApp, log: AuditLog) -> None:
        self.app, self.log = app, log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        record, token = disclosed.start()
        try:
            await self._audited(scope, receive, send, record)
        finally:
            disclosed.end(token)

    async def _audited(
        self, scope: Scope, receive: Receive, send: Send, record: disclosed.Disclosed
    ) -> None:
        request = Request(scope, receive)
        request.state.audit_ids = []
        if scope["method"] not in SAFE_METHODS:
            try:
                self.log.ready()
            except OSError:
                log.exception(
                    "audit log not writable: refusing %s %s", request.method, scope["path"]
                )
                await self._unavailable(request, scope, receive, send)
                return
        held: list[Message] = []
        sent = False

        async def send_after_entry(message: Message) -> None:
            nonlocal sent
            if sent or message["type"] not in ("http.response.start", "http.response.body"):
                await send(message)
                return
            held.append(message)
            if message["type"] == "http.response.start" or message.get("more_body", False):
                return
            sent = True
            status = held[0]["status"]
            body = b"".join(m.get("body", b"") for m in held[1:])
            if not await self._write(request, status, body, record):
                await self._unavailable(request, scope, receive, send)
                return
            await send(held[0])
            await send({"type": "http.response.body", "body": body})

        try:
            await self.app(scope, receive, send_after_entry)
        except BaseException:
            if not sent:  # no answer went out: the server's 500 (or nothing) follows
                gone = scope.get("hhgraph.disconnected", False)
                await self._write(request, HUNG_UP if gone else 500, b"", record)
            raise

    async def _write(
        self, request: Request, status: int, body: bytes, record: disclosed.Disclosed
    ) -> bool:
        """Append the request's entry; False (and logged) when it cannot be written."""
        try:
            self.log.append(await self._entry(request, status, body, record))
        except OSError:
            log.exception("audit entry not written: %s %s", request.method, request.url.path)
            return False
        return True

    async def _unavailable(
        self, request: Request, scope: Scope, receive: Receive, send: Send
    ) -> None:
        answer = problem(
            503,
            "service-unavailable",
            "the audit log cannot be written; no data is served without it",
            headers=retry_after(request),
        )
        await answer(scope, receive, send)

    async def _entry(
        self, request: Request, status: int, body: bytes, record: disclosed.Disclosed
    ) -> dict[str, Any]:
        officer: Officer | None = getattr(request.state, "officer", None)
        persons = set(record.persons) | (resident_ids_in(body) if status < 400 else set())
        params = request.path_params
        writes = request.method not in SAFE_METHODS and status < 400
        keys = [*(v for k, v in params.items() if k != "feed"), *record.keys] if writes else []
        client = request.client.host if request.client else None
        return {
            "time": _now(),
            "sub": getattr(officer, "sub", None),
            "role": getattr(officer, "role", None),
            "region": getattr(officer, "region", None),
            "client": client,
            "method": request.method,
            "route": _route_template(request),
            "path": request.url.path,
            "query": request.scope.get("query_string", b"").decode("latin-1"),
            "ids": sorted({*params.values(), *request.state.audit_ids}),
            "persons": sorted(persons),
            "keys": keys,
            "status": status,
            "outcome": await self._outcome(request, status, officer),
        } | self._event(request)

    @staticmethod
    def _event(request: Request) -> dict[str, Any]:
        """What a sign-in or account route adds (`api/services/accounts.py`): the event's
        kind, the account and the result, never a password, code or token."""
        event = getattr(request.state, "audit_event", None)
        return {"event": event} if event else {}

    async def _outcome(self, request: Request, status: int, officer: Officer | None) -> str:
        if status < 400:
            return "allowed"
        if status in (401, 403, 429):
            return "denied"
        if status == HUNG_UP:
            return "disconnected"
        if status == 404 and officer is not None and await self._outside(request, officer):
            return "denied"
        return "error"

    async def _outside(self, request: Request, officer: Officer) -> bool:
        """Whether a 404 refused something that exists outside the caller's region (asked only
        on a 404, so a normal answer costs no query)."""
        ids = [str(v) for v in request.path_params.values()]
        for name in SCOPE_PARAMETERS:
            value = request.query_params.get(name)
            if value is not None and value.isascii() and value.isdigit() and len(value) in (6, 12):
                ids.append(normalise_region_code(value))
        graph: Graph | None = getattr(request.app.state, "graph", None)
        if not ids or graph is None:
            return False
        params = {"ids": ids, "region_prefix": officer.region_prefix}
        try:
            outside = await run_in_threadpool(graph.value, OUTSIDE_REGION, params)
        except Exception:  # the database is down or slow: the 404 stays an `error`
            log.warning("audit: could not tell whether a 404 was out of region", exc_info=True)
            return False
        return bool(outside)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
