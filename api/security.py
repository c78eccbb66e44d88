"""Bearer tokens (JWT, HS256) and who may call what (CONTRACT §3).

A token carries `sub`, `role` and `region`: the caller sees households in that region and
below. Only HS256 is accepted (`alg: none` and every other algorithm are refused). Issue 14
item 15: `exp` and `iat` are required, as JSON numbers (PyJWT alone takes "9999999999" and
`true`), a token may live at most the server's maximum lifetime (`exp - iat`), clocks may
differ by `LEEWAY_S`, and the region is 6 or 12 ASCII digits (`str.isdigit` takes "٤٤").
Whether the region exists, and the limit on repeated bad tokens, are checked in `api/deps.py`,
which has the graph and the client's address. A bad token raises `core.errors.InvalidToken`
with the reason, for logs and the command line; the API answers every one alike.
"""

import math
import re
import time
from collections import deque
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any, Literal

import jwt
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from core.errors import InvalidToken
from core.ids import normalise_region_code, region_level, region_prefix
from core.terms import Department

__all__ = [
    "ALGORITHM",
    "LEEWAY_S",
    "OFFICERS",
    "BadTokenLimit",
    "Officer",
    "Role",
    "decode_token",
    "mint_token",
]

Role = Literal["province", "city", "county", "township", "investigator", "batch", "department"]
OFFICERS: frozenset[Role] = frozenset({"province", "city", "county", "township"})
ALGORITHM = "HS256"
LEEWAY_S = 30  # clocks of the minting host and the API may differ this much
DEFAULT_MAX_LIFETIME_S = 24 * 3600.0  # `HHGRAPH_TOKEN_MAX_MINUTES`: a batch job's night
REGION_CODE = re.compile(r"[0-9]{6}(?:[0-9]{6})?")


class Officer(BaseModel):
    """The caller, as its token says."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    sub: str = Field(min_length=1, max_length=128)
    role: Role
    region: str
    # The officer's own resident id (I1), for the recusal of RULES C5: an official related to
    # a case's household may record no step on it (CONTRACT §4: `hhgraph token --person-id`).
    person_id: str | None = Field(default=None, min_length=18, max_length=18)
    # The `department` role's department (CONTRACT §4, RULES P11): it sees and answers only
    # the referrals sent to it within its region. Required for that role, refused for others.
    department: Department | None = None
    # The sign-in session of an account's token (CONTRACT §5, issue 16): the API checks on
    # every request that it is live, so a logout, a disable or a new password ends it at
    # once. Tokens of `hhgraph token` (batch jobs, service accounts) carry none.
    sid: str | None = Field(default=None, min_length=8, max_length=64)

    @field_validator("region")
    @classmethod
    def _region(cls, value: str) -> str:
        if not REGION_CODE.fullmatch(value):
            raise ValueError("a region code is 6 or 12 ASCII digits")
        code = normalise_region_code(value)
        region_level(code)
        return code

    @model_validator(mode="after")
    def _department(self) -> "Officer":
        if (self.role == "department") != (self.department is not None):
            raise ValueError("a department claim goes with the department role, and only it")
        return self

    @property
    def region_prefix(self) -> str:
        """Every household this caller may see has a region code starting with this."""
        return region_prefix(self.region)


def mint_token(
    secret: str,
    role: Role,
    region: str,
    sub: str,
    ttl_minutes: int = 60,
    person_id: str | None = None,
    department: str | None = None,
    sid: str | None = None,
) -> str:
    """A signed token for `sub` with `role` over `region`, valid `ttl_minutes`; `person_id`
    names the officer's resident id (C5), `department` the department role's (P11), `sid`
    the sign-in session of an account (CONTRACT §5)."""
    officer = Officer.model_validate(
        {
            "sub": sub,
            "role": role,
            "region": region,
            "person_id": person_id,
            "department": department,
            "sid": sid,
        }
    )
    now = datetime.now(UTC)
    claims: dict[str, Any] = {
        "sub": officer.sub,
        "role": officer.role,
        "region": officer.region,
        "iat": now,
        "exp": now + timedelta(minutes=ttl_minutes),
    }
    if officer.person_id is not None:
        claims["person_id"] = officer.person_id
    if officer.department is not None:
        claims["department"] = officer.department
    if officer.sid is not None:
        claims["sid"] = officer.sid
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def decode_token(
    token: str, secret: str, max_lifetime_s: float = DEFAULT_MAX_LIFETIME_S
) -> Officer:
    """The officer a token names; `InvalidToken` for anything wrong with it.

    A token once verified is remembered (the last 4,096): checking the signature and claims
    was a tenth of the API's CPU on a single-household read (py-spy, bench/latency.py), and an
    officer's console sends the same token for an hour. Only `exp` can turn a verified token
    invalid, so it is checked again on every call (expired `LEEWAY_S` after `exp`).
    """
    try:
        officer, expires = _verified(token, secret, max_lifetime_s)
    except (jwt.PyJWTError, ValidationError, ValueError) as exc:
        raise InvalidToken(str(exc)) from exc
    if expires + LEEWAY_S <= time.time():
        raise InvalidToken("Signature has expired")
    return officer


def _number(claims: dict[str, Any], name: str) -> float:
    """A NumericDate claim (RFC 7519): a JSON number, not a string or a boolean."""
    value = claims[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidToken(f"the {name} claim must be a number")
    return float(value)


@lru_cache(maxsize=4096)
def _verified(token: str, secret: str, max_lifetime_s: float) -> tuple[Officer, float]:
    """The officer and expiry of a token whose signature and claims are good now (an invalid
    token raises, and so is not remembered)."""
    claims = jwt.decode(
        token,
        secret,
        algorithms=[ALGORITHM],
        options={"require": ["exp", "iat", "sub"]},
        leeway=LEEWAY_S,
    )
    expires, issued = _number(claims, "exp"), _number(claims, "iat")
    if "nbf" in claims:
        _number(claims, "nbf")
    if expires - issued > max_lifetime_s:
        raise InvalidToken(
            f"the token lives longer than the server allows ({max_lifetime_s:.0f} s)"
        )
    return Officer.model_validate(claims), expires


class BadTokenLimit:
    """At most `limit` bad tokens per client address within `window_s`; a client over it is
    refused (429) with any token, a good one too, until its oldest failure leaves the window,
    so that guessing or replaying tokens cannot go on at full speed. Per API process: with
    `--workers N` a client gets up to N times the limit. At most `MAX_CLIENTS` addresses are
    remembered (the longest-quiet ones are forgotten first)."""

    MAX_CLIENTS = 10_000

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit, self.window_s = limit, window_s
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, client: str, now: float) -> deque[float]:
        failures = self._failures.get(client, deque())
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        return failures

    def wait_s(self, client: str) -> float:
        """Seconds until `client` may present a token again (0: now)."""
        now = time.monotonic()
        failures = self._recent(client, now)
        if len(failures) < self.limit:
            return 0.0
        return failures[0] + self.window_s - now

    def failed(self, client: str) -> None:
        """Count one bad token of `client`."""
        now = time.monotonic()
        failures = self._recent(client, now)
        failures.append(now)
        self._failures.pop(client, None)
        self._failures[client] = failures  # most recent last
        if len(self._failures) > self.MAX_CLIENTS:
            del self._failures[next(iter(self._failures))]
