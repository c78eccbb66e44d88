"""Discoveries and the phone guidance of green warnings over HTTP (CONTRACT §4; RULES P4, P12,
W3): each test is named by the rule it checks."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.db import Graph
from tests.discoveries.world import TOWNSHIP, load_world, verify
from tests.helpers import bearer
from tests.loaders import family

OTHER = "440103002000"
REPORT = {
    "household_id": "H1",
    "source": "hotline",
    "found_on": "2026-10-12",
    "reporter": "12345热线",
    "note": "老人无人照料",
}
FIELDS = {
    "discovery_id", "status", "township_code", "household_id", "person_id", "source",
    "found_on", "reporter", "note", "warning_id", "outcome", "due_on", "due_step",
    "due_on_provisional", "timeline",
}  # fmt: skip


@pytest.fixture
def warnings(graph: Graph) -> dict[str, str]:
    return load_world(graph)


def post(
    client: TestClient, url: str, body: Any, role: str = "township", region: str = TOWNSHIP
) -> Any:
    return client.post(url, json=body, headers=bearer(role, region, sub=f"{role}-officer"))


def get(client: TestClient, url: str, role: str = "township", region: str = TOWNSHIP) -> Any:
    return client.get(url, headers=bearer(role, region))


def test_p4_p12_a_report_is_filed_and_answered_once(
    client: TestClient, warnings: dict[str, str]
) -> None:
    filed = post(client, "/v1/discoveries", REPORT)
    assert filed.status_code == 201, filed.text
    body = filed.json()
    assert body.keys() >= FIELDS
    assert (body["status"], body["township_code"], body["household_id"]) == ("open", TOWNSHIP, "H1")
    assert (body["due_on"], body["due_step"], body["due_on_provisional"]) == (
        "2026-10-19",
        "outcome",
        False,
    )
    assert [(s["step"], s["by"], s["role"], s["rules"]) for s in body["timeline"]] == [
        ("discovery", "township-officer", "township", ["P4"])
    ]
    url = f"/v1/discoveries/{body['discovery_id']}"
    assert get(client, url, role="investigator").json() == body
    answer = {"outcome": "no_need", "on": "2026-10-13", "reason": "子女已接回照料"}
    done = post(client, f"{url}/outcome", answer, role="county", region="440103000000")
    assert done.status_code == 200, done.text
    closed = done.json()
    assert (closed["status"], closed["outcome"], closed["reason"]) == (
        "closed",
        "no_need",
        answer["reason"],
    )
    assert closed["due_on"] is None
    assert [s["step"] for s in closed["timeline"]] == ["discovery", "outcome"]
    assert closed["timeline"][1]["details"]["reason"] == answer["reason"]
    again = post(client, f"{url}/outcome", answer)
    assert again.status_code == 409
    assert (again.json()["state"], again.json()["rules"]) == ("closed", ["P4"])


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"person_id": family.FATHER}, "household_id"),
        ({"source": "warning"}, "warning_id"),
        ({"source": "rumour"}, "source"),
        ({"found_on": "2999-01-01"}, "found_on"),
    ],
)
def test_p4_a_report_that_breaks_a_field_is_422_naming_it(
    client: TestClient, warnings: dict[str, str], changes: dict[str, Any], field: str
) -> None:
    response = post(client, "/v1/discoveries", REPORT | changes)
    assert response.status_code == 422
    assert f"body.{field}" in response.text or f'"{field}"' in response.text


def test_p4_w6_a_warning_report_names_a_warning_found_genuine(
    client: TestClient, graph: Graph, warnings: dict[str, str]
) -> None:
    body = REPORT | {"source": "warning", "warning_id": warnings["H1"]}
    refused = post(client, "/v1/discoveries", body)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "body.warning_id"
    verify(graph, warnings["H1"], genuine=True)
    filed = post(client, "/v1/discoveries", body)
    assert filed.status_code == 201, filed.text
    assert filed.json()["warning_id"] == warnings["H1"]


def test_p4_an_outcome_needs_its_id_or_reason(client: TestClient, warnings: dict[str, str]) -> None:
    url = f"/v1/discoveries/{post(client, '/v1/discoveries', REPORT).json()['discovery_id']}"
    for body, field in [
        ({"outcome": "no_need", "on": "2026-10-13"}, "reason"),
        ({"outcome": "referral", "on": "2026-10-13"}, "referral_id"),
        ({"outcome": "application", "on": "2026-10-13", "application_id": "A-X"}, "application_id"),
    ]:
        response = post(client, f"{url}/outcome", body)
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == f"body.{field}"
    relief = {"outcome": "relief", "on": "2026-10-13", "relief_id": "RL-1"}
    assert post(client, f"{url}/outcome", relief).json()["relief_id"] == "RL-1"


def test_p4_the_list_filters_by_status_region_and_overdue(
    client: TestClient, warnings: dict[str, str]
) -> None:
    late = post(client, "/v1/discoveries", REPORT).json()["discovery_id"]
    person = REPORT | {"household_id": None, "person_id": family.UNCLE}
    other = post(client, "/v1/discoveries", person).json()
    assert other["household_id"] == "H2"
    closing = {"outcome": "relief", "on": "2026-10-13", "relief_id": "RL-1"}
    post(client, f"/v1/discoveries/{other['discovery_id']}/outcome", closing)

    def ids(query: str, role: str = "township", region: str = TOWNSHIP) -> list[str]:
        response = get(client, f"/v1/discoveries{query}", role, region)
        assert response.status_code == 200, response.text
        return [d["discovery_id"] for d in response.json()["items"]]

    assert ids("?overdue_on=2026-10-20") == [late]
    assert ids("?overdue_on=2026-10-19") == []
    assert ids("?status=closed", "city", "440100000000") == [other["discovery_id"]]
    assert sorted(ids(f"?region={TOWNSHIP}", "county", "440103000000")) == sorted(
        [late, other["discovery_id"]]
    )
    assert ids("", region=OTHER) == []
    assert get(client, f"/v1/discoveries?region={TOWNSHIP}", region=OTHER).status_code == 404
    page = get(client, "/v1/discoveries?limit=1").json()
    assert len(page["items"]) == 1
    assert page["next_cursor"] == page["items"][0]["discovery_id"]
    rest = get(client, f"/v1/discoveries?limit=1&cursor={page['next_cursor']}").json()
    assert len(rest["items"]) == 1
    assert get(client, "/v1/discoveries?limit=501").status_code == 422
    assert get(client, "/v1/discoveries", role="investigator").status_code == 403


def test_p4_another_township_neither_sees_nor_answers_a_discovery(
    client: TestClient, warnings: dict[str, str]
) -> None:
    url = f"/v1/discoveries/{post(client, '/v1/discoveries', REPORT).json()['discovery_id']}"
    assert get(client, url, region=OTHER).status_code == 404
    answer = {"outcome": "no_need", "on": "2026-10-13", "reason": "无"}
    assert post(client, f"{url}/outcome", answer, region=OTHER).status_code == 404
    assert post(client, "/v1/discoveries", REPORT, region=OTHER).status_code == 404
    assert get(client, url).json()["status"] == "open"


GUIDANCE = {"called_on": "2026-10-09", "result": "电话告知临时救助政策，家属表示将申请"}


def test_w3_p4_a_green_warning_is_closed_by_phone_guidance(
    client: TestClient, warnings: dict[str, str]
) -> None:
    url = f"/v1/warnings/{warnings['H2']}/guidance"
    assert post(client, url, GUIDANCE, role="county", region="440103000000").status_code == 403
    assert post(client, url, GUIDANCE, region=OTHER).status_code == 404
    done = post(client, url, GUIDANCE)
    assert done.status_code == 200, done.text
    body = done.json()
    assert (body["status"], body["level"], body["township_code"]) == ("closed", "green", TOWNSHIP)
    assert (body["called_on"], body["result"], body["guided_by"]) == (
        "2026-10-09",
        GUIDANCE["result"],
        "township-officer",
    )
    listed = get(client, "/v1/warnings?status=closed").json()["items"]
    assert [w["warning_id"] for w in listed] == [warnings["H2"]]
    again = post(client, url, GUIDANCE)
    assert again.status_code == 409
    assert again.json()["state"] == "closed"
    visit = {"visited_on": "2026-10-09", "genuine": True, "findings": "核实", "action": "跟进"}
    verified = post(client, f"/v1/warnings/{warnings['H2']}/verification", visit)
    assert verified.status_code == 409  # closed by the guidance, as by a verification


def test_w3_a_warning_that_is_not_green_needs_a_visit(
    client: TestClient, warnings: dict[str, str]
) -> None:
    refused = post(client, f"/v1/warnings/{warnings['H1']}/guidance", GUIDANCE)
    assert refused.status_code == 409
    assert "red" in refused.json()["detail"]
    assert refused.json()["rules"] == ["W3", "P4"]
    open_ = get(client, "/v1/warnings?status=open").json()["items"]
    assert warnings["H1"] in [w["warning_id"] for w in open_]


def test_w3_a_call_before_the_issue_day_is_422_naming_called_on(
    client: TestClient, warnings: dict[str, str]
) -> None:
    early = GUIDANCE | {"called_on": "2026-09-29"}
    response = post(client, f"/v1/warnings/{warnings['H2']}/guidance", early)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.called_on"
    assert post(client, f"/v1/warnings/{warnings['H2']}/guidance", GUIDANCE).status_code == 200
