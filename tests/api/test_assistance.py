"""`GET /v1/households/{id}/assistance` over HTTP (CONTRACT §4): who may read a household's
assistance chain, its shape, and a former member who now lives outside the caller's region
shown masked in items and gaps (CONTRACT §3), and relief filed by another township shown
where the household lives (R1)."""

from datetime import date
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from applications import Intake, file_application
from core.ids import mask_id
from funds import post
from graph.db import Graph
from procedure.policy import default_policy
from relief import Advance, Filing, file_relief
from relief import record_step as record_relief
from tests.applications.family import (
    COUNTY,
    HOUSEHOLD,
    OTHER_HOUSEHOLD,
    TOWNSHIP,
    TOWNSHIP_OFFICER,
    load_couple,
)
from tests.helpers import bearer
from tests.scoring.kin import GZ_VILLAGE, SZ_VILLAGE, Family, born_aged

URL = f"/v1/households/{HOUSEHOLD}/assistance?as_of=2026-06-01"
OTHER_TOWNSHIP = "440304001000"


@pytest.fixture
def couple_case(graph: Graph) -> str:
    couple = load_couple(graph)
    intake = Intake("dibao", HOUSEHOLD, couple.head, "window", date(2026, 5, 4))
    return file_application(graph, TOWNSHIP_OFFICER, intake, default_policy()).application_id


@pytest.mark.parametrize(
    ("role", "region", "status"),
    [
        ("township", TOWNSHIP, 200),
        ("county", COUNTY, 200),
        ("province", "440000000000", 200),
        ("investigator", TOWNSHIP, 200),
        ("township", OTHER_TOWNSHIP, 404),  # outside the region: as if absent
        ("department", COUNTY, 403),  # a department sees its referrals, not the chain
        ("batch", "440000000000", 403),
    ],
)
def test_who_may_read_the_assistance_chain(
    client: TestClient, couple_case: str, role: str, region: str, status: int
) -> None:
    extra = {"department": "housing"} if role == "department" else {}
    response = client.get(URL, headers=bearer(role, region, f"{role}-1", **extra))
    assert response.status_code == status, response.text
    if status >= 400:
        assert response.headers["content-type"] == "application/problem+json"


def test_no_token_is_401(client: TestClient, couple_case: str) -> None:
    assert client.get(URL).status_code == 401


def test_the_chain_as_the_contract_names_it(client: TestClient, couple_case: str) -> None:
    response = client.get(URL, headers=bearer("township", TOWNSHIP, "officer-1"))
    body = response.json()
    assert set(body) >= {"household_id", "as_of", "items", "gaps", "overlaps"}
    (item,) = body["items"]
    assert set(item) >= {"kind", "id", "program", "department", "status", "from", "to", "amount"}
    assert (item["kind"], item["id"], item["status"], item["from"]) == (
        "application",
        couple_case,
        "received",
        "2026-05-04",
    )
    assert body["gaps"] == []  # applying for dibao: no E3 gap
    early = client.get(
        URL.replace("2026-06-01", "2026-05-01"), headers=bearer("township", TOWNSHIP, "o-1")
    ).json()
    (gap,) = early["gaps"]
    assert (gap["rule"], gap["program"], gap["person_id"]) == ("E3", "dibao", None)
    assert gap["explanations"][0]["code"] == "gap_household"
    assert gap["reason"] == gap["reasons"][0]


def test_a_member_now_living_elsewhere_is_masked(client: TestClient, graph: Graph) -> None:
    fam = Family()
    fam.household("H-M")
    fam.household("H-SZ", village=SZ_VILLAGE)
    stays = fam.person("留守", born_aged(40), "H-M", annual_income=120000)
    moved = fam.person("远走", born_aged(75), None)
    fam.member(moved, "H-M", date(2000, 1, 1), date(2026, 6, 30))
    fam.member(moved, "H-SZ", date(2026, 7, 1))
    fam.enrol(moved, "tekun", date(2020, 1, 1))
    fam.enrol(moved, "single_person_dibao", date(2021, 1, 1), date(2021, 12, 31))
    fam.load(graph)
    assert GZ_VILLAGE.startswith(TOWNSHIP[:9])
    response = client.get(
        "/v1/households/H-M/assistance?as_of=2026-06-01",
        headers=bearer("township", TOWNSHIP, "officer-1"),
    )
    assert response.status_code == 200, response.text
    assert moved not in response.text
    body = response.json()
    masked = mask_id(moved)
    assert {i["person_id"] for i in body["items"]} == {masked}
    (overlap,) = body["overlaps"]  # X2, named by the masked ids
    assert overlap["rule"] == "X2"
    assert overlap["ids"] == [
        f"tekun:{masked}:2020-01-01",
        f"single_person_dibao:{masked}:2021-01-01",
    ]
    assert overlap["explanations"][0]["params"]["person_id"] == masked
    assert stays not in {i["person_id"] for i in body["items"]}


def test_r1_relief_filed_by_another_township_shows_where_the_household_lives(
    client: TestClient, graph: Graph
) -> None:
    """R1 over HTTP: 沙面 (广州) files relief for the neighbour, who lives in 深圳. 深圳's
    township reads the chain of his household with 沙面's case and its payment in it; 沙面,
    which sees the persons named on its case, does not see that household's chain (404)."""
    couple = load_couple(graph)
    post(graph, TOWNSHIP, "allocation", Decimal("20000"), date(2026, 3, 2), "county-1")
    body = Filing(
        TOWNSHIP, "emergency", "accident", date(2026, 3, 2), 1, Decimal("1000"),
        person_id=couple.neighbour,
    )  # fmt: skip
    case = file_relief(graph, TOWNSHIP_OFFICER, body, default_policy())
    advance = Advance(date(2026, 3, 3), Decimal("800"))
    record_relief(graph, TOWNSHIP_OFFICER, case.relief_id, advance, default_policy())
    url = f"/v1/households/{OTHER_HOUSEHOLD}/assistance?as_of=2026-06-01"
    response = client.get(url, headers=bearer("township", OTHER_TOWNSHIP, "officer-sz"))
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [(i["kind"], i["from"], i["amount"]) for i in items] == [
        ("relief", "2026-03-02", 800.0),
        ("relief_payment", "2026-03-03", 800.0),
    ]
    relief = items[0]
    assert (relief["id"], relief["program"], relief["status"], relief["detail"]) == (
        case.relief_id, "emergency", "advanced", "accident",
    )  # fmt: skip
    assert relief["person_id"] == couple.neighbour  # 深圳 sees its own resident
    assert items[1]["detail"] == case.relief_id
    filer = client.get(url, headers=bearer("township", TOWNSHIP, "officer-1"))
    assert filer.status_code == 404  # the filing township: not its household's chain
