"""POST /v1/ingest/{feed}: the loader's path over HTTP, for the province and batch roles."""

import json

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from hhgraph.settings import Settings
from tests.conftest import bearer
from tests.loaders import family


@pytest.fixture
def client(graph: Graph, settings: Settings) -> TestClient:
    return TestClient(create_app(settings.model_copy(update={"max_body_bytes": 4096}), graph))


def test_a_json_array_is_loaded_with_its_rejects(client: TestClient) -> None:
    body = [*family.regions(), {"code": "440103001002", "name": "", "extra": 1}]
    response = client.post("/v1/ingest/regions", json=body, headers=bearer("batch"))
    assert response.status_code == 200
    assert response.json() == {
        "feed": "regions",
        "received": 6,
        "accepted": 5,
        "applied": 5,
        "unchanged": 0,
        "rejected": [
            {
                "index": 5,
                "key": {"code": "440103001002"},
                "errors": [
                    {"field": "name", "message": "String should have at least 1 character"},
                    {"field": "extra", "message": "Extra inputs are not permitted"},
                ],
            }
        ],
    }


def test_json_lines_are_loaded_and_a_second_push_changes_nothing(client: TestClient) -> None:
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in family.regions())
    headers = bearer("province") | {"Content-Type": "application/x-ndjson"}
    first = client.post("/v1/ingest/regions", content=lines.encode(), headers=headers).json()
    again = client.post("/v1/ingest/regions", content=lines.encode(), headers=headers).json()
    assert (first["applied"], again["applied"], again["unchanged"]) == (5, 0, 5)


@pytest.mark.parametrize("role", ["city", "county", "township", "investigator"])
def test_other_roles_may_not_ingest(client: TestClient, role: str) -> None:
    response = client.post("/v1/ingest/regions", json=[], headers=bearer(role))
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"


def test_no_token_is_401(client: TestClient) -> None:
    response = client.post("/v1/ingest/regions", json=[])
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_an_unknown_feed_is_422(client: TestClient) -> None:
    assert client.post("/v1/ingest/pets", json=[], headers=bearer("batch")).status_code == 422


def test_a_body_over_the_cap_is_413(client: TestClient) -> None:
    body = [family.regions()[0]] * 200
    response = client.post("/v1/ingest/regions", json=body, headers=bearer("batch"))
    assert response.status_code == 413


def test_a_body_that_is_not_json_is_400(client: TestClient) -> None:
    response = client.post("/v1/ingest/regions", content=b"[{oops", headers=bearer("batch"))
    assert response.status_code == 400
    assert response.json()["type"] == "urn:hhgraph:problem:bad-request"


def test_issue13_item10_I2_a_code_with_a_part_after_a_zero_part_is_rejected(
    client: TestClient,
) -> None:
    client.post("/v1/ingest/regions", json=family.regions(), headers=bearer("batch"))
    not_a_village = {"code": "440100000001", "name": "假村"}
    response = client.post("/v1/ingest/regions", json=[not_a_village], headers=bearer("batch"))
    assert response.status_code == 200
    (reject,) = response.json()["rejected"]
    assert reject["key"] == {"code": "440100000001"}
    (error,) = reject["errors"]
    assert error["field"] == "code"
    assert "follows the zero county part 00" in error["message"]
    assert "I2" in error["message"]
