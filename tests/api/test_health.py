"""GET /health and the problem+json error handling (contract §3)."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase

from api.app import create_app
from core.settings import Settings
from graph import server
from graph.db import Graph
from tests.api.test_matrix import EXPECT, IN_REGION, Call, World
from tests.helpers import bearer, free_port
from tests.live import serve

# The ids of a world that is never loaded: with Neo4j down no route gets as far as them.
NO_WORLD = World(warnings={"H1": "H1-2026-09-30-1", "H3": "H3-2026-09-30-1"}, job_id="J-1")


def test_health_reports_the_server_version_and_edition(client: TestClient) -> None:
    response = client.get("/health", headers=bearer("investigator", "440103001000"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["neo4j"]["version"].startswith("5.26.")
    assert body["neo4j"]["edition"] == "community"


def test_issue14_item13_health_gives_the_version_only_to_a_caller_with_a_token(
    client: TestClient,
) -> None:
    anonymous = client.get("/health")
    forged = client.get("/health", headers={"Authorization": "Bearer not.a.token"})
    known = client.get("/health", headers=bearer("batch"))
    assert (anonymous.status_code, anonymous.json()) == (200, {"status": "ok"})
    assert "5.26" not in anonymous.text
    assert forged.status_code == 401
    assert known.json()["neo4j"]["edition"] == "community"


@pytest.mark.parametrize(
    ("switches", "served"),
    [({}, False), ({"api_docs": True}, True), ({"dev_mode": True}, True)],
    ids=["default", "HHGRAPH_API_DOCS", "dev-mode"],
)
def test_issue14_item13_docs_are_off_unless_dev_mode_or_the_setting_turns_them_on(
    graph: Graph, settings: Settings, switches: dict[str, bool], served: bool
) -> None:
    client = TestClient(create_app(settings.model_copy(update=switches), graph))
    statuses = {path: client.get(path).status_code for path in ("/docs", "/redoc", "/openapi.json")}
    assert statuses == dict.fromkeys(statuses, 200 if served else 404)


def test_issue14_item13_hsts_behind_tls_only(graph: Graph, settings: Settings) -> None:
    app = create_app(settings, graph)
    secure = TestClient(app, base_url="https://testserver").get("/health")
    plain = TestClient(app).get("/health")
    assert secure.headers["strict-transport-security"].startswith("max-age=31536000")
    assert "strict-transport-security" not in plain.headers
    for answer in (secure, plain):
        assert (answer.headers["cache-control"], answer.headers["x-content-type-options"]) == (
            "no-store",
            "nosniff",
        )


def test_app_opens_its_own_driver_and_migrates(graph: Graph, settings: Settings) -> None:
    graph.driver.execute_query("DROP CONSTRAINT person_id IF EXISTS", database_="neo4j")
    with TestClient(create_app(settings)) as client:
        assert client.get("/health").status_code == 200
    rows = graph.driver.execute_query(
        "SHOW CONSTRAINTS YIELD name WHERE name = 'person_id' RETURN name", database_="neo4j"
    ).records
    assert len(rows) == 1


def test_health_is_503_problem_when_neo4j_does_not_answer(settings: Settings) -> None:
    dead = GraphDatabase.driver(
        f"bolt://127.0.0.1:{free_port()}",
        auth=None,
        connection_timeout=1,
        max_transaction_retry_time=0,
    )
    with dead, TestClient(create_app(settings, Graph(dead, "neo4j", 2.0))) as client:
        response = client.get("/health")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "urn:hhgraph:problem:service-unavailable"
    assert response.headers["retry-after"] == str(settings.retry_after_s)


def test_unknown_route_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/no-such-route")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "urn:hhgraph:problem:not-found"


def test_unexpected_error_is_a_500_problem_without_internals(
    graph: Graph, settings: Settings
) -> None:
    app = create_app(settings, graph)

    def explode() -> None:
        raise RuntimeError("secret internal detail /srv/app.py line 12")

    app.add_api_route("/explode", explode)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/explode")
    assert response.status_code == 500
    assert response.json() == {
        "type": "urn:hhgraph:problem:internal-error",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "an internal error occurred",
    }


def test_issue14_item9_neo4j_down_is_a_quick_503_with_retry_after_on_every_route(
    settings: Settings, tmp_path: Path
) -> None:
    """A real Neo4j of its own, stopped under a burst of requests to every /v1/ route and
    /health: each answers 503 problem+json with Retry-After. The client's timeout (20 s) is
    below the 30-62 s the driver's defaults made a request wait, so a hang fails the test."""
    data_dir = tmp_path / "neo4j-down"
    options = server.ServerOptions(bolt_port=free_port(), heap_mb=512, pagecache_mb=64)
    info, _ = server.start(data_dir, options)
    try:
        app = create_app(settings.model_copy(update={"neo4j_uri": info.uri}))
        with serve(app) as base, httpx.Client(base_url=base, timeout=20) as client:
            assert client.get("/health").status_code == 200
            server.stop(data_dir)
            calls = [(None, Call("GET", "/health"))] + [
                (sorted(expect.roles)[0], expect.call(NO_WORLD, sorted(expect.roles)[0]))
                for (_method, path), expect in sorted(EXPECT.items())
                if path.startswith("/v1/") and expect.roles
            ]

            def send(call: tuple[str | None, Call]) -> httpx.Response:
                role, request = call
                headers = bearer(role, IN_REGION) if role else {}
                return client.request(
                    request.method, request.url, json=request.body, headers=headers
                )

            with ThreadPoolExecutor(max_workers=24) as pool:
                answers = list(pool.map(send, calls * 3))
    finally:
        server.stop(data_dir)
    wrong = [
        f"{r.request.method} {r.request.url.path}: {r.status_code} {r.text[:120]}"
        for r in answers
        if r.status_code != 503
        or r.headers.get("content-type") != "application/problem+json"
        or not r.headers.get("retry-after", "").isdigit()
    ]
    assert wrong == []
    assert len(answers) == 3 * len(calls) > 30
