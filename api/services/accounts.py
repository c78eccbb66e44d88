"""Sign-in and accounts for the API (CONTRACT §5, issue 16): the `accounts` package's calls,
the access tokens minted from its grants, and the audit event of each call (who, from which
address, the outcome; never a password, code or token)."""

from collections.abc import Callable
from typing import TypeVar

from fastapi import Request

import accounts
from accounts import Account, AccountLocked, Caller, Grant, NewAccount, Status
from accounts.records import ACCESS_TTL
from api.models.accounts import (
    AccountCreatedPublic,
    AccountIn,
    AccountPage,
    AccountPublic,
    LoginIn,
    OtpEnrolmentPublic,
    TokenPair,
)
from api.security import Officer, mint_token
from graph.db import Graph

__all__ = [
    "change_password",
    "confirm_otp",
    "create",
    "disable",
    "enrol_otp",
    "list_page",
    "login",
    "logout",
    "refresh",
    "reset",
]

T = TypeVar("T")


def _event(request: Request, kind: str, account: str | None, result: str) -> None:
    request.state.audit_event = {"kind": kind, "account": account, "result": result}


def _audited(request: Request, kind: str, account: str | None, call: Callable[[], T]) -> T:
    """Run `call`, recording its outcome as the request's audit event."""
    try:
        done = call()
    except AccountLocked as exc:
        _event(request, kind, account, "lockout" if exc.started else "locked")
        raise
    except Exception as exc:  # a refusal (AccountError, InvalidField, NotFound) or worse
        _event(request, kind, account, type(exc).__name__)
        raise
    _event(request, kind, account, "ok")
    return done


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None


def _pair(request: Request, grant: Grant) -> TokenPair:
    claims = grant.claims
    token = mint_token(
        request.app.state.secret,
        claims["role"],
        claims["region"],
        claims["sub"],
        int(ACCESS_TTL.total_seconds() // 60),
        claims.get("person_id"),
        claims.get("department"),
        sid=grant.sid,
    )
    request.state.officer = Officer.model_validate({**claims, "sid": grant.sid})
    return TokenPair(
        access_token=token,
        expires_in=int(ACCESS_TTL.total_seconds()),
        refresh_token=grant.refresh_token,
        must_change_password=grant.must_change_password,
        must_enrol_otp=grant.must_enrol_otp,
    )


def login(request: Request, graph: Graph, body: LoginIn) -> TokenPair:
    attempt = accounts.Attempt(body.username, body.password, body.otp, _client(request))
    throttle, sealer = request.app.state.login_throttle, request.app.state.sealer
    grant = _audited(
        request, "login", body.username, lambda: accounts.login(graph, throttle, attempt, sealer)
    )
    return _pair(request, grant)


def refresh(request: Request, graph: Graph, token: str) -> TokenPair:
    outcome, grant = accounts.refresh(graph, token)
    _event(request, "refresh", grant.claims["sub"] if grant else None, outcome)
    if grant is None:
        if outcome == "reused":
            _event(request, "refresh_reused", None, "session_revoked")
        raise accounts.BadCredentials("the refresh token is not valid")
    return _pair(request, grant)


def logout(request: Request, graph: Graph, officer: Officer) -> None:
    assert officer.sid is not None  # the Holder dependency saw to it
    accounts.logout(graph, officer.sid)
    _event(request, "logout", officer.sub, "ok")


def _caller(officer: Officer) -> Caller:
    return Caller(officer.sub, officer.role, officer.region)


def _public(account: Account) -> AccountPublic:
    return AccountPublic.model_validate(account.public())


def create(
    request: Request, graph: Graph, officer: Officer, body: AccountIn
) -> AccountCreatedPublic:
    new = NewAccount(body.username, body.role, body.region, body.person_id, body.department)
    made = _audited(
        request, "account_create", body.username,
        lambda: accounts.create(graph, _caller(officer), new, officer.sub),
    )  # fmt: skip
    fields = made.account.public() | {"one_time_password": made.one_time_password}
    return AccountCreatedPublic.model_validate(fields)


def list_page(
    graph: Graph, officer: Officer, status: Status | None, cursor: str | None, limit: int
) -> AccountPage:
    found = accounts.list_accounts(graph, _caller(officer), status, cursor, limit)
    items = [_public(a) for a in found]
    return AccountPage(items=items, next_cursor=found[-1].username if len(found) == limit else None)


def disable(request: Request, graph: Graph, officer: Officer, username: str) -> AccountPublic:
    account = _audited(
        request, "account_disable", username,
        lambda: accounts.disable(graph, _caller(officer), username),
    )  # fmt: skip
    return _public(account)


def reset(request: Request, graph: Graph, officer: Officer, username: str) -> AccountCreatedPublic:
    made = _audited(
        request, "account_reset", username,
        lambda: accounts.reset(graph, _caller(officer), username, officer.sub),
    )  # fmt: skip
    fields = made.account.public() | {"one_time_password": made.one_time_password}
    return AccountCreatedPublic.model_validate(fields)


def change_password(
    request: Request, graph: Graph, officer: Officer, old: str, new: str
) -> TokenPair:
    _, grant = _audited(
        request, "password_change", officer.sub,
        lambda: accounts.change_password(graph, officer.sub, old, new, _client(request)),
    )  # fmt: skip
    return _pair(request, grant)


def enrol_otp(request: Request, graph: Graph, officer: Officer) -> OtpEnrolmentPublic:
    sealer = request.app.state.sealer
    found = _audited(
        request, "otp_enrol", officer.sub, lambda: accounts.enrol_otp(graph, officer.sub, sealer)
    )
    return OtpEnrolmentPublic(
        secret=found.secret, otpauth_uri=found.otpauth_uri, qr_svg=found.qr_svg
    )


def confirm_otp(request: Request, graph: Graph, officer: Officer, code: str) -> AccountPublic:
    sealer = request.app.state.sealer
    account = _audited(
        request, "otp_confirm", officer.sub,
        lambda: accounts.confirm_otp(graph, officer.sub, code, sealer, officer.sid),
    )  # fmt: skip
    return _public(account)
