"""The conference routes over HTTP (CONTRACT §4; RULES R6): the county convenes and signs,
the signature sends each task as a referral the department then sees, a signed conference is
read-only (409 naming R6), and each route refuses the roles it does not allow."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.db import Graph
from tests.applications.family import COUNTY, HOUSEHOLD, OTHER_HOUSEHOLD, TOWNSHIP, load_couple
from tests.helpers import bearer

COUNTY_H = bearer("county", COUNTY, "county-1")
TOWNSHIP_H = bearer("township", TOWNSHIP, "officer-1")
HOUSING_H = bearer("department", COUNTY, "housing-1", department="housing")
SHENZHEN_H = bearer("county", "440304000000", "county-sz")


@pytest.fixture
def client(client: TestClient, graph: Graph) -> TestClient:
    load_couple(graph)
    return client


def body(**changes: Any) -> dict[str, Any]:
    values = {
        "held_on": "2026-03-02",
        "departments": ["housing", "medical_security"],
        "facts": "房屋失火",
        "decision": "一事一议：临时救助 12000 元",
        "amount": 12000,
        "relief_id": None,
        "household_id": HOUSEHOLD,
        "tasks": [{"department": "housing", "need": "危房改造"}],
    }
    return values | changes


def convened(client: TestClient, **changes: Any) -> str:
    answer = client.post("/v1/conferences", json=body(**changes), headers=COUNTY_H)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["conference_id"])


def test_r6_signed_by_the_county_its_tasks_reach_the_department(client: TestClient) -> None:
    conference_id = convened(client)
    url = f"/v1/conferences/{conference_id}"
    signed = client.post(f"{url}/signature", json={"signed_on": "2026-03-03"}, headers=COUNTY_H)
    assert signed.status_code == 200, signed.text
    found = signed.json()
    assert (found["status"], found["county_code"], found["signed_on"]) == (
        "signed",
        COUNTY,
        "2026-03-03",
    )
    assert [s["step"] for s in found["timeline"]] == ["convened", "signature"]
    inbox = client.get("/v1/referrals", headers=HOUSING_H).json()["items"]
    assert [(r["referral_id"], r["source_id"]) for r in inbox] == [
        (found["referral_ids"][0], conference_id)
    ]
    listed = client.get("/v1/conferences?status=signed", headers=TOWNSHIP_H).json()["items"]
    assert [c["conference_id"] for c in listed] == [conference_id]
    assert client.get("/v1/conferences?status=draft", headers=COUNTY_H).json()["items"] == []


def test_r6_a_signed_conference_is_read_only(client: TestClient) -> None:
    url = f"/v1/conferences/{convened(client)}"
    amended = client.put(url, json=body(amount=15000), headers=COUNTY_H)
    assert (amended.status_code, amended.json()["amount"]) == (200, 15000)
    client.post(f"{url}/signature", json={"signed_on": "2026-03-03"}, headers=COUNTY_H)
    for answer in (
        client.put(url, json=body(amount=1), headers=COUNTY_H),
        client.post(f"{url}/signature", json={"signed_on": "2026-03-04"}, headers=COUNTY_H),
    ):
        assert answer.status_code == 409, answer.text
        assert (answer.json()["state"], answer.json()["rules"]) == ("signed", ["R6"])
    assert client.get(url, headers=COUNTY_H).json()["amount"] == 15000


def test_r6_a_conference_names_its_case(client: TestClient) -> None:
    answer = client.post("/v1/conferences", json=body(household_id=None), headers=COUNTY_H)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "body.relief_id"


def test_p11_a_charity_task_without_consent_is_422(client: TestClient) -> None:
    tasks = [{"department": "charity", "need": "慈善帮扶"}]
    answer = client.post("/v1/conferences", json=body(tasks=tasks), headers=COUNTY_H)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "body.tasks.0.consent_on"
    tasks[0]["consent_on"] = "2026-03-02"
    assert (
        client.post("/v1/conferences", json=body(tasks=tasks), headers=COUNTY_H).status_code == 201
    )


def test_r6_only_the_county_convenes_amends_and_signs(client: TestClient) -> None:
    conference_id = convened(client)
    url = f"/v1/conferences/{conference_id}"
    for headers in (TOWNSHIP_H, HOUSING_H):
        assert client.post("/v1/conferences", json=body(), headers=headers).status_code == 403
        assert client.put(url, json=body(), headers=headers).status_code == 403
        sign = client.post(f"{url}/signature", json={"signed_on": "2026-03-03"}, headers=headers)
        assert sign.status_code == 403
    assert client.post("/v1/conferences", json=body()).status_code == 401


def test_r6_readers_are_officers_of_the_region(client: TestClient) -> None:
    url = f"/v1/conferences/{convened(client)}"
    assert client.get(url, headers=TOWNSHIP_H).status_code == 200
    assert client.get(url, headers=HOUSING_H).status_code == 403
    assert client.get("/v1/conferences", headers=HOUSING_H).status_code == 403
    assert client.get(url, headers=SHENZHEN_H).status_code == 404
    assert client.get("/v1/conferences", headers=SHENZHEN_H).json()["items"] == []
    sign = client.post(f"{url}/signature", json={"signed_on": "2026-03-03"}, headers=SHENZHEN_H)
    assert sign.status_code == 404
    assert client.post("/v1/conferences", json=body(), headers=SHENZHEN_H).status_code == 404


def test_r6_a_task_about_a_subject_outside_the_county_is_404(client: TestClient) -> None:
    """A fire in 沙面 (R1: filed there) whose household lives in 深圳: the county's conference
    on the case is its own, but a task would be a referral about a household outside its
    region (R6, P11): 404 as if absent (CONTRACT §3), and no referral is sent."""
    relief = {
        "township_code": TOWNSHIP,
        "household_id": OTHER_HOUSEHOLD,
        "track": "emergency",
        "cause": "fire",
        "occurred_on": "2026-03-02",
        "persons": 1,
        "requested_amount": 1000,
    }
    filed = client.post("/v1/relief", json=relief, headers=TOWNSHIP_H)
    assert filed.status_code == 201, filed.text
    on_case = body(household_id=None, relief_id=filed.json()["relief_id"])
    refused = client.post("/v1/conferences", json=on_case, headers=COUNTY_H)
    assert refused.status_code == 404, refused.text
    assert refused.json()["status"] == 404
    conference_id = convened(client, **(on_case | {"tasks": []}))
    url = f"/v1/conferences/{conference_id}"
    assert client.put(url, json=on_case, headers=COUNTY_H).status_code == 404
    signed = client.post(f"{url}/signature", json={"signed_on": "2026-03-03"}, headers=COUNTY_H)
    assert (signed.status_code, signed.json()["referral_ids"]) == (200, [])
    assert client.get("/v1/referrals", headers=COUNTY_H).json()["items"] == []
