"""Errors as `application/problem+json` (RFC 9457), one stable `type` per kind of problem.

The refusals of the error tree (`core/errors.py`: `NotFound`, `InvalidToken`,
`InvalidCursor`, `ServiceUnavailable`) are answered by one handler from one table,
`REFUSALS`: exception class -> status, problem type, title and headers; the exception's
message is the `detail`. A route or service raises the refusal and never builds the answer,
so that the same refusal reads the same on every route (a 404 for something outside the
caller's region is byte for byte the 404 of something absent: issue 14 item 1).
FastAPI's and Starlette's own errors (`HTTPException`, a request that does not match its
schema) keep their handlers, with the same `type` for the same status.

No exception text or stack trace of an unexpected error ever reaches a client: it is logged
server-side and the client gets a bare 500 problem.
"""

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.routing import compile_path
from starlette.types import Scope

from accounts.errors import AccountError, AccountLocked
from core.errors import (
    HhgraphError,
    InvalidCursor,
    InvalidField,
    InvalidToken,
    NotFound,
    ServiceUnavailable,
)
from graph.db import UNAVAILABLE
from procedure.errors import StepNotAllowed

__all__ = [
    "CHALLENGE",
    "HUNG_UP",
    "PROBLEM_MEDIA_TYPE",
    "REFUSALS",
    "Problem",
    "Refusal",
    "hung_up",
    "install",
    "problem",
    "problem_responses",
    "problem_type",
    "refusal_of",
    "retry_after",
]

PROBLEM_MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("hhgraph.api")


class Problem(BaseModel):
    """The body of every error response."""

    type: str
    title: str
    status: int
    detail: str | None = None
    errors: list[dict[str, str]] | None = None


def problem_type(kind: str) -> str:
    """The stable `type` URI of a kind of problem."""
    return f"urn:hhgraph:problem:{kind}"


def problem(
    status: int,
    kind: str,
    detail: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: Mapping[str, str] | None = None,
    title: str | None = None,
) -> JSONResponse:
    """A problem+json response; its title is the status's phrase unless given."""
    body = Problem(
        type=problem_type(kind),
        title=title or HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        errors=errors,
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


KINDS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    408: "request-timeout",
    413: "payload-too-large",
    422: "invalid-request",
    429: "too-many-requests",
    503: "service-unavailable",
}


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    headers = exc.headers
    if exc.status_code == 405:
        headers = {**(headers or {}), "Allow": _allowed(request)}
    return problem(
        exc.status_code,
        KINDS.get(exc.status_code, "http-error"),
        str(exc.detail),
        headers=headers,
    )


def _allowed(request: Request) -> str:
    """Every method some route serves at the request's path: Starlette's 405 names only the
    first route's, and a path such as /v1/discoveries has one route for GET, one for POST."""
    methods: set[str] = set()
    for context in iter_route_contexts(request.app.routes):
        regex, _, _ = compile_path(str(context.path))
        if regex.match(request.url.path):
            methods |= set(context.methods or ())
    return ", ".join(sorted(methods))


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()
    ]
    return problem(422, "invalid-request", "the request does not match its schema", errors)


def retry_after(request: Request) -> dict[str, str]:
    """The Retry-After header of a 503 (seconds, from the app's settings)."""
    settings = getattr(request.app.state, "settings", None)
    return {"Retry-After": str(getattr(settings, "retry_after_s", 5))}


CHALLENGE = {"WWW-Authenticate": "Bearer"}  # RFC 6750: a 401 names the scheme it wants


@dataclass(frozen=True, slots=True)
class Refusal:
    """How one refusal of the error tree is answered."""

    status: int
    kind: str  # the problem type is `urn:hhgraph:problem:<kind>`
    title: str
    headers: Callable[[Request], Mapping[str, str]] | None = None


def _refusal(
    status: HTTPStatus, headers: Callable[[Request], Mapping[str, str]] | None = None
) -> Refusal:
    """The answer with `status`, its kind and title as for any error of that status."""
    return Refusal(status.value, KINDS[status.value], status.phrase, headers)


REFUSALS: Mapping[type[HhgraphError], Refusal] = {
    NotFound: _refusal(HTTPStatus.NOT_FOUND),
    InvalidToken: _refusal(HTTPStatus.UNAUTHORIZED, lambda _: CHALLENGE),
    InvalidCursor: _refusal(HTTPStatus.UNPROCESSABLE_ENTITY),
    ServiceUnavailable: _refusal(HTTPStatus.SERVICE_UNAVAILABLE, retry_after),
}


def refusal_of(exc: HhgraphError) -> Refusal:
    """The table's answer for `exc`, by its class or the nearest base class in the table."""
    for kind in type(exc).__mro__:
        if kind in REFUSALS:
            return REFUSALS[kind]
    raise LookupError(f"{type(exc).__name__} is not a refusal of the error tree")


async def _refused(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HhgraphError)
    answer = refusal_of(exc)
    headers = answer.headers(request) if answer.headers else None
    return problem(answer.status, answer.kind, str(exc), headers=headers, title=answer.title)


async def _invalid_field(_: Request, exc: Exception) -> JSONResponse:
    """A field only the graph could judge (an applicant who is no member): the 422 of a
    schema error, naming the field in `errors` as one would (CONTRACT §4)."""
    assert isinstance(exc, InvalidField)
    error = {"field": f"body.{exc.field}", "message": str(exc)}
    errors = [error | {"code": exc.code} if exc.code else error]
    return problem(422, "invalid-request", str(exc), errors)


async def _step_not_allowed(_: Request, exc: Exception) -> JSONResponse:
    """A step the case's state or a rule does not allow: 409 naming the state and the rule
    ids as members of the problem (RFC 9457 extension members; `state`, since `status` is the
    HTTP status), and `missing` with every missing item of an incomplete acceptance (P3)."""
    assert isinstance(exc, StepNotAllowed)
    body = Problem(
        type=problem_type("step-not-allowed"), title="Conflict", status=409, detail=str(exc)
    ).model_dump(exclude_none=True)
    body |= {"state": exc.status, "step": exc.step, "rules": list(exc.rules)}
    if exc.missing:
        body["missing"] = list(exc.missing)
    return JSONResponse(body, status_code=409, media_type=PROBLEM_MEDIA_TYPE)


async def _account_refused(_: Request, exc: Exception) -> JSONResponse:
    """A refusal of sign-in or account administration (CONTRACT §5): its own status and kind,
    `otp_required` where the console must ask for the code, Retry-After on a lock (423)."""
    assert isinstance(exc, AccountError)
    body = Problem(
        type=problem_type(exc.kind), title=HTTPStatus(exc.status).phrase, status=exc.status,
        detail=str(exc),
    ).model_dump(exclude_none=True) | exc.members  # fmt: skip
    headers = dict(CHALLENGE) if exc.status == 401 else {}
    if isinstance(exc, AccountLocked):
        headers["Retry-After"] = str(exc.retry_after_s)
    return JSONResponse(body, exc.status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


async def _neo4j_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """Neo4j did not answer (down, restarting, unreachable, pool exhausted): 503 with
    Retry-After on every route, never a bare 500 (issue 14 item 9)."""
    log.warning("Neo4j unavailable on %s %s: %s", request.method, request.url.path, exc)
    detail = f"the database does not answer ({type(exc).__name__}); try again shortly"
    return problem(503, "service-unavailable", detail, headers=retry_after(request))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(500, "internal-error", "an internal error occurred")


HUNG_UP = 499  # nginx's "client closed request"


def hung_up(scope: Scope) -> Response:
    """The client closed the connection before its request was read: logged as that, not as
    an error with a traceback (issue 14 item 14); the 499 reaches the audit, nobody else."""
    scope["hhgraph.disconnected"] = True
    log.info("client hung up before its request was read: %s %s", scope["method"], scope["path"])
    return Response(status_code=HUNG_UP)


async def _hung_up(request: Request, _: Exception) -> Response:
    return hung_up(request.scope)


def install(app: FastAPI) -> None:
    """Register the problem+json handlers on `app`."""
    app.add_exception_handler(ClientDisconnect, _hung_up)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    for refusal in REFUSALS:
        app.add_exception_handler(refusal, _refused)
    app.add_exception_handler(InvalidField, _invalid_field)
    app.add_exception_handler(StepNotAllowed, _step_not_allowed)
    app.add_exception_handler(AccountError, _account_refused)
    for kind in UNAVAILABLE:
        app.add_exception_handler(kind, _neo4j_unavailable)
    app.add_exception_handler(Exception, _unexpected)


def problem_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route: each status documented with the Problem body."""
    return {code: {"model": Problem} for code in codes}
