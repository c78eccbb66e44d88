"""The console's routes (api/routes/console.py): static files, the vendored cytoscape.js, and
`POST /dev/token`, which exists in dev mode only."""

from pathlib import Path

import jwt
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routes.console import CONSOLE_DIR, VENDOR_FILES
from core.settings import Settings
from graph.db import Graph
from tests.helpers import TEST_SECRET

LOOPBACK = ("127.0.0.1", 50000)


@pytest.fixture
def client(settings: Settings, graph: Graph) -> TestClient:
    return TestClient(create_app(settings, graph), client=LOOPBACK)


@pytest.fixture
def dev_client(settings: Settings, graph: Graph) -> TestClient:
    return TestClient(
        create_app(settings.model_copy(update={"dev_mode": True}), graph), client=LOOPBACK
    )


def test_the_console_page_is_served_at_the_root_with_a_strict_policy(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert '<script type="module" src="/console/js/main.js">' in page.text
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy
    assert page.headers["x-content-type-options"] == "nosniff"


def test_static_files_and_the_vendored_graph_library(client: TestClient) -> None:
    script = client.get("/console/js/main.js")
    assert (script.status_code, script.headers["content-type"]) == (
        200,
        "text/javascript; charset=utf-8",
    )
    assert client.get("/console/css/console.css").headers["content-type"].startswith("text/css")
    installed = CONSOLE_DIR / VENDOR_FILES["cytoscape.esm.min.mjs"]
    assert installed.is_file(), "cytoscape is not installed: run `npm ci --prefix console`"
    library = client.get("/console/vendor/cytoscape.esm.min.mjs")
    assert library.status_code == 200
    assert library.content == installed.read_bytes()
    assert client.get("/console/vendor/lodash.js").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/console/package.json",  # not a suffix the console serves
        "/console/node_modules/cytoscape/dist/cytoscape.min.js",
        "/console/%2e%2e/pyproject.toml",
        "/console/..%2fapi/app.py",
        "/console/js/nope.js",
        "/console/",
    ],
)
def test_nothing_else_is_served(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_outside_dev_mode_there_is_no_dev_token_route(
    client: TestClient, settings: Settings, graph: Graph
) -> None:
    assert client.get("/console/config.json").json() == {"dev_mode": False}
    response = client.post("/dev/token", json={"role": "province", "region": "440000000000"})
    assert response.status_code == 404
    documented = create_app(settings.model_copy(update={"api_docs": True}), graph)
    paths = TestClient(documented).get("/openapi.json").json()["paths"]
    assert [p for p in paths if not p.startswith(("/v1/", "/health"))] == []


def test_in_dev_mode_the_dev_button_mints_a_working_token(dev_client: TestClient) -> None:
    assert dev_client.get("/console/config.json").json() == {"dev_mode": True}
    minted = dev_client.post(
        "/dev/token", json={"role": "township", "region": "440103001000", "sub": "li"}
    )
    assert minted.status_code == 200
    body = minted.json()
    assert (body["role"], body["region"], body["sub"]) == ("township", "440103001000", "li")
    claims = jwt.decode(body["token"], TEST_SECRET, algorithms=["HS256"])
    assert (claims["role"], claims["region"], claims["sub"]) == ("township", "440103001000", "li")
    queue = dev_client.get("/v1/warnings", headers={"Authorization": f"Bearer {body['token']}"})
    assert queue.status_code == 200


def test_dev_tokens_are_refused_to_other_hosts_and_bad_requests(
    settings: Settings, graph: Graph, dev_client: TestClient
) -> None:
    remote = TestClient(
        create_app(settings.model_copy(update={"dev_mode": True}), graph),
        client=("192.0.2.7", 50000),
    )
    body = {"role": "province", "region": "440000000000"}
    assert remote.post("/dev/token", json=body).status_code == 403
    assert dev_client.post("/dev/token", json=body | {"role": "root"}).status_code == 422
    for region in ("44x", "4401", "000000000000"):  # I2: 6 or 12 digits, a real level
        assert dev_client.post("/dev/token", json=body | {"region": region}).status_code == 422
    assert dev_client.post("/dev/token", json=body | {"extra": 1}).status_code == 422


@pytest.mark.parametrize(
    "path",
    [
        "/console/eslint.config.js",  # the console's own tooling: a .js outside js/
        "/console/package-lock.json",
        "/console/README.md",
        "/console/.prettierrc.json",
        "/console/css/%2e%2e/eslint.config.js",
        "/console/js/main.css",  # js/ serves modules only, css/ stylesheets only
        "/console/css/console.js",
    ],
)
def test_only_what_the_page_loads_is_served(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404, path
    assert response.headers["content-type"] == "application/problem+json"


def test_every_file_the_page_loads_is_served(client: TestClient) -> None:
    """The page, its stylesheets and every module under js/ (each imports others)."""
    wanted = ["index.html", *(p.relative_to(CONSOLE_DIR).as_posix() for p in loaded_files())]
    assert "js/main.js" in wanted
    assert "css/console.css" in wanted
    statuses = {path: client.get(f"/console/{path}").status_code for path in wanted}
    assert statuses == dict.fromkeys(wanted, 200)


def loaded_files() -> list[Path]:
    return sorted([*(CONSOLE_DIR / "js").rglob("*.js"), *(CONSOLE_DIR / "css").rglob("*.css")])


def test_s1_the_dashboard_charts_come_from_the_installed_echarts(client: TestClient) -> None:
    """Issue 19: Apache ECharts' self-contained ES module, straight from node_modules."""
    installed = CONSOLE_DIR / VENDOR_FILES["echarts.esm.min.mjs"]
    assert installed.is_file(), "echarts is not installed: run `npm ci --prefix console`"
    library = client.get("/console/vendor/echarts.esm.min.mjs")
    assert (library.status_code, library.content) == (200, installed.read_bytes())
    assert library.headers["content-type"] == "text/javascript; charset=utf-8"
