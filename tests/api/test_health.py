"""GET /health and the problem+json error handling (contract §3)."""

from fastapi.testclient import TestClient
from neo4j import GraphDatabase

from api.app import create_app
from graph.db import Graph
from hhgraph.settings import Settings
from tests.conftest import free_port


def test_health_reports_the_server_version_and_edition(graph: Graph, settings: Settings) -> None:
    with TestClient(create_app(settings, graph)) as client:
        response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["neo4j"]["version"].startswith("5.26.")
    assert body["neo4j"]["edition"] == "community"


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


def test_unknown_route_is_a_404_problem(graph: Graph, settings: Settings) -> None:
    with TestClient(create_app(settings, graph)) as client:
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
