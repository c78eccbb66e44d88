"""The relief routes over HTTP (CONTRACT §4; RULES R1–R4, R7): a township files for a subject
of another region and sees the person its case names but not that person's household page;
advance relief is paid from the fund; an overdraw is 409 and writes nothing; each route lets
only its roles through."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient

from funds import post
from graph.db import Graph
from tests.applications.family import (
    COUNTY,
    HOUSEHOLD,
    OTHER_HOUSEHOLD,
    TOWNSHIP,
    Couple,
    load_couple,
)
from tests.helpers import bearer

TOWNSHIP_H = bearer("township", TOWNSHIP, "officer-1")
COUNTY_H = bearer("county", COUNTY, "county-1")
OTHER_H = bearer("township", "440304001000", "officer-sz")
SECOND_H = bearer("township", TOWNSHIP, "officer-2")  # a second officer of the township


@pytest.fixture
def couple(graph: Graph) -> Couple:
    found = load_couple(graph)
    post(graph, TOWNSHIP, "allocation", Decimal("1000"), date(2026, 3, 2), "county-1")
    return found


def body(**changes: Any) -> dict[str, Any]:
    values = {
        "township_code": TOWNSHIP,
        "household_id": HOUSEHOLD,
        "track": "emergency",
        "cause": "fire",
        "occurred_on": "2026-03-02",
        "persons": 2,
        "requested_amount": 2000,
    }
    return values | changes


def test_r1_the_township_sees_its_subject_not_the_subjects_household(
    client: TestClient, couple: Couple
) -> None:
    # The neighbour lives in 深圳 (OTHER_HOUSEHOLD); the fire was in 沙面.
    filed = client.post(
        "/v1/relief", json=body(household_id=None, person_id=couple.neighbour), headers=TOWNSHIP_H
    )
    assert filed.status_code == 201, filed.text
    case = filed.json()
    assert (case["person_id"], case["name"], case["household_id"]) == (
        couple.neighbour, "李四", OTHER_HOUSEHOLD,
    )  # fmt: skip
    url = f"/v1/relief/{case['relief_id']}"
    assert client.get(url, headers=TOWNSHIP_H).json()["name"] == "李四"
    assert client.get(f"/v1/households/{OTHER_HOUSEHOLD}", headers=TOWNSHIP_H).status_code == 404
    assert client.get(url, headers=OTHER_H).status_code == 404  # the filing township's case
    listed = client.get("/v1/relief", headers=TOWNSHIP_H).json()["items"]
    assert [r["relief_id"] for r in listed] == [case["relief_id"]]


def test_r3_an_overdraw_is_409_and_writes_nothing(client: TestClient, couple: Couple) -> None:
    case = client.post("/v1/relief", json=body(), headers=TOWNSHIP_H).json()
    url = f"/v1/relief/{case['relief_id']}"
    refused = client.post(
        f"{url}/advance", json={"paid_on": "2026-03-02", "amount": 1500}, headers=TOWNSHIP_H
    )
    assert refused.status_code == 409, refused.text
    assert refused.json()["rules"] == ["R5"]
    assert client.get(url, headers=TOWNSHIP_H).json()["status"] == "filed"
    assert client.get(f"/v1/funds/{TOWNSHIP}", headers=TOWNSHIP_H).json()["balance"] == 1000
    paid = client.post(
        f"{url}/advance", json={"paid_on": "2026-03-02", "amount": 800}, headers=TOWNSHIP_H
    )
    assert paid.status_code == 200, paid.text
    assert (paid.json()["status"], paid.json()["due_step"]) == ("advanced", "paperwork")
    assert client.get(f"/v1/funds/{TOWNSHIP}", headers=TOWNSHIP_H).json()["balance"] == 200
    late = client.get("/v1/relief?overdue_on=2026-03-17", headers=COUNTY_H).json()["items"]
    assert [r["relief_id"] for r in late] == [case["relief_id"]]


def test_r4_a_second_filing_of_the_cause_is_409(client: TestClient, couple: Couple) -> None:
    assert client.post("/v1/relief", json=body(), headers=TOWNSHIP_H).status_code == 201
    again = client.post("/v1/relief", json=body(occurred_on="2026-05-04"), headers=TOWNSHIP_H)
    assert again.status_code == 409
    assert again.json()["rules"] == ["R4"]


def test_r2_a_township_refused_above_its_cap_and_the_steps_over_http(
    client: TestClient, couple: Couple
) -> None:
    case = client.post("/v1/relief", json=body(requested_amount=5000), headers=TOWNSHIP_H).json()
    url = f"/v1/relief/{case['relief_id']}"
    visit = {
        "on": "2026-03-03",
        "investigators": list(couple.investigators),
        "findings": "入户核实",
    }
    assert client.post(f"{url}/paperwork", json=visit, headers=TOWNSHIP_H).status_code == 200
    decision = {"decided_on": "2026-03-04", "grant": True, "amount": 5000, "instalments": 1}
    refused = client.post(f"{url}/decision", json=decision, headers=TOWNSHIP_H)
    assert (refused.status_code, refused.json()["rules"]) == (409, ["R4", "R2"])
    decided = client.post(f"{url}/decision", json=decision, headers=COUNTY_H)
    assert decided.status_code == 200, decided.text
    follow = {"on": "2026-03-05", "kind": "none", "reason": "已获商业保险赔付"}
    done = client.post(f"{url}/follow-on", json=follow, headers=TOWNSHIP_H)
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "closed"
    assert done.json()["timeline"][-1]["details"]["screening"]["dibao"] is True


@pytest.mark.parametrize(
    ("role", "step"),
    [("county", "advance"), ("county", "paperwork"), ("county", "follow-on"),
     ("investigator", "decision"), ("department", "decision"), ("city", "advance")],
)  # fmt: skip
def test_r1_r2_each_step_route_lets_only_its_roles_through(
    client: TestClient, couple: Couple, role: str, step: str
) -> None:
    case = client.post("/v1/relief", json=body(), headers=TOWNSHIP_H).json()
    headers = bearer(
        role, COUNTY, f"{role}-1", department="housing" if role == "department" else None
    )
    answered = client.post(f"/v1/relief/{case['relief_id']}/{step}", json={}, headers=headers)
    assert answered.status_code == 403


def test_r1_only_a_township_files_and_officers_read(client: TestClient, couple: Couple) -> None:
    assert client.post("/v1/relief", json=body(), headers=COUNTY_H).status_code == 403
    investigator = bearer("investigator", TOWNSHIP, "inv-1")
    assert client.get("/v1/relief", headers=investigator).status_code == 403
    assert client.get("/v1/relief/RL-NONE", headers=investigator).status_code == 403


def test_r4_two_officers_filing_one_cause_at_once_one_wins(
    client: TestClient, couple: Couple
) -> None:
    """R4's same cause once a year per subject holds under a race: two officers of the
    township file the same subject and cause at the same moment (parallel requests, each its
    own session and transaction): the filing locks the subject node before it reads the
    earlier cases, so exactly one is filed and the other is 409 naming R4. Rounds over
    household and person subjects and several causes, so that a lost lock shows."""
    subjects = [{"household_id": HOUSEHOLD}] + [
        {"household_id": None, "person_id": p} for p in (couple.head, couple.wife, couple.son)
    ]
    rounds = [s | {"cause": c} for s in subjects for c in ("fire", "accident", "illness")]
    start = threading.Barrier(2)

    def file(headers: dict[str, str], changes: dict[str, Any]) -> tuple[int, Any]:
        start.wait()
        answer = client.post("/v1/relief", json=body(**changes), headers=headers)
        return answer.status_code, answer.json()

    with ThreadPoolExecutor(max_workers=2) as pool:
        for changes in rounds:
            both = list(pool.map(file, (TOWNSHIP_H, SECOND_H), (changes, changes)))
            assert sorted(status for status, _ in both) == [201, 409], (changes, both)
            refused = next(problem for status, problem in both if status == 409)
            assert "R4" in refused["rules"], refused
    listed = client.get("/v1/relief?limit=100", headers=TOWNSHIP_H).json()["items"]
    assert len(listed) == len(rounds)


def test_r1_the_emergencys_facts_round_trip_stripped_on_the_case_and_its_filing(
    client: TestClient, couple: Couple
) -> None:
    """The filing township records what happened (事实经过, R1): stripped, on the case and on
    its filing step, read back as written; a blank one is no facts."""
    facts = "  3月2日凌晨厨房电线短路起火，房屋两间烧毁，一家两口暂住邻居家。\n"
    filed = client.post("/v1/relief", json=body(facts=facts), headers=TOWNSHIP_H)
    assert filed.status_code == 201, filed.text
    case = filed.json()
    assert case["facts"] == facts.strip()
    read = client.get(f"/v1/relief/{case['relief_id']}", headers=COUNTY_H).json()
    assert read["facts"] == facts.strip()
    assert read["timeline"][0]["details"]["facts"] == facts.strip()
    blank = client.post(
        "/v1/relief", json=body(facts="   ", cause="accident"), headers=TOWNSHIP_H
    ).json()
    assert blank["facts"] is None
    none = client.post("/v1/relief", json=body(cause="illness"), headers=TOWNSHIP_H).json()
    assert none["facts"] is None


def test_r1_facts_longer_than_2000_characters_are_422_naming_body_facts(
    client: TestClient, couple: Couple
) -> None:
    at_most = client.post("/v1/relief", json=body(facts="火" * 2000 + "  "), headers=TOWNSHIP_H)
    assert at_most.status_code == 201, at_most.text
    refused = client.post(
        "/v1/relief", json=body(facts="火" * 2001, cause="accident"), headers=TOWNSHIP_H
    )
    assert refused.status_code == 422, refused.text
    assert [e["field"] for e in refused.json()["errors"]] == ["body.facts"]
    assert client.get("/v1/relief", headers=TOWNSHIP_H).json()["items"][0]["cause"] == "fire"
