"""Officers' accounts, sign-in sessions and the second factor (CONTRACT §5, issue 16).

A workflow package beside `scoring/`: it imports `core/`, `graph/` and `cypher/` only; the API
mints the access tokens (`api/security.py`) from the claims a `Grant` carries.

- `records.py`: the `Account` as stored, roles and their rank, lifetimes, the checks of a new
  account (username, role and region level, department, person_id for C5).
- `passwords.py`: argon2id hashes, the policy, one-time passwords.
- `totp.py`: RFC 6238 codes with replay refusal, the enrolment's URI and QR code, secrets
  sealed at rest.
- `signin.py`: login (lockout, dummy-hash timing, the second factor), refresh-token rotation
  with reuse detection, logout, the session check.
- `service.py`: administration (create, list, disable, reset) and the holder's password and
  second factor.
"""

from accounts.errors import (
    AccountConflict,
    AccountDisabled,
    AccountError,
    AccountLocked,
    BadCredentials,
    NotAllowed,
    OtpRequired,
)
from accounts.records import ACCOUNT_ROLES, Account, AccountRole, Caller, Limit, NewAccount, Status
from accounts.service import (
    Created,
    change_password,
    confirm_otp,
    create,
    disable,
    enrol_otp,
    find,
    list_accounts,
    reset,
)
from accounts.signin import (
    Attempt,
    Grant,
    Throttle,
    login,
    logout,
    refresh,
    session_first,
    session_state,
)
from accounts.totp import Enrolment, Sealer

__all__ = [
    "ACCOUNT_ROLES",
    "Account",
    "AccountConflict",
    "AccountDisabled",
    "AccountError",
    "AccountLocked",
    "AccountRole",
    "Attempt",
    "BadCredentials",
    "Caller",
    "Created",
    "Enrolment",
    "Grant",
    "Limit",
    "NewAccount",
    "NotAllowed",
    "OtpRequired",
    "Sealer",
    "Status",
    "Throttle",
    "change_password",
    "confirm_otp",
    "create",
    "disable",
    "enrol_otp",
    "find",
    "list_accounts",
    "login",
    "logout",
    "refresh",
    "reset",
    "session_first",
    "session_state",
]
