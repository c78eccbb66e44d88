"""Sign-in, refresh and logout (CONTRACT §5, issue 16), and the session check of the API.

`login` verifies the password (against a dummy hash when the username is unknown, so both
cost one argon2 verification), then the lock, the status and the second factor, in an order
that tells an outsider nothing: a locked account answers 423 whatever the password; a
disabled account 403 and a missing code 401 `otp_required` only to whoever knows the
password. A wrong password or code counts a failure; the fifth in a row locks the account for
15 minutes. Unknown usernames are counted and locked alike, in the process (`Throttle`), so
that a lock does not tell either that the username exists.

A session (`Session` node) lives 8 hours from sign-in; its access tokens 15 minutes (minted by
the API with the session's id `sid`); its refresh token is `<sid>.<random>`, stored as a
SHA-256 hash (256 random bits need no slow hash), replaced on each use, and a used one
presented again revokes the session (`cypher/accounts/rotate_refresh.cypher`).
"""

import hashlib
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from accounts import passwords, totp
from accounts.errors import AccountDisabled, AccountLocked, BadCredentials, OtpRequired
from accounts.records import LOCK_AFTER, LOCK_FOR, SESSION_TTL, Account, Limit
from cypher import query
from graph.db import First, Graph

__all__ = [
    "Attempt",
    "Grant",
    "Throttle",
    "login",
    "logout",
    "new_session",
    "refresh",
    "session_first",
    "session_state",
]

BY_USERNAME = query("accounts/by_username")
RECORD_FAILURE = query("accounts/record_failure")
USE_OTP_STEP = query("accounts/use_otp_step")
OPEN_SESSION = query("accounts/open_session")
SESSION_STATE = query("accounts/session_state")
ROTATE_REFRESH = query("accounts/rotate_refresh")
REVOKE_SESSION = query("accounts/revoke_session")
WRONG = "wrong username or password"
LOCKED = "too many failed sign-ins in a row: locked for 15 minutes"


@dataclass(frozen=True, slots=True)
class Attempt:
    username: str
    password: str
    otp: str | None
    client: str | None


@dataclass(frozen=True, slots=True)
class Grant:
    """A session opened or refreshed: the API mints its access token from `claims`."""

    sid: str
    refresh_token: str
    claims: dict[str, Any]
    limit: Limit | None

    @property
    def must_change_password(self) -> bool:
        return self.limit == "password"

    @property
    def must_enrol_otp(self) -> bool:
        return self.limit == "otp"


class Throttle:
    """Failures of usernames that have no account, counted as an account's are (five in a
    row lock for 15 minutes), per API process, the `MAX_NAMES` most recent remembered."""

    MAX_NAMES = 10_000

    def __init__(self) -> None:
        self._names: OrderedDict[str, tuple[int, float]] = OrderedDict()

    def locked_for(self, username: str) -> float:
        _, until = self._names.get(username, (0, 0.0))
        return max(0.0, until - time.monotonic())

    def failed(self, username: str) -> bool:
        """Count a failure; True when it locks the name."""
        count, _ = self._names.pop(username, (0, 0.0))
        count += 1
        locked = count >= LOCK_AFTER
        until = time.monotonic() + LOCK_FOR.total_seconds() if locked else 0.0
        self._names[username] = (0 if locked else count, until)
        if len(self._names) > self.MAX_NAMES:
            self._names.popitem(last=False)
        return locked


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_session(
    graph: Graph, account: Account, client: str | None, login: bool, rehash: str | None = None
) -> Grant:
    """Open a session for `account` (active, else `AccountDisabled`)."""
    sid = secrets.token_urlsafe(18)
    secret = secrets.token_urlsafe(32)
    limit = account.limit()
    session = {
        "sid": sid,
        "refresh_hash": _hash(secret),
        "expires_at": datetime.now(UTC) + SESSION_TTL,
        "limit": limit,
        "client": client,
    }
    params = {"username": account.username, "session": session, "rehash": rehash, "login": login}
    if graph.one_or_none(OPEN_SESSION, params, write=True) is None:
        raise AccountDisabled("the account is disabled")
    return Grant(sid, f"{sid}.{secret}", account.claims(), limit)


def _failure(graph: Graph, throttle: Throttle, username: str, known: bool, otp: bool) -> None:
    """Count a failure and raise what the caller is told."""
    if known:
        params = {
            "username": username,
            "now": datetime.now(UTC),
            "lock_after": LOCK_AFTER,
            "lock_seconds": int(LOCK_FOR.total_seconds()),
        }
        row = graph.one_or_none(RECORD_FAILURE, params, write=True)
        locked = bool(row and row["locked"])
    else:
        locked = throttle.failed(username)
    if locked:
        raise AccountLocked(LOCKED, int(LOCK_FOR.total_seconds()), started=True)
    if otp:
        raise OtpRequired("the one-time code is missing or wrong")
    raise BadCredentials(WRONG)


def login(graph: Graph, throttle: Throttle, attempt: Attempt, sealer: totp.Sealer) -> Grant:
    """A session for the attempt, or the refusal (see the module docstring)."""
    row = graph.one_or_none(BY_USERNAME, {"username": attempt.username})
    account = Account(row["account"]) if row else None
    if account is None:
        passwords.verify_dummy(attempt.password)
        wait = throttle.locked_for(attempt.username)
        if wait > 0:
            raise AccountLocked(LOCKED, int(wait) + 1)
        _failure(graph, throttle, attempt.username, known=False, otp=False)
        raise AssertionError("unreachable")  # _failure raises
    right = passwords.verify(account.password_hash, attempt.password)
    until = account.locked_until(datetime.now(UTC))
    if until is not None:
        wait = int((until - datetime.now(UTC)).total_seconds()) + 1
        raise AccountLocked(LOCKED, wait)
    if not right:
        _failure(graph, throttle, account.username, known=True, otp=False)
    if not account.active:
        raise AccountDisabled("the account is disabled")
    if account.otp_enabled:
        if not attempt.otp:
            raise OtpRequired("a one-time code is required")
        secret = sealer.open(str(account.props["otp_sealed"]), account.username)
        step = totp.matching_step(secret, attempt.otp, account.props.get("otp_step"))
        fresh = step is not None and graph.value(
            USE_OTP_STEP, {"username": account.username, "step": step}, write=True
        )
        if not fresh:
            _failure(graph, throttle, account.username, known=True, otp=True)
    rehash = None
    if passwords.needs_rehash(account.password_hash):
        rehash = passwords.hash_password(attempt.password)
    return new_session(graph, account, attempt.client, login=True, rehash=rehash)


def refresh(graph: Graph, token: str) -> tuple[str, Grant | None]:
    """(`outcome`, the new grant when rotated): `rotated`, `reused` (the session is now
    revoked), `expired` or `unknown`."""
    sid, _, secret = token.partition(".")
    if not sid or not secret:
        return "unknown", None
    new_secret = secrets.token_urlsafe(32)
    params = {"sid": sid, "hash": _hash(secret), "new_hash": _hash(new_secret)}
    row = graph.one(ROTATE_REFRESH, params, write=True)
    if row["outcome"] != "rotated":
        return str(row["outcome"]), None
    account = Account(row["account"])
    return "rotated", Grant(sid, f"{sid}.{new_secret}", account.claims(), row["limit"])


def logout(graph: Graph, sid: str) -> bool:
    return bool(graph.value(REVOKE_SESSION, {"sid": sid, "why": "logout"}, write=True))


def session_first(sid: str, check: Callable[[bool, Limit | None], None]) -> First:
    """The session check as the first read of a request's first transaction (`graph.db.First`):
    `check(live, limit)` raises to refuse the request."""

    def seen(row: Mapping[str, Any] | None) -> None:
        check(bool(row and row["live"]), None if row is None else row["limit"])

    return First(SESSION_STATE, {"sid": sid}, seen)


def session_state(graph: Graph, sid: str) -> tuple[bool, Limit | None]:
    """(live, limit) of a session: one indexed read."""
    row = graph.one(SESSION_STATE, {"sid": sid})
    return bool(row["live"]), row["limit"]
