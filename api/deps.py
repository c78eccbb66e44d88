"""FastAPI dependencies, as `Annotated` aliases that routes declare in their signatures.

They are `async def` although none awaits: FastAPI runs a plain `def` dependency in its
thread pool, one hand-off per dependency and request, and these do no I/O (bench/latency.py).
"""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.security import OFFICERS, InvalidToken, Officer, Role, decode_token
from graph.db import Graph
from hhgraph.settings import Settings

_bearer = HTTPBearer(auto_error=False, description="A token from `hhgraph token`.")
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


async def get_graph(request: Request) -> Graph:
    """The app's `Graph` (one driver per process, opened in the lifespan)."""
    graph: Graph = request.app.state.graph
    return graph


async def get_app_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


async def _verified(request: Request, token: str) -> Officer:
    """The officer a presented token names, else 401."""
    try:
        officer = decode_token(token, request.app.state.secret)
    except InvalidToken as exc:
        raise HTTPException(401, "the bearer token is not valid", headers=_CHALLENGE) from exc
    request.state.officer = officer  # for the audit log
    return officer


async def current_officer(request: Request, credentials: Credentials) -> Officer:
    """The caller named by a valid bearer token, else 401."""
    if credentials is None:
        raise HTTPException(401, "a bearer token is required", headers=_CHALLENGE)
    return await _verified(request, credentials.credentials)


async def optional_officer(request: Request, credentials: Credentials) -> Officer | None:
    """The caller of a public route: None without a token, 401 for a bad one."""
    if credentials is None:
        return None
    return await _verified(request, credentials.credentials)


CurrentOfficer = Annotated[Officer, Depends(current_officer)]
MaybeOfficer = Annotated[Officer | None, Depends(optional_officer)]


def allow(*roles: Role) -> Callable[[Officer], Awaitable[Officer]]:
    """A dependency that lets only `roles` through (403 for any other valid caller)."""

    async def check(officer: CurrentOfficer) -> Officer:
        if officer.role not in roles:
            raise HTTPException(403, f"the role {officer.role} may not call this route")
        return officer

    return check


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
# Officers and investigators: the read routes on households and persons (CONTRACT §3).
Reader = Annotated[Officer, Depends(allow(*sorted(OFFICERS), "investigator"))]
# Province and batch: ingest and rescoring.
Feeder = Annotated[Officer, Depends(allow("province", "batch"))]
