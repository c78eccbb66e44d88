"""Registering department webhooks (P11): one per department and region, the secret shown
once and never read back."""

import re

import pytest

from cypher import names, query
from graph.db import Graph
from tests.webhooks.helpers import COUNTY, TOWNSHIP
from webhooks import DEPARTMENTS, InvalidWebhook, deactivate, list_webhooks, register

URL = "https://health.example.gov.cn/hhgraph"


def test_registering_shows_a_new_secret_once_and_no_read_returns_it(graph: Graph) -> None:
    registration = register(graph.acting_as("county-admin"), "health", COUNTY, URL)
    assert len(registration.secret) >= 43  # token_urlsafe(32): 256 bits
    assert registration.secret not in repr(registration)
    (listed,) = list_webhooks(graph)
    assert listed == registration.webhook
    assert registration.secret not in repr(listed)
    assert (listed.department, listed.region, listed.url, listed.active) == (
        "health",
        COUNTY,
        URL,
        True,
    )
    stored = graph.driver.execute_query(
        "MATCH (w:Webhook) RETURN w.secret AS secret, w.updated_by AS by", database_="neo4j"
    ).records[0]
    assert (stored["secret"], stored["by"]) == (registration.secret, "county-admin")


def test_only_the_delivery_claim_reads_a_secret() -> None:
    """Reads of the secret property (`.secret` not being assigned), and whole-node
    projections that would carry it along, in the Cypher of the webhooks."""
    reading = []
    for name in names("webhooks"):
        code = "\n".join(
            line for line in query(name).text.splitlines() if not line.lstrip().startswith("//")
        )
        if re.search(r"\.secret\b(?!\s*=)", code) or re.search(r"\{\s*\.\*|properties\(", code):
            reading.append(name)
    assert reading == ["webhooks/claim_lease"]


def test_registering_again_keeps_the_id_and_replaces_url_and_secret(graph: Graph) -> None:
    first = register(graph, "health", COUNTY, URL)
    deactivate(graph, first.webhook.webhook_id)
    second = register(graph, "health", "440103", URL + "/v2")  # a 6-digit code is padded (I2)
    assert second.webhook.webhook_id == first.webhook.webhook_id
    assert second.secret != first.secret
    (listed,) = list_webhooks(graph)
    assert (listed.url, listed.active) == (URL + "/v2", True)


def test_each_department_and_region_has_its_own_webhook(graph: Graph) -> None:
    register(graph, "health", COUNTY, URL)
    register(graph, "health", TOWNSHIP, URL)
    register(graph, "education", COUNTY, URL)
    assert [(w.department, w.region) for w in list_webhooks(graph)] == [
        ("education", COUNTY),
        ("health", COUNTY),
        ("health", TOWNSHIP),
    ]
    assert [w.region for w in list_webhooks(graph, "health")] == [COUNTY, TOWNSHIP]


def test_deactivating_an_unknown_webhook_finds_none(graph: Graph) -> None:
    assert deactivate(graph, "no-such-webhook") is None


def test_the_departments_are_those_of_P11() -> None:
    assert set(DEPARTMENTS) == {
        "medical_security",
        "education",
        "housing",
        "human_resources",
        "emergency_management",
        "health",
        "disabled_persons_federation",
        "charity",
    }


@pytest.mark.parametrize(
    ("department", "region", "url", "why"),
    [
        ("civil_affairs", COUNTY, URL, "P11"),  # a department, but not one referred to
        ("health", "4401", URL, "6 or 12 digits"),
        ("health", "440100000001", URL, "not a region code"),  # I2: village under county 00
        ("health", COUNTY, "http://health.example.gov.cn/hook", "https"),
        ("health", COUNTY, "ftp://health.example.gov.cn/hook", "https"),
        ("health", COUNTY, "https://user:pw@health.example.gov.cn/", "user or password"),
        ("health", COUNTY, "https:///no-host", "names a host"),
        ("health", COUNTY, "https://health.example.gov.cn:99999/", "not a URL"),
        ("health", COUNTY, "https://health.example.gov.cn/#x", "fragment"),
        ("health", COUNTY, "https://health.example.gov.cn/ hook", "printable ASCII"),
        ("health", COUNTY, "https://卫健.example/", "printable ASCII"),
        ("health", COUNTY, "https://h.example/" + "a" * 2048, "2,048"),
    ],
)
def test_a_bad_registration_is_refused_and_writes_nothing(
    graph: Graph, department: str, region: str, url: str, why: str
) -> None:
    with pytest.raises(InvalidWebhook, match=why):
        register(graph, department, region, url)
    assert list_webhooks(graph) == []


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_plain_http_is_taken_to_this_machine_only(graph: Graph, host: str) -> None:
    assert register(graph, "health", COUNTY, f"http://{host}:8080/hook").webhook.active
