"""GET /v1/regions?parent=: the regions directly under a region within the caller's (I2), for
the console's cascading village filter."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.db import Graph
from tests.helpers import bearer
from tests.scoring.kin import REGIONS
from tests.scoring.test_score import load

TOWNSHIP = "440103001000"  # 沙面街道, with two villages
COUNTY = "440103000000"  # 荔湾区


@pytest.fixture
def client(client: TestClient, graph: Graph) -> TestClient:
    """Guangdong with 广州 (one county, one township, two villages) and 深圳 (one each)."""
    load(graph, "regions", [{"code": c, "name": n} for c, n in REGIONS])
    return client


def children(
    client: TestClient, role: str = "township", region: str = TOWNSHIP, **query: Any
) -> Any:
    return client.get("/v1/regions", params=query, headers=bearer(role, region))


def test_the_default_parent_is_the_callers_own_region(client: TestClient) -> None:
    response = children(client)
    assert response.status_code == 200
    assert response.json() == {
        "parent": {"code": TOWNSHIP, "name": "沙面街道", "level": "township"},
        "items": [
            {"code": "440103001001", "name": "沙面社区", "level": "village"},
            {"code": "440103001002", "name": "二社区", "level": "village"},
        ],
        "next_cursor": None,
    }


def test_a_county_officer_walks_down_to_the_villages(client: TestClient) -> None:
    own = children(client, "county", COUNTY).json()
    assert [(r["code"], r["name"], r["level"]) for r in own["items"]] == [
        (TOWNSHIP, "沙面街道", "township")
    ]
    villages = children(client, "county", COUNTY, parent=TOWNSHIP).json()
    assert [r["name"] for r in villages["items"]] == ["沙面社区", "二社区"]
    village = children(client, "county", COUNTY, parent="440103001002").json()
    assert (village["parent"]["level"], village["items"]) == ("village", [])


def test_the_province_sees_its_cities_in_code_order(client: TestClient) -> None:
    body = children(client, "province", "440000000000").json()
    assert [(r["code"], r["name"]) for r in body["items"]] == [
        ("440100000000", "广州市"),
        ("440300000000", "深圳市"),
    ]
    assert children(client, "investigator", "440000000000", parent="440304").json()["parent"] == {
        "code": "440304000000",
        "name": "福田区",
        "level": "county",
    }  # a 6-digit GB/T 2260 code is padded (I2)


def test_pages_of_children(client: TestClient) -> None:
    first = children(client, limit=1).json()
    assert [r["code"] for r in first["items"]] == ["440103001001"]
    assert first["next_cursor"] == "440103001001"
    second = children(client, limit=1, cursor=first["next_cursor"]).json()
    assert [r["code"] for r in second["items"]] == ["440103001002"]
    third = children(client, limit=1, cursor=second["next_cursor"]).json()
    assert (third["items"], third["next_cursor"]) == ([], None)


@pytest.mark.parametrize(
    "parent",
    [
        "440304001000",  # another city's township
        "440304001001",  # a village there
        COUNTY,  # above the caller's township
        "440000000000",  # the province
    ],
)
def test_a_parent_outside_the_callers_region_is_404_and_shows_nothing_of_it(
    client: TestClient, parent: str
) -> None:
    response = children(client, parent=parent)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    others = {code for code, _ in REGIONS} - {parent, TOWNSHIP}
    assert [code for code in others if code in response.text] == []
    assert [name for _, name in REGIONS if name in response.text] == []


def test_an_unknown_region_inside_is_404(client: TestClient) -> None:
    assert children(client, parent="440103001099").status_code == 404
    # A token over a township that is not a region is refused (issue 14 item 15).
    assert children(client, "township", "440103009000").status_code == 401


@pytest.mark.parametrize(
    "query",
    [
        {"parent": "44x"},
        {"parent": "4401"},
        {"parent": "000000000000"},  # no level (I2)
        {"parent": "４４０１０３"},  # full-width digits
        {"limit": 0},
        {"limit": 501},  # CONTRACT §3: lists take limit <= 500
        {"cursor": "' OR 1=1 //"},
    ],
)
def test_bad_queries_are_422(client: TestClient, query: dict[str, Any]) -> None:
    response = children(client, **query)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("role", ["province", "city", "county", "township", "investigator"])
def test_officers_and_investigators_may_list_regions(client: TestClient, role: str) -> None:
    assert children(client, role).status_code == 200


def test_regions_need_a_reader_token(client: TestClient) -> None:
    assert children(client, "batch").status_code == 403
    anonymous = client.get("/v1/regions")
    assert anonymous.status_code == 401
    assert anonymous.headers["content-type"] == "application/problem+json"
