"""GET /v1/households/{id}/eligibility: the means test (E1–E7) as officers see it."""

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from core.dates import today_in_china
from core.ids import make_resident_id
from graph.db import Graph
from loaders.pipeline import load_records
from loaders.read import RawRecord
from tests.helpers import ANOTHER_TOWNSHIP, bearer
from tests.loaders import family
from tests.scoring.kin import rewrite_person

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


@pytest.fixture
def client(client: TestClient, graph: Graph) -> TestClient:
    # The family of tests/loaders/family.py: H1 has grandma (grade-2 physical disability),
    # father 36000, mother 24000 and a child: 60000 / 12 / 4 = 1250.00 per person per month,
    # not below the 广州市 1500.00 urban standard; uncle lives in H2.
    for feed, records in family.all_feeds().items():
        load(graph, feed, records)
    load(graph, "regions", [ANOTHER_TOWNSHIP])
    return client


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
        "explanations": [  # the same reasons as data (CONTRACT §3)
            {
                "rule": "E3",
                "code": "e3_below",
                "params": {
                    "per_capita": "1250.00",
                    "line": "1500.00",
                    "region_name": "广州市",
                    "hukou": "urban",
                    "effective_from": "2026-01-01",
                },
            },
            {"rule": "E3", "code": "assets_ok", "params": {}},
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
        assert set(verdict) == {"person_id", "eligible", "reasons", "explanations"}
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


def test_issue13_item5_E5_is_dated_by_the_social_assistance_law(
    client: TestClient, graph: Graph
) -> None:
    """Through the route: before 2026-07-01 the seed's test, which needs no local standard;
    from 2026-07-01 the law's, where rigid spending must be strictly above the ratio."""
    load(
        graph,
        "households",
        [family.households()[0] | {"household_id": "H5", "rigid_expenditure_annual": 30000}],
    )
    lone_id = make_resident_id("440103", date(1980, 1, 1), 52)
    lone = family.person(lone_id, "赵六", "1980-01-01", "F", annual_income=50000)
    load(graph, "persons", [lone])
    load(
        graph,
        "memberships",
        [{"person_id": lone_id, "household_id": "H5", "from": "2020-01-01", "relation": "head"}],
    )
    verdicts = {
        day: get(client, "H5", f"?as_of={day}").json()["expenditure_hardship"]
        for day in ("2025-06-01", "2026-06-30", "2026-07-01")
    }
    # 2025-06-01: no standard in force (the city's is from 2026-01-01), the seed's test holds.
    assert [v["eligible"] for v in verdicts.values()] == [True, True, False]
    assert verdicts["2025-06-01"]["reasons"][0].startswith("E5: the seed's test")
    assert verdicts["2026-07-01"]["reasons"][0].startswith("E5: the Social Assistance Law's test")
    assert verdicts["2026-07-01"]["reasons"][-1] == (
        "E5: rigid spending 30000.00 is not above 30000.00 (0.6 × household income 50000.00)"
    )


HUGE = 1.7976931348623157e308  # the largest finite float: what an unbounded feed could hold


def huge_world(graph: Graph) -> dict[str, str]:
    """Beside the family: the father's income is 1e17 yuan (1e19 fen, past a 64-bit integer);
    HB has two members of the largest float income each (their sum is past every float) and
    as much rigid spending; HC has a normal income and the largest rigid spending; HD a lone
    person without income (dibao). Written past the loader's checks, as older feeds held them."""
    ids = {
        name: make_resident_id("440103", date(1980, 1, 1), seq)
        for name, seq in (("b1", 61), ("b2", 63), ("c", 65), ("d", 67))
    }
    household = family.households()[0]
    load(
        graph,
        "households",
        [household | {"household_id": hid} for hid in ("HB", "HC", "HD")],
    )
    load(graph, "persons", [family.person(pid, "某", "1980-01-01", "M") for pid in ids.values()])
    homes = {"b1": "HB", "b2": "HB", "c": "HC", "d": "HD"}
    load(
        graph,
        "memberships",
        [
            {"person_id": ids[n], "household_id": h, "from": "2020-01-01", "relation": "other"}
            for n, h in homes.items()
        ],
    )
    father = next(p for p in family.persons() if p["person_id"] == family.FATHER)
    rewrite_person(graph, father | {"annual_income": 1e17})
    for name in ("b1", "b2"):
        rewrite_person(graph, family.person(ids[name], "某", "1980-01-01", "M", annual_income=HUGE))
    rewrite_person(graph, family.person(ids["c"], "某", "1980-01-01", "M", annual_income=50000))
    graph.driver.execute_query(
        "MATCH (h:Household) WHERE h.household_id IN ['HB', 'HC'] "
        "SET h.rigid_expenditure_annual = $huge",
        huge=HUGE,
        database_=graph.database,
    )
    return ids


@pytest.mark.parametrize("as_of", ["2026-05-01", "2026-07-01"])
def test_issue14_item11_the_largest_amounts_never_overflow_the_means_test(
    client: TestClient, graph: Graph, as_of: str
) -> None:
    huge_world(graph)
    bodies = {}
    for hid in ("H1", "HB", "HC", "HD"):
        response = get(client, hid, f"?as_of={as_of}")
        assert response.status_code == 200, (hid, response.text)
        bodies[hid] = response.json()
    verdicts = {
        hid: tuple(b[p]["eligible"] for p in ("dibao", "marginal", "expenditure_hardship"))
        for hid, b in bodies.items()
    }
    assert verdicts == {
        "H1": (False, False, False),  # 1e17 a year is no poverty
        "HB": (False, False, False),  # rigid spending M is below 0.6 × 2M
        "HC": (False, False, True),  # 50000 a year, rigid spending far above 0.6 × 50000
        "HD": (True, False, False),
    }
    assert bodies["H1"]["household_annual_income"] == 1e17 + 24000  # and the mother's
    assert bodies["HB"]["per_capita_monthly_income"] == pytest.approx(HUGE / 12)
    assert bodies["HB"]["household_annual_income"] == HUGE  # no float holds 2 × HUGE: shown capped
