"""Requests that are slow, malformed or abandoned (issue 14 item 14).

- Headers: `HeaderTimeoutProtocol`, the uvicorn protocol `hhgraph serve` runs, answers 408 and
  closes a connection whose request headers are not complete `HHGRAPH_HEADER_TIMEOUT_S` after
  its first byte (uvicorn itself waits forever: one slow client per connection can hold them
  all).
- Bodies: `RequestGuard` gives a request's whole body `HHGRAPH_BODY_TIMEOUT_S` to arrive;
  later it is 408 and the connection closes.
- JSON: bodies that FastAPI parses (every JSON body but an ingest feed, whose records the
  loaders read one by one, `loaders/read.py`) are read here first, at most
  `HHGRAPH_MAX_JSON_BODY_BYTES` (413 above), and refused with 400 naming the problem when a
  key repeats or the nesting is too deep for the parser (it used to be the last key wins, and
  a 500).
- A client that hangs up before its body arrived is logged as such (info, no traceback) and
  audited with status 499 (`api/errors.py` answers starlette's `ClientDisconnect` the same
  way); nobody is there to read an answer.
"""

import asyncio
import json
import logging
from typing import Any, ClassVar

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.errors import hung_up, problem
from core import strictjson
from core.settings import get_settings

log = logging.getLogger("hhgraph.api")
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FEED_BODIES = "/v1/ingest/"
CLOSE = {"Connection": "close"}


class BodyTimeout(HTTPException):
    """The body did not arrive in time: 408, and the connection is closed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(408, f"the request body did not arrive within {seconds:g} s", CLOSE)


def _json_body(scope: Scope) -> bool:
    if scope["method"] not in BODY_METHODS or scope["path"].startswith(FEED_BODIES):
        return False
    types = [v for k, v in scope["headers"] if k == b"content-type"]
    if not types:
        return True  # FastAPI parses a body without a content type as JSON
    media: bytes = types[0].split(b";")[0].strip().lower()
    return media == b"application/json" or media.endswith(b"+json")


class RequestGuard:
    """The body deadline, the strict reading of JSON bodies, and hang-ups (see above)."""

    def __init__(self, app: ASGIApp, body_timeout_s: float, max_json_bytes: int) -> None:
        self.app, self.body_timeout_s, self.max_json_bytes = app, body_timeout_s, max_json_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        receive = self._deadline(scope, receive)
        if not _json_body(scope):
            await self.app(scope, receive, send)
            return
        try:
            body = await self._whole_body(scope, receive)
        except BodyTimeout as exc:
            await problem(408, "request-timeout", str(exc.detail), headers=CLOSE)(
                scope, receive, send
            )
            return
        if isinstance(body, Response):
            await body(scope, receive, send)
            return
        try:
            strictjson.loads(body) if body else None
        except json.JSONDecodeError as exc:
            detail = f"the JSON body is refused: {exc.msg}"
            await problem(400, "bad-request", detail)(scope, receive, send)
            return
        except UnicodeDecodeError:
            await problem(400, "bad-request", "the body is not UTF-8")(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    def _deadline(self, scope: Scope, receive: Receive) -> Receive:
        """`receive` that raises `BodyTimeout` once the body is late, and notes a hang-up."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.body_timeout_s
        complete = False

        async def receive_in_time() -> Message:
            nonlocal complete
            if complete:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(deadline - loop.time(), 0.0))
            except TimeoutError:
                log.info(
                    "slow client: no whole body in %g s: %s", self.body_timeout_s, scope["path"]
                )
                raise BodyTimeout(self.body_timeout_s) from None
            if message["type"] == "http.disconnect":
                scope["hhgraph.disconnected"] = complete = True
            elif not message.get("more_body", False):
                complete = True
            return message

        return receive_in_time

    async def _whole_body(self, scope: Scope, receive: Receive) -> bytes | Response:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return hung_up(scope)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_json_bytes:
                detail = f"a JSON body may hold at most {self.max_json_bytes} bytes"
                return problem(413, "payload-too-large", detail, headers=CLOSE)
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """`receive` that gives the body already read, then waits as the server's does."""
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def replayed() -> Message:
        return pending.pop() if pending else await receive()

    return replayed


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with a deadline on each request's headers (see above)."""

    header_timeout_s: ClassVar[float | None] = None  # None: HHGRAPH_HEADER_TIMEOUT_S

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None
        self._header_limit = self.header_timeout_s or get_settings().header_timeout_s

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self._header_limit, self._too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _too_slow(self) -> None:
        self._header_timer = None
        if self.transport.is_closing():
            return
        log.info("slow client: headers not complete in %g s: %s", self._header_limit, self.client)
        body = json.dumps(
            {
                "type": "urn:hhgraph:problem:request-timeout",
                "title": "Request Timeout",
                "status": 408,
                "detail": f"the request headers did not arrive within {self._header_limit:g} s",
            }
        ).encode()
        self.transport.write(
            b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/problem+json\r\n"
            b"content-length: " + str(len(body)).encode() + b"\r\nconnection: close\r\n\r\n" + body
        )
        self.transport.close()
