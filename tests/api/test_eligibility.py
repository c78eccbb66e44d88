"""GET /v1/households/{id}/eligibility: the means test (E1–E7) as officers see it."""

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from hhgraph.dates import today_in_china
from hhgraph.settings import Settings
from loaders.pipeline import load_records
from loaders.read import RawRecord
from tests.conftest import bearer
from tests.helpers import ANOTHER_TOWNSHIP
from tests.loaders import family

CONTRACT_FIELDS = {
    "household_id",
    "as_of",
    "member_count",
    "per_capita_monthly_income",
    "dibao",
    "marginal",
    "expenditure_hardship",
    "single_person_dibao",
}


def load(graph: Graph, feed: str, records: list[dict[str, Any]]) -> None:
    report = load_records(graph, feed, [RawRecord(i, r) for i, r in enumerate(records)])
    assert report.rejected == [], report.rejected


def app_with_route(settings: Settings, graph: Graph) -> FastAPI:
    """The app as `hhgraph serve` builds it."""
    return create_app(settings, graph)


@pytest.fixture
def client(graph: Graph, settings: Settings) -> TestClient:
    # The family of tests/loaders/family.py: H1 has grandma (grade-2 physical disability),
    # father 36000, mother 24000 and a child: 60000 / 12 / 4 = 1250.00 per person per month,
    # not below the 广州市 1500.00 urban standard; uncle lives in H2.
    for feed, records in family.all_feeds().items():
        load(graph, feed, records)
    load(graph, "regions", [ANOTHER_TOWNSHIP])
    return TestClient(app_with_route(settings, graph))


def get(
    client: TestClient,
    household: str = "H1",
    query: str = "?as_of=2026-05-01",
    role: str = "township",
    region: str = "440103001000",
) -> Any:
    return client.get(
        f"/v1/households/{household}/eligibility{query}", headers=bearer(role, region)
    )


def test_the_response_has_the_contracts_fields_and_reasons(client: TestClient) -> None:
    response = get(client)
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= CONTRACT_FIELDS
    assert (body["household_id"], body["as_of"], body["member_count"]) == ("H1", "2026-05-01", 4)
    assert body["per_capita_monthly_income"] == 1250.0
    assert body["dibao"] == {
        "eligible": True,
        "reasons": [
            "E3: 1250.00 < 1500.00 (广州市 urban standard from 2026-01-01)",
            "E3: assets within the local rule",
        ],
    }
    assert body["marginal"]["eligible"] is False
    assert body["expenditure_hardship"]["eligible"] is False
    assert {v["person_id"] for v in body["single_person_dibao"]} == {
        family.GRANDMA,
        family.FATHER,
        family.MOTHER,
        family.CHILD,
    }
    for verdict in body["single_person_dibao"]:
        assert set(verdict) == {"person_id", "eligible", "reasons"}
        assert verdict["eligible"] is False
    assert body["standard"]["region_code"] == "440100000000"
    assert body["standard"]["marginal_multiplier"] == 1.5
    assert body["reasons"][0] == "E1: 4 members on 2026-05-01"


def test_per_capita_income_is_rounded_for_display(client: TestClient) -> None:
    # In 2010 grandma, father and mother: 60000 / 12 / 3 = 1666.666... shown as 1666.67.
    body = get(client, query="?as_of=2010-01-01").json()
    assert (body["member_count"], body["per_capita_monthly_income"]) == (3, 1666.67)


def test_without_as_of_the_date_is_today_in_guangdong(client: TestClient) -> None:
    before = today_in_china()
    body = get(client, query="").json()
    assert body["as_of"] in {before.isoformat(), today_in_china().isoformat()}


def test_a_bad_as_of_is_422(client: TestClient) -> None:
    assert get(client, query="?as_of=2026-13-01").status_code == 422


def test_a_household_outside_the_callers_region_is_404(client: TestClient) -> None:
    response = get(client, region="440103002000")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_a_household_that_does_not_exist_is_404(client: TestClient) -> None:
    assert get(client, household="H404").status_code == 404


@pytest.mark.parametrize("role", ["province", "city", "county", "township", "investigator"])
def test_officers_and_investigators_may_read(client: TestClient, role: str) -> None:
    assert get(client, role=role, region="440000000000").status_code == 200


def test_the_batch_role_may_not_read_eligibility(client: TestClient) -> None:
    assert get(client, role="batch", region="440000000000").status_code == 403


def test_no_token_is_401(client: TestClient) -> None:
    assert client.get("/v1/households/H1/eligibility").status_code == 401
