"""The refusals of sign-in and account administration (CONTRACT §5, issue 16).

Each carries the HTTP status and problem kind the API answers it with (`api/errors.py`), and
extra problem members where the console needs them (`otp_required`). Their messages are
written for the caller: a wrong username and a wrong password read the same.
"""

from typing import ClassVar

from core.errors import HhgraphError

__all__ = [
    "AccountConflict",
    "AccountDisabled",
    "AccountError",
    "AccountLocked",
    "BadCredentials",
    "NotAllowed",
    "OtpRequired",
]


class AccountError(HhgraphError):
    """Base of the refusals below; `status`, `kind` and `members` make the problem."""

    status: ClassVar[int] = 400
    kind: ClassVar[str] = "bad-request"

    @property
    def members(self) -> dict[str, object]:
        return {}


class BadCredentials(AccountError):
    """Wrong username, password or refresh token: one answer for all (401)."""

    status = 401
    kind = "unauthorized"


class OtpRequired(BadCredentials):
    """The password was right, the account's one-time code is missing or wrong (401, with
    `otp_required: true` so that the console asks for it)."""

    @property
    def members(self) -> dict[str, object]:
        return {"otp_required": True}


class AccountLocked(AccountError):
    """Five failures in a row: the account is locked for 15 minutes (423), whatever is sent."""

    status = 423
    kind = "locked"

    def __init__(self, message: str, retry_after_s: int, started: bool = False) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s
        self.started = started  # this failure locked it (the audit's `lockout`)


class AccountDisabled(AccountError):
    """The right password of a disabled account (403)."""

    status = 403
    kind = "forbidden"


class NotAllowed(AccountError):
    """The caller may not do this to that account: above its own role, or a session that may
    only change its password or enrol its second factor (403)."""

    status = 403
    kind = "forbidden"


class AccountConflict(AccountError):
    """An account of that username exists, or a step its state does not allow (409)."""

    status = 409
    kind = "conflict"
