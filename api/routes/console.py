"""The web console (issue 8): static files at `/` and `/console/...`, and in dev mode only
`POST /dev/token`.

The console is plain HTML, CSS and ES modules under `console/` (no build step) that call the
public API with the user's bearer token, like any other client; nothing here reads the graph.
Its npm dependencies, cytoscape.js (the case explorer) and Apache ECharts (the dashboard),
are served from
`console/node_modules` after `npm ci --prefix console`.

`dev_router` mints a token for a chosen role and region with the app's own secret, so that the
sign-in page can offer a dev button. `api/app.py` includes it only when `settings.dev_mode`
is on, so outside dev mode the route does not exist (404); the handler checks again, and
answers only clients on the loopback interface. None of these routes is in the OpenAPI schema.
"""

from ipaddress import ip_address
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field

from api.deps import SettingsDep
from api.security import Role, mint_token
from core.errors import NotFound

CONSOLE_DIR = Path(__file__).resolve().parents[2] / "console"
# The only files of node_modules that are served, by the name the console imports them with.
VENDOR_FILES = {
    "cytoscape.esm.min.mjs": Path("node_modules/cytoscape/dist/cytoscape.esm.min.mjs"),
    # Apache ECharts' self-contained ES module build (the dashboard, issue 19).
    "echarts.esm.min.mjs": Path("node_modules/echarts/dist/echarts.esm.min.mjs"),
}
PAGE = "index.html"
# The folders the page loads files from, each with the one suffix served from it.
SERVED = {"css": ".css", "js": ".js"}
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}
# The console's pages load only their own scripts, and talk only to this origin. Styles allow
# 'unsafe-inline' because cytoscape.js injects a stylesheet for its container; no script runs
# inline, and the console never builds markup from strings (console/js/dom.js).
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
DEV_TOKEN_TTL_MINUTES = 8 * 60  # one working day

router = APIRouter(include_in_schema=False, tags=["console"])
dev_router = APIRouter(include_in_schema=False, tags=["console"])


def _file(path: Path) -> FileResponse:
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers=SECURITY_HEADERS)


def _console_file(relative: str) -> Path | None:
    """The file under `console/` that `relative` names, if it is one the page loads: the page
    itself, its stylesheets under `css/` and its ES modules under `js/` (each imports the
    others by relative path), after resolving `..` and links. Nothing else of the folder
    (its eslint and prettier configs, package files, node_modules, README) is served.

    Complexity: O(length of the path).
    """
    if "\x00" in relative:
        return None
    path = (CONSOLE_DIR / relative).resolve()
    if not path.is_relative_to(CONSOLE_DIR):
        return None
    inside = path.relative_to(CONSOLE_DIR).parts
    loaded = inside == (PAGE,) or (len(inside) > 1 and SERVED.get(inside[0]) == path.suffix)
    return path if loaded and path.is_file() else None


@router.get("/")
def index() -> FileResponse:
    """The console's single page."""
    return _file(CONSOLE_DIR / PAGE)


class ConsoleConfig(BaseModel):
    """What the console needs to know of the server before sign-in."""

    dev_mode: bool


@router.get("/console/config.json")
def config(settings: SettingsDep) -> ConsoleConfig:
    """Whether the sign-in page offers the dev button."""
    return ConsoleConfig(dev_mode=settings.dev_mode)


@router.get("/console/vendor/{name}")
def vendor(name: Annotated[str, PathParam(max_length=64)]) -> FileResponse:
    """A vendored npm file (cytoscape.js), straight from `console/node_modules`."""
    relative = VENDOR_FILES.get(name)
    if relative is None:
        raise NotFound(f"no vendored file {name}")
    path = CONSOLE_DIR / relative
    if not path.is_file():
        raise NotFound(f"{name} is not installed: run `npm ci --prefix console`")
    return _file(path)


@router.get("/console/{relative:path}")
def static(relative: Annotated[str, PathParam(max_length=200)]) -> FileResponse:
    """A static file of the console (HTML, CSS, JS modules, images)."""
    path = _console_file(relative)
    if path is None:
        raise NotFound(f"no console file {relative}")
    return _file(path)


class DevTokenIn(BaseModel):
    """The role, region and name of the token the dev button asks for."""

    model_config = ConfigDict(extra="forbid")

    role: Role
    region: str = Field(pattern=r"^(\d{6}|\d{12})$")
    sub: str = Field(default="dev", min_length=1, max_length=64)


class DevTokenOut(BaseModel):
    token: str
    role: Role
    region: str
    sub: str
    expires_in_minutes: int


def _is_loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


@dev_router.post("/dev/token")
def dev_token(body: DevTokenIn, request: Request, settings: SettingsDep) -> DevTokenOut:
    """A token for any role and region, signed with the app's secret (dev mode only, from the
    loopback interface only): what `hhgraph token` prints, for the sign-in page."""
    if not settings.dev_mode:  # the router is only included in dev mode; check anyway
        raise NotFound("not found")
    if not _is_loopback(request):
        raise HTTPException(403, "dev tokens are minted for loopback clients only")
    try:
        token = mint_token(
            request.app.state.secret, body.role, body.region, body.sub, DEV_TOKEN_TTL_MINUTES
        )
    except ValueError as exc:  # a region code that I2 refuses
        raise HTTPException(422, f"region: {exc}") from exc
    return DevTokenOut(
        token=token,
        role=body.role,
        region=body.region,
        sub=body.sub,
        expires_in_minutes=DEV_TOKEN_TTL_MINUTES,
    )
