"""Account administration and the holder's own account (CONTRACT §5, issue 16).

A province officer manages any account of its region (the province: all), a city officer
those in its city; nobody makes or manages an account above their own role (`NotAllowed`,
403), and an account outside the caller's region is absent (`NotFound`, 404). Disabling an
account, resetting its password and any new password end its sessions (their access tokens
stop working at the next request: the token check reads the session).
"""

import secrets
from dataclasses import asdict, dataclass
from typing import Any

from accounts import passwords, totp
from accounts.errors import AccountConflict, NotAllowed
from accounts.records import Account, Caller, NewAccount, Status, check_new_account
from accounts.signin import Grant, new_session
from core.errors import InvalidField, NotFound
from cypher import query
from graph.db import Graph

__all__ = [
    "Created",
    "change_password",
    "confirm_otp",
    "create",
    "disable",
    "enrol_otp",
    "find",
    "list_accounts",
    "reset",
]

CREATE = query("accounts/create")
BY_USERNAME = query("accounts/by_username")
LIST = query("accounts/list")
CHANGE = query("accounts/change")
SET_LIMIT = query("accounts/set_limit")


@dataclass(frozen=True, slots=True)
class Created:
    """An account made or reset, with its one-time password (shown once)."""

    account: Account
    one_time_password: str


def find(graph: Graph, username: str) -> Account | None:
    row = graph.one_or_none(BY_USERNAME, {"username": username})
    return Account(row["account"]) if row else None


def _managed(graph: Graph, caller: Caller, username: str) -> Account:
    """The account `caller` may manage, else `NotFound` (absent, or outside the caller's
    region) or `NotAllowed` (above the caller's role)."""
    account = find(graph, username)
    if account is None or not caller.reaches(account.role, account.region):
        raise NotFound(f"no account {username}")
    if not caller.outranks_or_equals(account.role):
        raise NotAllowed(f"a {caller.role} officer may not manage a {account.role} account")
    return account


def _change(
    graph: Graph, username: str, changes: dict[str, Any], by: str, end_sessions: bool, why: str
) -> tuple[Account, int]:
    params = {
        "username": username, "changes": changes, "by": by,
        "end_sessions": end_sessions, "why": why,
    }  # fmt: skip
    row = graph.one_or_none(CHANGE, params, write=True)
    if row is None:
        raise NotFound(f"no account {username}")
    return Account(row["account"]), int(row["ended"])


def create(graph: Graph, caller: Caller | None, new: NewAccount, by: str) -> Created:
    """A new active account with a one-time password (`AccountConflict` if the username is
    taken)."""
    region = check_new_account(caller, new)
    password = passwords.one_time_password()
    record = {**asdict(new), "region": region}
    record |= {"password_hash": passwords.hash_password(password), "must_change_password": True}
    params = {"account": record, "by": by, "creation": secrets.token_hex(8)}
    row = graph.one(CREATE, params, write=True)
    if not row["created"]:
        raise AccountConflict(f"an account {new.username} exists")
    return Created(Account(row["account"]), password)


def list_accounts(
    graph: Graph, caller: Caller, status: Status | None, after: str | None, limit: int
) -> list[Account]:
    params = {
        "region_prefix": caller.region_prefix,
        "status": status,
        "after": after,
        "limit": limit,
    }
    return [Account(row["account"]) for row in graph.read(LIST, params)]


def disable(graph: Graph, caller: Caller | None, username: str) -> Account:
    """Disable the account and end its sessions at once."""
    if caller is not None:
        _managed(graph, caller, username)
    by = caller.sub if caller else "cli"
    account, _ = _change(graph, username, {"status": "disabled"}, by, True, "disabled")
    return account


def reset(graph: Graph, caller: Caller | None, username: str, by: str) -> Created:
    """A new one-time password (to change at the next sign-in); the lock and the sessions
    end. The second factor stays."""
    account = _managed(graph, caller, username) if caller else find(graph, username)
    if account is None:
        raise NotFound(f"no account {username}")
    password = passwords.one_time_password()
    hashed = passwords.hash_password(password)
    changes = {
        "password_hash": hashed,
        "password_history": [hashed, *account.history][: passwords.HISTORY],
        "must_change_password": True,
        "failures": 0,
        "locked_until": None,
    }
    account, _ = _change(graph, username, changes, by, True, "reset")
    return Created(account, password)


def change_password(
    graph: Graph, username: str, old: str, new: str, client: str | None
) -> tuple[Account, Grant]:
    """The holder's new password: the old one must be right (the one-time one too), the new
    one meet the policy and none of the last five; every session of the account ends, and a
    new one starts (returned), no longer limited to this route."""
    account = find(graph, username)
    if account is None or not passwords.verify(account.password_hash, old):
        raise InvalidField("old", "is not the account's current password", "password_wrong")
    passwords.check_policy(new, username)
    if passwords.reused(account.history, new):
        raise InvalidField(
            "new", f"may not be one of the last {passwords.HISTORY} passwords", "password_reused"
        )
    hashed = passwords.hash_password(new)
    changes = {
        "password_hash": hashed,
        "password_history": [hashed, *account.history][: passwords.HISTORY],
        "must_change_password": False,
    }
    account, _ = _change(graph, username, changes, username, True, "password_changed")
    return account, new_session(graph, account, client, login=False)


def enrol_otp(graph: Graph, username: str, sealer: totp.Sealer) -> totp.Enrolment:
    """A new TOTP secret, pending until the holder confirms a code from it (an active factor
    stays in force until then)."""
    secret = totp.new_secret()
    changes = {"otp_pending_sealed": sealer.seal(secret, username)}
    _change(graph, username, changes, username, False, "")
    return totp.enrolment(secret, username)


def confirm_otp(
    graph: Graph, username: str, code: str, sealer: totp.Sealer, sid: str | None
) -> Account:
    """The pending factor becomes the account's once `code` is right for it; the session
    that waited for it (`limit: otp`) becomes a full one."""
    account = find(graph, username)
    pending = account.props.get("otp_pending_sealed") if account else None
    if account is None or not pending:
        raise AccountConflict("no second factor is being enrolled: ask for one first")
    secret = sealer.open(str(pending), username)
    step = totp.matching_step(secret, code, account.props.get("otp_step"))
    if step is None:
        raise InvalidField(
            "otp", "is not the current code of the secret being enrolled", "otp_wrong"
        )
    changes = {
        "otp_sealed": pending, "otp_pending_sealed": None, "otp_enabled": True, "otp_step": step,
    }  # fmt: skip
    account, _ = _change(graph, username, changes, username, False, "")
    if sid is not None:
        graph.value(SET_LIMIT, {"sid": sid, "limit": "otp"}, write=True)
    return account
