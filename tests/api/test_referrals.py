"""The referral routes over HTTP (CONTRACT §4; RULES P11): a township refers, the housing
department answers its own and sees nobody else's, a charity referral needs consent."""

import json
import time
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from applications import Intake, file_application
from core.settings import Settings
from graph.db import Graph
from procedure.policy import default_policy
from tests.applications.family import COUNTY, HOUSEHOLD, TOWNSHIP, TOWNSHIP_OFFICER, load_couple
from tests.helpers import bearer
from tests.webhooks.receiver import Receiver, running
from webhooks import register

TOWNSHIP_H = bearer("township", TOWNSHIP, "officer-1")
HOUSING_H = bearer("department", COUNTY, "housing-1", department="housing")
EDUCATION_H = bearer("department", COUNTY, "edu-1", department="education")


@pytest.fixture
def source(graph: Graph) -> str:
    couple = load_couple(graph)
    intake = Intake("dibao", HOUSEHOLD, couple.head, "window", date(2026, 3, 2))
    return file_application(graph, TOWNSHIP_OFFICER, intake, default_policy()).application_id


def body(source: str, **changes: Any) -> dict[str, Any]:
    values = {
        "source_id": source,
        "household_id": HOUSEHOLD,
        "department": "housing",
        "need": "危房改造",
        "sent_on": "2026-03-02",
    }
    return values | changes


def test_p11_a_referral_answered_by_its_department(client: TestClient, source: str) -> None:
    sent = client.post("/v1/referrals", json=body(source), headers=TOWNSHIP_H)
    assert sent.status_code == 201, sent.text
    referral_id = sent.json()["referral_id"]
    assert sent.json()["due_step"] == "acknowledgement"
    inbox = client.get("/v1/referrals", headers=HOUSING_H).json()["items"]
    assert [r["referral_id"] for r in inbox] == [referral_id]
    assert client.get("/v1/referrals", headers=EDUCATION_H).json()["items"] == []
    url = f"/v1/referrals/{referral_id}"
    assert client.get(url, headers=EDUCATION_H).status_code == 404
    answer = {"status": "done", "on": "2026-03-05", "outcome": "已纳入危房改造"}
    assert client.post(f"{url}/status", json=answer, headers=EDUCATION_H).status_code == 404
    done = client.post(f"{url}/status", json=answer, headers=HOUSING_H)
    assert done.status_code == 200, done.text
    assert (done.json()["status"], done.json()["outcome"]) == ("done", "已纳入危房改造")
    again = client.post(f"{url}/status", json=answer, headers=HOUSING_H)
    assert again.status_code == 409
    assert again.json()["state"] == "done"


def test_p11_charity_without_consent_is_422(client: TestClient, source: str) -> None:
    answer = client.post(
        "/v1/referrals", json=body(source, department="charity"), headers=TOWNSHIP_H
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "body.consent_on"


def test_p11_exactly_one_subject(client: TestClient, source: str) -> None:
    both = body(source, person_id="44010319560301003X")
    assert client.post("/v1/referrals", json=both, headers=TOWNSHIP_H).status_code == 422


def test_department_role_may_not_read_households(client: TestClient, source: str) -> None:
    assert client.get(f"/v1/households/{HOUSEHOLD}", headers=HOUSING_H).status_code == 403


def test_p11_the_served_app_delivers_the_departments_messages(
    graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    """`hhgraph serve`'s app runs the delivery loop in its lifespan: a referral sent through
    the API reaches the housing department's registered receiver, signed."""
    monkeypatch.setenv("HHGRAPH_WEBHOOK_INTERVAL_S", "0.2")
    with running(Receiver()) as receiver:
        receiver.secret = register(graph, "housing", COUNTY, receiver.url).secret
        with TestClient(create_app(settings)) as served:
            sent = served.post("/v1/referrals", json=body(source), headers=TOWNSHIP_H)
            assert sent.status_code == 201, sent.text
            deadline = time.monotonic() + 20
            while not receiver.unique and time.monotonic() < deadline:
                time.sleep(0.1)
        (delivered,) = [json.loads(b) for b in receiver.unique.values()]
    assert delivered["topic"] == "referral.sent"
    assert delivered["data"]["referral_id"] == sent.json()["referral_id"]
