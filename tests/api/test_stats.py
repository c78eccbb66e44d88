"""`GET /v1/stats` and `GET /v1/stats.xlsx` (CONTRACT §4; RULES S1-S3): officers of a region
read its figures and its children's, by month, published with small cells hidden, and the
workbook; other roles are refused, another region is absent."""

from io import BytesIO

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from graph.db import Graph
from tests.helpers import bearer
from tests.stats import world
from tests.stats.world import enrolment

COUNTY_H = bearer("county", world.COUNTY, "county-1")


@pytest.fixture
def client(client: TestClient, graph: Graph) -> TestClient:
    sizes = [(world.VILLAGE_A2, 2)] * 6 + [(world.VILLAGE_B1, 1)] * 3
    world.load_world(graph, sizes, [enrolment(f"X{i}", "dibao", "2026-01-01") for i in range(9)])
    return client


def test_s1_s2_a_county_reads_its_figures_its_townships_and_the_months(client: TestClient) -> None:
    got = client.get(f"/v1/stats?region={world.COUNTY}&as_of=2026-10-30&months=3", headers=COUNTY_H)
    assert got.status_code == 200, got.text
    body = got.json()
    assert (body["region"], body["name"], body["as_of"]) == (world.COUNTY, "荔湾区", "2026-10-30")
    assert body["figures"]["households_by_group"]["M1"] == 9
    assert [c["region"] for c in body["children"]] == [world.TOWN_A, world.TOWN_B]
    assert body["children"][1]["figures"]["households_by_group"]["M1"] == 3
    assert [m["month"] for m in body["monthly"]] == ["2026-08", "2026-09", "2026-10"]
    assert body["monthly"][-1]["figures"] == body["figures"]
    assert body["figures"]["findings_by_rule"] is None  # no integrity scan recorded yet
    default = client.get("/v1/stats?as_of=2026-10-30", headers=COUNTY_H).json()
    assert default["region"] == world.COUNTY
    assert len(default["monthly"]) == 12


def test_s3_published_stats_hide_small_cells_and_their_complements(client: TestClient) -> None:
    url = f"/v1/stats?region={world.COUNTY}&as_of=2026-10-30&months=2&publish=true"
    body = client.get(url, headers=COUNTY_H).json()
    assert body["published"] is True
    assert body["figures"]["households_by_group"]["M1"] == 9
    towns = [c["figures"]["households_by_group"]["M1"] for c in body["children"]]
    assert towns == ["<5", "<5"]  # 3 is small; 6 alone would give it away
    assert body["figures"]["warnings_overdue"] == "<5"


def test_s1_the_workbook_downloads_and_reads_back(client: TestClient) -> None:
    got = client.get(f"/v1/stats.xlsx?region={world.COUNTY}&as_of=2026-10-30", headers=COUNTY_H)
    assert got.status_code == 200, got.text
    assert got.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in got.headers["content-disposition"]
    book = load_workbook(BytesIO(got.content))
    assert book.sheetnames == ["县(市、区)", "乡镇(街道)"]
    (county,) = book["县(市、区)"].iter_rows(min_row=3, values_only=True)
    assert county[0] == world.COUNTY
    assert county[2] == 9


@pytest.mark.parametrize("route", ["/v1/stats", "/v1/stats.xlsx"])
def test_s1_only_officers_of_the_region_read_the_figures(client: TestClient, route: str) -> None:
    url = f"{route}?region={world.COUNTY}&as_of=2026-10-30"
    assert client.get(url).status_code == 401
    for role in ("investigator", "batch", "department"):
        assert client.get(url, headers=bearer(role, world.COUNTY)).status_code == 403, role
    other = bearer("county", world.OTHER_COUNTY, "county-2")
    assert client.get(url, headers=other).status_code == 404
    township = bearer("township", world.TOWN_A, "town-1")
    assert client.get(url, headers=township).status_code == 404  # its county is above it
    assert client.get(f"{route}?region={world.TOWN_A}", headers=township).status_code == 200
    assert client.get(f"{route}?region=440103009000", headers=COUNTY_H).status_code == 404
    assert client.get(f"{route}?region=4401x3", headers=COUNTY_H).status_code == 422
    assert (
        client.get(f"{route}?region=440103&as_of=2026-13-01", headers=COUNTY_H).status_code == 422
    )
    if route == "/v1/stats":
        assert client.get(f"{route}?months=25", headers=COUNTY_H).status_code == 422
