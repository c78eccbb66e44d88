"""The webhook routes over HTTP (RULES P11; docs/webhooks.md): a department registers its own
receiver within its region and sees the secret once, a county manages its region's, the URL
rule keeps the POSTs off internal addresses (SSRF), and a referral sent through the API
reaches a real receiver signed, or lands in the dead letters and is delivered once requeued."""

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.routes.webhooks import webhook_settings
from applications import Intake, file_application
from graph.db import Graph
from procedure.policy import default_policy
from tests.applications.family import COUNTY, HOUSEHOLD, TOWNSHIP, TOWNSHIP_OFFICER, load_couple
from tests.helpers import bearer
from tests.webhooks.receiver import Receiver, running
from webhooks import WebhookSettings, deliver_due, enqueue, get_message

HOUSING_H = bearer("department", COUNTY, "housing-1", department="housing")
HOUSING_TOWNSHIP_H = bearer("department", TOWNSHIP, "housing-2", department="housing")
EDUCATION_H = bearer("department", COUNTY, "edu-1", department="education")
COUNTY_H = bearer("county", COUNTY, "county-1")
OTHER_COUNTY_H = bearer("county", "440304000000", "county-2")  # 福田区
TOWNSHIP_H = bearer("township", TOWNSHIP, "officer-1")
PUBLIC_URL = "https://93.184.216.34/hook"  # an address literal: no DNS needed
ROUTES = [
    ("POST", "/v1/webhooks", {"url": PUBLIC_URL}),
    ("GET", "/v1/webhooks", None),
    ("DELETE", "/v1/webhooks/W-1", None),
    ("GET", "/v1/webhooks/dead-letters", None),
    ("POST", "/v1/webhooks/dead-letters/M-1/requeue", None),
]


def call(client: TestClient, method: str, url: str, body: Any, headers: dict[str, str]) -> Any:
    return client.request(method, url, json=body, headers=headers)


def hook(client: TestClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    answer = client.post("/v1/webhooks", json={"url": PUBLIC_URL} | body, headers=headers)
    assert answer.status_code == 201, answer.text
    found: dict[str, Any] = answer.json()
    return found


@pytest.mark.parametrize(("method", "url", "body"), ROUTES, ids=lambda v: str(v))
@pytest.mark.parametrize("role", ["province", "city", "township", "investigator", "batch"])
def test_p11_only_departments_and_counties_manage_webhooks(
    client: TestClient, role: str, method: str, url: str, body: Any
) -> None:
    """Authorisation of every webhook route: no token 401, a role that is neither the
    department nor the county 403."""
    assert call(client, method, url, body, {}).status_code == 401
    assert call(client, method, url, body, bearer(role, COUNTY)).status_code == 403


def test_p11_a_department_registers_its_own_and_sees_the_secret_once(client: TestClient) -> None:
    made = hook(client, HOUSING_H)
    assert (made["department"], made["region"], made["active"]) == ("housing", COUNTY, True)
    assert len(made["secret"]) >= 43  # 256 bits, url-safe base64
    listed = client.get("/v1/webhooks", headers=HOUSING_H).json()["items"]
    assert [w["webhook_id"] for w in listed] == [made["webhook_id"]]
    assert "secret" not in listed[0]
    assert made["secret"] not in json.dumps(listed)
    assert client.get("/v1/webhooks", headers=EDUCATION_H).json()["items"] == []
    county = client.get("/v1/webhooks", headers=COUNTY_H).json()["items"]
    assert [w["webhook_id"] for w in county] == [made["webhook_id"]]
    assert client.get("/v1/webhooks", headers=OTHER_COUNTY_H).json()["items"] == []
    # Registering again keeps the id, with a new secret (rotation).
    again = hook(client, HOUSING_H, url="https://93.184.216.35/hook")
    assert again["webhook_id"] == made["webhook_id"]
    assert again["secret"] != made["secret"]


def test_p11_who_registers_for_which_department_and_region(client: TestClient) -> None:
    other = {"url": PUBLIC_URL, "department": "education"}
    refused = client.post("/v1/webhooks", json=other, headers=HOUSING_H)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "body.department"
    nameless = client.post("/v1/webhooks", json={"url": PUBLIC_URL}, headers=COUNTY_H)
    assert nameless.json()["errors"][0]["field"] == "body.department"
    for_health = hook(client, COUNTY_H, department="health", region=TOWNSHIP)
    assert (for_health["department"], for_health["region"]) == ("health", TOWNSHIP)
    assert hook(client, HOUSING_H, region="440103")["region"] == COUNTY  # 6 digits, I2
    outside = {"url": PUBLIC_URL, "region": "440304000000"}
    assert client.post("/v1/webhooks", json=outside, headers=HOUSING_H).status_code == 404
    wider = {"url": PUBLIC_URL, "region": COUNTY}
    assert client.post("/v1/webhooks", json=wider, headers=HOUSING_TOWNSHIP_H).status_code == 404
    bad = client.post(
        "/v1/webhooks", json={"url": PUBLIC_URL, "region": "4401x3"}, headers=HOUSING_H
    )
    assert bad.json()["errors"][0]["field"] == "body.region"


@pytest.fixture
def no_private(app: FastAPI) -> Iterator[None]:
    """The app with the default webhook settings: no network allowed beyond public ones."""
    plain = WebhookSettings(_env_file=None, allow_networks="")  # type: ignore[call-arg]
    app.dependency_overrides[webhook_settings] = lambda: plain
    yield
    app.dependency_overrides.clear()


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("ftp://93.184.216.34/hook", "https"),
        ("http://93.184.216.34/hook", "https"),  # plain http only to this machine
        ("https://user:pw@93.184.216.34/hook", "user or password"),
        ("https://:pw@93.184.216.34/hook", "user or password"),
        ("https://127.0.0.1:8443/hook", "not a public address"),
        ("http://127.0.0.1:8000/v1/referrals", "not a public address"),
        ("https://localhost/hook", "not a public address"),
        ("https://10.1.2.3/hook", "not a public address"),
        ("https://192.168.0.10/hook", "not a public address"),
        ("https://172.16.5.5/hook", "not a public address"),
        ("https://169.254.169.254/latest/meta-data", "not a public address"),
        ("https://100.64.0.1/hook", "not a public address"),
        ("https://0.0.0.0/hook", "not a public address"),
        ("https://[::1]/hook", "not a public address"),
        ("https://[::ffff:127.0.0.1]/hook", "not a public address"),
        ("https://[fd00::1]/hook", "not a public address"),
        ("https://[fe80::1]/hook", "not a public address"),
        ("https://224.0.0.1/hook", "not a public address"),
    ],
)
def test_p11_a_webhook_url_is_https_without_credentials_to_a_public_address(
    client: TestClient, no_private: None, url: str, why: str
) -> None:
    answer = client.post("/v1/webhooks", json={"url": url}, headers=HOUSING_H)
    assert answer.status_code == 422, answer.text
    (error,) = answer.json()["errors"]
    assert error["field"] == "body.url"
    assert why in answer.text
    assert client.get("/v1/webhooks", headers=HOUSING_H).json()["items"] == []


def test_p11_a_public_address_is_taken_without_any_allowance(
    client: TestClient, no_private: None
) -> None:
    assert hook(client, HOUSING_H)["url"] == PUBLIC_URL


def test_p11_a_listed_network_allows_an_internal_receiver(app: FastAPI, client: TestClient) -> None:
    internal = WebhookSettings(_env_file=None, allow_networks="10.20.0.0/16")  # type: ignore[call-arg]
    app.dependency_overrides[webhook_settings] = lambda: internal
    try:
        assert hook(client, HOUSING_H, url="https://10.20.3.4/hook")["active"]
        other = {"url": "https://10.21.3.4/hook"}
        assert client.post("/v1/webhooks", json=other, headers=HOUSING_H).status_code == 422
    finally:
        app.dependency_overrides.clear()


def test_p11_the_delivery_refuses_a_host_that_now_names_an_internal_address(
    graph: Graph, client: TestClient
) -> None:
    """A host checked at registration may resolve elsewhere later (DNS rebinding): the
    delivery checks again before each POST, and contacts nothing it refuses."""
    made = hook(client, HOUSING_H, url="https://127.0.0.1:9/hook")  # the suite allows loopback
    message_id = graph.execute_write(
        lambda tx: enqueue(tx, "referral.sent", "housing", TOWNSHIP, {"referral_id": "R1"})
    )
    strict = WebhookSettings(_env_file=None, allow_networks="", timeout_s=0.3)  # type: ignore[call-arg]
    with httpx.Client() as http:
        report = deliver_due(graph, datetime.now(UTC), http, strict)
    assert message_id is not None
    assert report.retrying == [message_id]
    message = get_message(graph, message_id)
    assert message is not None
    assert message.webhook_id == made["webhook_id"]
    assert message.last_error is not None
    assert message.last_error.startswith("refused:")


def test_p11_a_department_stops_its_own_webhook_only(client: TestClient) -> None:
    mine = hook(client, HOUSING_H)
    theirs = hook(client, COUNTY_H, department="education")
    url = f"/v1/webhooks/{theirs['webhook_id']}"
    assert client.delete(url, headers=HOUSING_H).status_code == 404
    assert client.delete(url, headers=OTHER_COUNTY_H).status_code == 404
    assert client.delete("/v1/webhooks/W-NONE", headers=COUNTY_H).status_code == 404
    stopped = client.delete(f"/v1/webhooks/{mine['webhook_id']}", headers=HOUSING_H)
    assert stopped.status_code == 200
    assert stopped.json()["active"] is False
    assert "secret" not in stopped.json()
    assert client.delete(url, headers=COUNTY_H).json()["active"] is False


def test_p11_dead_letters_is_no_webhook_id(client: TestClient) -> None:
    """`/v1/webhooks/dead-letters` serves GET alone (issue 18): a DELETE there is 405, not a
    stop of a webhook named `dead-letters`, and every 405 and OPTIONS there says `Allow: GET`;
    a webhook id (minted or not) still reaches the stop."""
    for method in ("DELETE", "OPTIONS", "PUT"):
        answer = client.request(method, "/v1/webhooks/dead-letters", headers=COUNTY_H)
        assert (answer.status_code, answer.headers["allow"]) == (405, "GET"), method
    made = hook(client, HOUSING_H)
    assert client.options(f"/v1/webhooks/{made['webhook_id']}").headers["allow"] == "DELETE"
    for near in ("dead-letters-2", "xdead-letters", "W-1"):
        assert client.delete(f"/v1/webhooks/{near}", headers=COUNTY_H).status_code == 404
    stopped = client.delete(f"/v1/webhooks/{made['webhook_id']}", headers=COUNTY_H)
    assert (stopped.status_code, stopped.json()["active"]) == (200, False)


@pytest.fixture
def source(graph: Graph) -> str:
    couple = load_couple(graph)
    intake = Intake("dibao", HOUSEHOLD, couple.head, "window", date(2026, 3, 2))
    return file_application(graph, TOWNSHIP_OFFICER, intake, default_policy()).application_id


def refer(client: TestClient, source: str) -> str:
    referral = {
        "source_id": source,
        "household_id": HOUSEHOLD,
        "department": "housing",
        "need": "危房改造",
        "sent_on": "2026-03-02",
    }
    sent = client.post("/v1/referrals", json=referral, headers=TOWNSHIP_H)
    assert sent.status_code == 201, sent.text
    referral_id: str = sent.json()["referral_id"]
    return referral_id


def test_p11_end_to_end_registered_referred_delivered_dead_requeued(
    graph: Graph, client: TestClient, source: str
) -> None:
    """Through the API: the housing department registers a real local receiver; a township's
    referral reaches it signed. Then the receiver stops answering: the next message's tries
    all time out, it is in the department's dead letters, and the requeue through the API
    delivers it once the receiver is back, processed once (by message id)."""
    settings = WebhookSettings(  # type: ignore[call-arg]
        _env_file=None, timeout_s=0.3, max_attempts=3, backoff_base_s=1, backoff_cap_s=1
    )
    with running(Receiver(hang_s=1.0)) as receiver, httpx.Client() as http:
        made = hook(client, HOUSING_H, url=receiver.url)
        receiver.secret = made["secret"]  # it refuses (401) what does not verify under it
        first = refer(client, source)
        now = datetime.now(UTC)
        assert len(deliver_due(graph, now, http, settings).delivered) == 1
        ((message_id, delivered),) = receiver.unique.items()
        assert json.loads(delivered)["data"]["referral_id"] == first
        assert receiver.actions() == ["ok"]

        receiver.default = "hang"
        second = refer(client, source)
        for step in range(settings.max_attempts):
            report = deliver_due(graph, now + timedelta(seconds=2 * (step + 1)), http, settings)
            assert len(report.claimed) == 1
        assert report.dead
        (dead_id,) = report.dead
        letters = client.get("/v1/webhooks/dead-letters", headers=HOUSING_H).json()["items"]
        assert [(d["message_id"], d["attempts"]) for d in letters] == [(dead_id, 3)]
        assert letters[0]["last_error"].startswith("timeout after 0.3 s")
        assert "data" not in letters[0]  # no body: it names persons
        assert client.get("/v1/webhooks/dead-letters", headers=EDUCATION_H).json()["items"] == []
        county = client.get("/v1/webhooks/dead-letters", headers=COUNTY_H).json()["items"]
        assert [d["message_id"] for d in county] == [dead_id]
        assert client.get("/v1/webhooks/dead-letters", headers=OTHER_COUNTY_H).json()["items"] == []

        receiver.default = "ok"  # it recovers
        url = f"/v1/webhooks/dead-letters/{dead_id}/requeue"
        assert client.post(url, headers=EDUCATION_H).status_code == 404
        requeued = client.post(url, headers=HOUSING_H)
        assert requeued.status_code == 200, requeued.text
        assert (requeued.json()["status"], requeued.json()["attempts"]) == ("pending", 0)
        assert client.post(url, headers=HOUSING_H).json()["state"] == "pending"  # 409
        assert deliver_due(graph, datetime.now(UTC), http, settings).delivered == [dead_id]
        assert client.post(url, headers=COUNTY_H).status_code == 409  # delivered now
    assert client.get("/v1/webhooks/dead-letters", headers=HOUSING_H).json()["items"] == []
    assert receiver.processed == [message_id, dead_id]
    assert json.loads(receiver.unique[dead_id])["data"]["referral_id"] == second
