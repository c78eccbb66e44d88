"""Bearer tokens (JWT, HS256) and who may call what (CONTRACT §3).

A token carries `sub`, `role` and `region`: the caller sees households in that region and
below. Only HS256 is accepted (`alg: none` and every other algorithm are refused), and `exp`
is required.
"""

import time
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Literal

import jwt
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from loaders.ids import normalise_region_code, region_level, region_prefix

Role = Literal["province", "city", "county", "township", "investigator", "batch"]
OFFICERS: frozenset[Role] = frozenset({"province", "city", "county", "township"})
ALGORITHM = "HS256"


class Officer(BaseModel):
    """The caller, as its token says."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    sub: str = Field(min_length=1, max_length=128)
    role: Role
    region: str

    @field_validator("region")
    @classmethod
    def _region(cls, value: str) -> str:
        code = normalise_region_code(value)
        region_level(code)
        return code

    @property
    def region_prefix(self) -> str:
        """Every household this caller may see has a region code starting with this."""
        return region_prefix(self.region)


class InvalidToken(Exception):
    """The token is missing, malformed, expired, wrongly signed or has bad claims."""


def mint_token(secret: str, role: Role, region: str, sub: str, ttl_minutes: int = 60) -> str:
    """A signed token for `sub` with `role` over `region`, valid `ttl_minutes`."""
    officer = Officer(sub=sub, role=role, region=region)
    now = datetime.now(UTC)
    claims = {
        "sub": officer.sub,
        "role": officer.role,
        "region": officer.region,
        "iat": now,
        "exp": now + timedelta(minutes=ttl_minutes),
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def decode_token(token: str, secret: str) -> Officer:
    """The officer a token names; `InvalidToken` for anything wrong with it.

    A token once verified is remembered (the last 4,096): checking the signature and claims
    was a tenth of the API's CPU on a single-household read (py-spy, bench/latency.py), and an
    officer's console sends the same token for an hour. Only `exp` can turn a verified token
    invalid, so it is checked again on every call, as PyJWT does (expired at `exp`).
    """
    try:
        officer, expires = _verified(token, secret)
    except (jwt.PyJWTError, ValidationError, ValueError) as exc:
        raise InvalidToken(str(exc)) from exc
    if expires <= time.time():
        raise InvalidToken("Signature has expired")
    return officer


@lru_cache(maxsize=4096)
def _verified(token: str, secret: str) -> tuple[Officer, float]:
    """The officer and expiry of a token whose signature and claims are good now (an invalid
    token raises, and so is not remembered)."""
    claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]})
    return Officer.model_validate(claims), float(claims["exp"])
