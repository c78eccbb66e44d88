"""Sign-in and accounts (CONTRACT §5, issue 16)."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from accounts import AccountRole
from core.terms import Department

__all__ = [
    "AccountCreatedPublic",
    "AccountIn",
    "AccountPage",
    "AccountPublic",
    "LoginIn",
    "OtpConfirmIn",
    "OtpEnrolmentPublic",
    "PasswordIn",
    "RefreshIn",
    "TokenPair",
]


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)
    otp: str | None = Field(default=None, max_length=12, description="The TOTP code, 6 digits.")


class RefreshIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh_token: str = Field(min_length=1, max_length=256)


class TokenPair(BaseModel):
    """An access token (15 minutes, the bearer token of every route) and the refresh token of
    its session (one use; the session lasts 8 hours from sign-in)."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (RFC 6750 token type, no secret)
    expires_in: int
    refresh_token: str
    must_change_password: bool
    must_enrol_otp: bool


class AccountIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=64)
    role: AccountRole
    region: str = Field(min_length=6, max_length=12)
    person_id: str | None = Field(default=None, max_length=18)
    department: Department | None = None


class AccountPublic(BaseModel):
    """An account as an administrator sees it: never a password, hash or secret."""

    username: str
    role: str
    region: str
    person_id: str | None
    department: str | None
    status: Literal["active", "disabled"]
    must_change_password: bool
    otp_enabled: bool
    locked_until: datetime | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    last_login_at: datetime | None


class AccountCreatedPublic(AccountPublic):
    """The account with its one-time password: shown once, to be changed at first sign-in."""

    one_time_password: str


class AccountPage(BaseModel):
    items: list[AccountPublic]
    next_cursor: str | None


class PasswordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    old: str = Field(min_length=1, max_length=256)
    new: str = Field(min_length=1, max_length=256)


class OtpEnrolmentPublic(BaseModel):
    """RFC 6238: 30-second steps, 6 digits, SHA-1; `qr_svg` is `otpauth_uri` as a QR code."""

    secret: str
    otpauth_uri: str
    qr_svg: str


class OtpConfirmIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    otp: str = Field(min_length=1, max_length=12)
