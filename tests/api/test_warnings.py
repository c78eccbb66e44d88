"""Warnings, verification and rescoring jobs over HTTP (CONTRACT §3; RULES W3–W7)."""

import time
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from hhgraph.settings import Settings
from scoring.rescore import rescore_households
from scoring.ruleset import default_ruleset
from scoring.workdays import Calendar
from tests.conftest import bearer
from tests.helpers import ANOTHER_TOWNSHIP
from tests.loaders import family
from tests.scoring.test_score import base, event, load

TOWNSHIP = "440103001000"
VISIT = {
    "visited_on": "2026-10-09",
    "genuine": True,
    "findings": "奶奶去世，收入骤减",
    "action": "转介临时救助",
}


@pytest.fixture
def client(graph: Graph, settings: Settings) -> TestClient:
    base(graph)
    load(graph, "regions", [ANOTHER_TOWNSHIP])
    load(
        graph,
        "events",
        [
            event("death", date(2026, 9, 1), person_id=family.GRANDMA),
            event("chronic_or_major_disease", date(2026, 3, 1), person_id=family.GRANDMA),
            event("disaster", date(2026, 7, 15), household_id="H2"),
        ],
    )
    rescore_households(
        graph, date(2026, 9, 30), "full", default_ruleset(), Calendar.from_graph(graph).due_date
    )
    return TestClient(create_app(settings, graph))


def get(client: TestClient, query: str = "", role: str = "township", region: str = TOWNSHIP) -> Any:
    return client.get(f"/v1/warnings{query}", headers=bearer(role, region))


def test_the_work_queue_lists_the_townships_warnings(client: TestClient) -> None:
    body = get(client).json()
    assert body["next_cursor"] is None
    assert [(w["household_id"], w["level"], w["due_on"], w["status"]) for w in body["items"]] == [
        ("H1", "red", "2026-10-10", "open"),
        ("H2", "green", None, "open"),
    ]
    assert body["items"][0]["township_code"] == TOWNSHIP
    assert body["items"][0]["due_on_provisional"] is False


def test_filters_level_status_and_overdue(client: TestClient) -> None:
    assert [w["level"] for w in get(client, "?level=red").json()["items"]] == ["red"]
    assert get(client, "?status=closed").json()["items"] == []
    overdue = get(client, "?overdue_on=2026-10-11").json()["items"]
    assert [w["household_id"] for w in overdue] == ["H1"]
    assert get(client, "?overdue_on=2026-10-10").json()["items"] == []


def test_pages_follow_the_cursor(client: TestClient) -> None:
    first = get(client, "?limit=1").json()
    assert len(first["items"]) == 1
    second = get(client, f"?limit=1&cursor={first['next_cursor']}").json()
    assert [w["household_id"] for w in second["items"]] == ["H2"]
    assert get(client, "?limit=501").status_code == 422


def test_another_township_sees_nothing_and_cannot_ask_for_ours(client: TestClient) -> None:
    assert get(client, region="440103002000").json()["items"] == []
    assert get(client, f"?region={TOWNSHIP}", region="440103002000").status_code == 404
    assert (
        len(get(client, f"?region={TOWNSHIP}", role="city", region="440100").json()["items"]) == 2
    )


@pytest.mark.parametrize(("role", "region"), [("province", "440000000000"), ("city", "440100")])
def test_wide_regions_page_through_the_same_warnings(
    client: TestClient, role: str, region: str
) -> None:
    """Province and city callers take the id-ordered plan (list_by_id), narrower ones the
    household plan (list): same items, filters and pages."""
    township = get(client).json()["items"]
    assert get(client, role=role, region=region).json()["items"] == township
    first = get(client, "?limit=1&level=green", role=role, region=region).json()
    assert [w["household_id"] for w in first["items"]] == ["H2"]
    assert get(client, "?status=closed", role=role, region=region).json()["items"] == []
    assert get(client, "?region=440103002000", role=role, region=region).json()["items"] == []


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("province", 200),
        ("city", 200),
        ("county", 200),
        ("township", 200),
        ("investigator", 403),
        ("batch", 403),
    ],
)
def test_only_officers_list_warnings(client: TestClient, role: str, status: int) -> None:
    assert get(client, role=role, region="440000000000").status_code == status


def test_W6_a_township_officer_closes_a_warning_once(client: TestClient) -> None:
    warning_id = get(client, "?level=red").json()["items"][0]["warning_id"]
    url = f"/v1/warnings/{warning_id}/verification"
    closed = client.post(url, json=VISIT, headers=bearer("township", TOWNSHIP, "li"))
    assert closed.status_code == 200
    body = closed.json()
    assert (body["status"], body["genuine"], body["verified_by"]) == ("closed", True, "li")
    assert body["findings"] == VISIT["findings"]
    again = client.post(url, json=VISIT, headers=bearer("county", "440103000000"))
    assert again.status_code == 409
    assert [w["status"] for w in get(client, "?level=red").json()["items"]] == ["closed"]


@pytest.mark.parametrize("role", ["province", "city", "investigator", "batch"])
def test_only_township_and_county_verify(client: TestClient, role: str) -> None:
    warning_id = get(client).json()["items"][0]["warning_id"]
    response = client.post(
        f"/v1/warnings/{warning_id}/verification", json=VISIT, headers=bearer(role, "440000000000")
    )
    assert response.status_code == 403


def test_verification_outside_the_region_or_malformed(client: TestClient) -> None:
    warning_id = get(client).json()["items"][0]["warning_id"]
    url = f"/v1/warnings/{warning_id}/verification"
    assert (
        client.post(url, json=VISIT, headers=bearer("township", "440103002000")).status_code == 404
    )
    bad = client.post(url, json=VISIT | {"extra": 1}, headers=bearer("township", TOWNSHIP))
    assert bad.status_code == 422
    assert (
        client.post(
            "/v1/warnings/nope/verification", json=VISIT, headers=bearer("township", TOWNSHIP)
        ).status_code
        == 404
    )


def test_a_rescore_job_runs_and_reports_its_counts(client: TestClient) -> None:
    accepted = client.post(
        "/v1/rescore", json={"as_of": "2026-10-12", "mode": "full"}, headers=bearer("batch")
    )
    assert accepted.status_code == 202
    job_id = accepted.json()["job_id"]
    deadline = time.monotonic() + 60
    while True:
        job = client.get(f"/v1/jobs/{job_id}", headers=bearer("province")).json()
        if job["status"] in ("succeeded", "failed") or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert job == {
        "job_id": job_id,
        "status": "succeeded",
        "progress": 1.0,
        "counts": {"red": 1, "green": 1},
    }


@pytest.mark.parametrize("role", ["city", "county", "township", "investigator"])
def test_only_province_and_batch_rescore(client: TestClient, role: str) -> None:
    response = client.post(
        "/v1/rescore", json={"as_of": "2026-10-12"}, headers=bearer(role, "440000000000")
    )
    assert response.status_code == 403
    assert client.get("/v1/jobs/x", headers=bearer(role, "440000000000")).status_code == 403


def test_an_unknown_job_is_404(client: TestClient) -> None:
    assert client.get("/v1/jobs/nope", headers=bearer("batch")).status_code == 404
