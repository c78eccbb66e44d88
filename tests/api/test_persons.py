"""GET /v1/persons/{id}/supporters and /destitute-check (CONTRACT §3; RULES §3, T1–T7)."""

from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from hhgraph.dates import today_in_china
from hhgraph.settings import Settings
from loaders.ids import mask_id
from tests.conftest import bearer
from tests.scoring.kin import AS_OF, SZ_VILLAGE, Family, born_aged

TOWNSHIP = "440103001000"  # holds the village of H1 (广州)
SUPPORTER_FIELDS = {"person_id", "relation", "obligation", "order", "able", "reason"}
CHECK_FIELDS = {
    "person_id",
    "as_of",
    "eligible",
    "category",
    "no_labor_capacity",
    "no_income_source",
    "no_capable_supporter",
    "supporters",
    "reasons",
}


def app_with_persons(settings: Settings, graph: Graph) -> FastAPI:
    """The app as `hhgraph serve` builds it."""
    return create_app(settings, graph)


@pytest.fixture
def fam(graph: Graph) -> Family:
    """An 80-year-old in Guangzhou without means; a son next door (able), a daughter in
    Shenzhen (aged 70, poor: unable) and a late husband with no membership on record."""
    family = Family()
    h1 = family.household("H1")
    s1 = family.household("S1", village=SZ_VILLAGE)
    old = family.person("陈秀英", born_aged(80), h1, sex="F")
    son = family.person("李建国", born_aged(55), h1, annual_income=60000)
    daughter = family.person("李小红", born_aged(70), s1, sex="F", annual_income=20000)
    husband = family.person("李大山", born_aged(82), None, death_date=date(2020, 2, 2))
    family.parent(old, son)
    family.parent(old, daughter)
    family.spouse(husband, old, start=date(1968, 1, 1))
    family.load(graph)
    return family


@pytest.fixture
def client(fam: Family, graph: Graph, settings: Settings) -> TestClient:
    return TestClient(app_with_persons(settings, graph))


def get(
    client: TestClient,
    person: str,
    route: str = "supporters",
    role: str = "township",
    region: str = TOWNSHIP,
    query: str = f"?as_of={AS_OF}",
) -> Any:
    return client.get(f"/v1/persons/{person}/{route}{query}", headers=bearer(role, region))


def by_relation(items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        found.setdefault(item["relation"], []).append(item)
    return found


def test_supporters_have_the_contract_fields(client: TestClient, fam: Family) -> None:
    response = get(client, fam.names["陈秀英"], role="province", region="440000000000")
    assert response.status_code == 200
    items = response.json()
    assert all(set(item) >= SUPPORTER_FIELDS for item in items)
    got = {(i["person_id"], i["relation"], i["obligation"], i["order"], i["able"]) for i in items}
    assert got == {
        (fam.names["李大山"], "spouse", "support_spouse", "primary", False),
        (fam.names["李建国"], "child", "support_parent", "primary", True),
        (fam.names["李小红"], "child", "support_parent", "primary", False),
    }
    reasons = {i["person_id"]: i["reason"] for i in items}
    assert reasons[fam.names["李建国"]] == "T6: able"
    assert reasons[fam.names["李大山"]] == "T6: died on 2020-02-02"
    assert reasons[fam.names["李小红"]].startswith("T6: aged 70 (70 or over)")
    assert not any(i["masked"] for i in items)  # the province sees everyone


def test_destitute_check_has_the_contract_fields(client: TestClient, fam: Family) -> None:
    response = get(client, fam.names["陈秀英"], route="destitute-check")
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= CHECK_FIELDS
    assert body["person_id"] == fam.names["陈秀英"]
    assert body["as_of"] == AS_OF.isoformat()
    assert (body["no_labor_capacity"], body["no_income_source"]) == (True, True)
    assert (body["no_capable_supporter"], body["eligible"], body["category"]) == (
        False,
        False,
        None,
    )
    assert len(body["supporters"]) == 3
    assert [r.split(":")[0] for r in body["reasons"]] == ["T2", "T3", "T4–T6", "T1"]


def test_supporters_outside_the_callers_region_are_masked(client: TestClient, fam: Family) -> None:
    items = by_relation(get(client, fam.names["陈秀英"]).json())
    son = next(c for c in items["child"] if not c["masked"])
    daughter = next(c for c in items["child"] if c["masked"])
    assert (son["person_id"], son["name"], son["household_id"]) == (
        fam.names["李建国"],
        "李建国",
        "H1",
    )
    # The daughter lives in Shenzhen: masked id and name, no household, verdict still shown.
    assert daughter["person_id"] == mask_id(fam.names["李小红"])
    assert daughter["person_id"][:6] + daughter["person_id"][-4:] == (
        fam.names["李小红"][:6] + fam.names["李小红"][-4:]
    )
    assert daughter["name"] == "李**"
    assert daughter["household_id"] is None
    assert (daughter["able"], daughter["unable"]) == (False, ["aged_70_low_income"])
    assert "90000" not in daughter["reason"]  # no hint of her local income line
    # The husband has no membership on record: only a province-level caller sees him.
    (husband,) = items["spouse"]
    assert husband["masked"]
    assert husband["person_id"] == mask_id(fam.names["李大山"])


def test_the_destitute_check_masks_supporters_too(client: TestClient, fam: Family) -> None:
    body = get(client, fam.names["陈秀英"], route="destitute-check").json()
    ids = {s["person_id"] for s in body["supporters"]}
    assert fam.names["李小红"] not in ids
    assert mask_id(fam.names["李小红"]) in ids


@pytest.mark.parametrize("route", ["supporters", "destitute-check"])
def test_a_person_outside_the_callers_region_is_404(
    client: TestClient, fam: Family, route: str
) -> None:
    response = get(client, fam.names["陈秀英"], route=route, region="440304001000")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    # The Shenzhen daughter is not in a Guangzhou township either.
    assert get(client, fam.names["李小红"], route=route).status_code == 404


def test_a_person_without_any_membership_is_visible_to_the_province_only(
    client: TestClient, fam: Family
) -> None:
    husband = fam.names["李大山"]
    assert get(client, husband, region="440100000000", role="city").status_code == 404
    assert get(client, husband, region="440000000000", role="province").status_code == 200


def test_an_unknown_person_is_404(client: TestClient) -> None:
    assert get(client, "440103190001010000").status_code == 404


def test_as_of_defaults_to_today(client: TestClient, fam: Family) -> None:
    body = get(client, fam.names["陈秀英"], route="destitute-check", query="").json()
    assert body["as_of"] == today_in_china().isoformat()


def test_a_bad_as_of_is_422(client: TestClient, fam: Family) -> None:
    assert get(client, fam.names["陈秀英"], query="?as_of=2026-13-01").status_code == 422


@pytest.mark.parametrize("route", ["supporters", "destitute-check"])
@pytest.mark.parametrize("role", ["province", "city", "county", "township", "investigator"])
def test_officers_and_investigators_may_read(
    client: TestClient, fam: Family, role: str, route: str
) -> None:
    assert get(client, fam.names["陈秀英"], route=route, role=role).status_code == 200


@pytest.mark.parametrize("route", ["supporters", "destitute-check"])
def test_the_batch_role_may_not_read_persons(client: TestClient, fam: Family, route: str) -> None:
    assert get(client, fam.names["陈秀英"], route=route, role="batch").status_code == 403


@pytest.mark.parametrize("route", ["supporters", "destitute-check"])
def test_no_token_is_401(client: TestClient, fam: Family, route: str) -> None:
    response = client.get(f"/v1/persons/{fam.names['陈秀英']}/{route}")
    assert response.status_code == 401
