"""Accounts as the service reads and writes them (CONTRACT §5, issue 16)."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from core.errors import InvalidField, NotFound
from core.ids import Level, normalise_region_code, region_level, region_prefix, resident_id_problem
from core.terms import Department

__all__ = [
    "ACCESS_TTL",
    "ACCOUNT_ROLES",
    "LOCK_AFTER",
    "LOCK_FOR",
    "OTP_ROLES",
    "PUBLIC_FIELDS",
    "SESSION_TTL",
    "Account",
    "AccountRole",
    "Caller",
    "Limit",
    "NewAccount",
    "Status",
    "check_new_account",
    "rank",
]

AccountRole = Literal["province", "city", "county", "township", "investigator", "department"]
ACCOUNT_ROLES: tuple[AccountRole, ...] = (
    "province", "city", "county", "township", "investigator", "department",
)  # fmt: skip
Status = Literal["active", "disabled"]
# What a session may do before it is a full one: change its one-time password first, or
# (province and city, without a factor yet) enrol its second factor.
Limit = Literal["password", "otp"]
OTP_ROLES = frozenset({"province", "city"})  # need a second factor at sign-in (issue 16)
ACCESS_TTL = timedelta(minutes=15)
SESSION_TTL = timedelta(hours=8)  # a working day: the refresh tokens of a session end with it
LOCK_AFTER = 5
LOCK_FOR = timedelta(minutes=15)
USERNAME = re.compile(r"[a-z][a-z0-9._-]{2,63}")
RESERVED = frozenset({"me"})  # /v1/accounts/me/... is the holder's own account
# An officer's role goes with its region's level; investigators and departments serve any.
_LEVEL = {"province": Level.PROVINCE, "city": Level.CITY, "county": Level.COUNTY,
          "township": Level.TOWNSHIP}  # fmt: skip
_RANK = {"province": 4, "city": 3, "county": 2, "township": 1, "investigator": 1,
         "department": 1, "batch": 0}  # fmt: skip
# The account's fields an administrator sees: never a hash, a secret or the history.
PUBLIC_FIELDS = (
    "username", "role", "region", "person_id", "department", "status", "must_change_password",
    "otp_enabled", "locked_until", "created_at", "created_by", "updated_at", "updated_by",
    "last_login_at",
)  # fmt: skip


def rank(role: str) -> int:
    """How high a role stands: nobody makes or manages an account above their own."""
    return _RANK.get(role, 0)


@dataclass(frozen=True, slots=True)
class Caller:
    """Who manages accounts: the token's `sub`, role and region (a 12-digit code)."""

    sub: str
    role: str
    region: str

    @property
    def region_prefix(self) -> str:
        return region_prefix(self.region)

    def reaches(self, account_role: str, account_region: str) -> bool:
        """Whether the account lies in the caller's region (else: as if absent)."""
        return account_region.startswith(self.region_prefix)

    def outranks_or_equals(self, account_role: str) -> bool:
        return rank(account_role) <= rank(self.role)


@dataclass(frozen=True, slots=True)
class NewAccount:
    username: str
    role: AccountRole
    region: str
    person_id: str | None = None
    department: Department | None = None


@dataclass(frozen=True, slots=True)
class Account:
    """One `Account` node as stored (the hash and sealed secrets stay inside the package)."""

    props: dict[str, Any]

    @property
    def username(self) -> str:
        return str(self.props["username"])

    @property
    def role(self) -> str:
        return str(self.props["role"])

    @property
    def region(self) -> str:
        return str(self.props["region"])

    @property
    def active(self) -> bool:
        return self.props.get("status") == "active"

    @property
    def password_hash(self) -> str:
        return str(self.props["password_hash"])

    @property
    def history(self) -> list[str]:
        return list(self.props.get("password_history") or [])

    @property
    def otp_enabled(self) -> bool:
        return bool(self.props.get("otp_enabled"))

    def locked_until(self, now: datetime) -> datetime | None:
        until = self.props.get("locked_until")
        return until if isinstance(until, datetime) and until > now else None

    def limit(self) -> Limit | None:
        """What a new session of this account is limited to, if anything."""
        if self.props.get("must_change_password"):
            return "password"
        if self.role in OTP_ROLES and not self.otp_enabled:
            return "otp"
        return None

    def public(self) -> dict[str, Any]:
        return {name: self.props.get(name) for name in PUBLIC_FIELDS}

    def claims(self) -> dict[str, Any]:
        """The token claims of this account (CONTRACT §3, §4: person_id, department)."""
        return {
            "sub": self.username,
            "role": self.role,
            "region": self.region,
            "person_id": self.props.get("person_id"),
            "department": self.props.get("department"),
        }


def check_new_account(caller: Caller | None, new: NewAccount) -> str:
    """The account's region as a 12-digit code, once the account is one `caller` may make:
    `InvalidField` for a field that breaks its rule, `NotFound` for a region outside the
    caller's (as if absent), `NotAllowed` above the caller's role. `caller` None: the command
    line (`hhgraph account create`), whose operator holds the database anyway."""
    from accounts.errors import NotAllowed

    if not USERNAME.fullmatch(new.username) or new.username in RESERVED:
        raise InvalidField(
            "username", "3-64 characters: lower-case letters, digits, '.', '_', '-', "
            "starting with a letter (and not 'me')",
        )  # fmt: skip
    try:
        region = normalise_region_code(new.region)
        level = region_level(region)
    except ValueError as exc:
        raise InvalidField("region", str(exc)) from exc
    if new.role in _LEVEL and level is not _LEVEL[new.role]:
        raise InvalidField("region", f"a {new.role} account serves a {new.role}-level region")
    if (new.role == "department") != (new.department is not None):
        raise InvalidField("department", "a department goes with the department role, and only it")
    if new.person_id is not None and (problem := resident_id_problem(new.person_id)):
        raise InvalidField("person_id", problem)
    if caller is not None:
        if not caller.outranks_or_equals(new.role):
            raise NotAllowed(f"a {caller.role} officer may not make a {new.role} account")
        if not caller.reaches(new.role, region):
            raise NotFound(f"no region {region} in the caller's region")
    return region
