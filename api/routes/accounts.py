"""Sign-in and accounts (CONTRACT §5, issue 16): anyone signs in; the holder of a session
refreshes it, signs out, changes its password and enrols its second factor; province officers
manage the accounts of their region, city officers those of their city."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from api.deps import GraphDep, Holder, Limit, allow
from api.errors import problem_responses
from api.models.accounts import (
    AccountCreatedPublic,
    AccountIn,
    AccountPage,
    AccountPublic,
    LoginIn,
    OtpConfirmIn,
    OtpEnrolmentPublic,
    PasswordIn,
    RefreshIn,
    TokenPair,
)
from api.security import Officer
from api.services import accounts as services

__all__ = ["router"]

router = APIRouter(tags=["accounts"])
ERRORS = problem_responses(400, 401, 403, 404, 409, 422)
SIGN_IN_ERRORS = problem_responses(400, 401, 403, 422, 423)
Admin = Annotated[Officer, Depends(allow("province", "city"))]
Username = Annotated[str, Path(min_length=1, max_length=64)]


@router.post("/v1/auth/login", responses=SIGN_IN_ERRORS)
def login(request: Request, body: LoginIn, graph: GraphDep) -> TokenPair:
    """Sign in with username, password and, where the account needs one, the TOTP code.
    Wrong credentials 401 (`otp_required: true` when only the code is missing or wrong);
    five failures in a row lock for 15 minutes (423); a disabled account 403."""
    return services.login(request, graph, body)


@router.post("/v1/auth/refresh", responses=SIGN_IN_ERRORS)
def refresh(request: Request, body: RefreshIn, graph: GraphDep) -> TokenPair:
    """A new token pair for a refresh token; the old one stops working, and using it again
    revokes the whole session."""
    return services.refresh(request, graph, body.refresh_token)


@router.post("/v1/auth/logout", status_code=204, responses=ERRORS)
def logout(request: Request, graph: GraphDep, officer: Holder) -> Response:
    """End the session: its access and refresh tokens stop working at once."""
    services.logout(request, graph, officer)
    return Response(status_code=204)


@router.post("/v1/accounts", status_code=201, responses=ERRORS)
def create(
    request: Request, body: AccountIn, graph: GraphDep, officer: Admin
) -> AccountCreatedPublic:
    """A new account in the caller's region, at most the caller's role, with a one-time
    password (shown once)."""
    return services.create(request, graph, officer, body)


@router.get("/v1/accounts", responses=ERRORS)
def list_accounts(
    graph: GraphDep,
    officer: Admin,
    status: Literal["active", "disabled"] | None = None,
    limit: Limit = 100,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> AccountPage:
    """The accounts of the caller's region, by username."""
    return services.list_page(graph, officer, status, cursor, limit)


@router.post("/v1/accounts/me/password", responses=ERRORS)
def change_password(
    request: Request, body: PasswordIn, graph: GraphDep, officer: Holder
) -> TokenPair:
    """The holder's new password (the policy, not the last five); every session of the
    account ends and a new one starts, whose tokens this returns."""
    return services.change_password(request, graph, officer, body.old, body.new)


@router.post("/v1/accounts/me/otp", responses=ERRORS)
def enrol_otp(request: Request, graph: GraphDep, officer: Holder) -> OtpEnrolmentPublic:
    """A new TOTP secret for the holder (RFC 6238), pending until confirmed."""
    return services.enrol_otp(request, graph, officer)


@router.post("/v1/accounts/me/otp/confirm", responses=ERRORS)
def confirm_otp(
    request: Request, body: OtpConfirmIn, graph: GraphDep, officer: Holder
) -> AccountPublic:
    """The pending factor becomes active once a code from it is right."""
    return services.confirm_otp(request, graph, officer, body.otp)


@router.post("/v1/accounts/{username}/disable", responses=ERRORS)
def disable(request: Request, username: Username, graph: GraphDep, officer: Admin) -> AccountPublic:
    """Disable an account of the caller's region; its sessions end at once."""
    return services.disable(request, graph, officer, username)


@router.post("/v1/accounts/{username}/reset", responses=ERRORS)
def reset(
    request: Request, username: Username, graph: GraphDep, officer: Admin
) -> AccountCreatedPublic:
    """A new one-time password for an account of the caller's region; its sessions end."""
    return services.reset(request, graph, officer, username)
