"""Issue 14 item 12: a batch or province token writes only records within its region.

A token for one township rewrote a person in another city. Each record that would write
outside the caller's region is rejected alone, with a field error naming the region rule;
the records within it are applied (loaders/scope.py says what "within" means per feed).
"""

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from core.ids import make_resident_id
from graph.db import Graph
from tests.helpers import bearer
from tests.loaders import family

OURS = "440103001000"  # the caller's township: the family's village is in it
OTHER_VILLAGE = "440103002001"  # in the next township
STRANGER = make_resident_id("440103", date(1980, 5, 5), 51)  # lives in H9, over there
LONER = make_resident_id("440103", date(1940, 4, 4), 62)  # no household at all
NEWCOMER = make_resident_id("440103", date(1999, 9, 9), 71)  # not in the graph yet


def world() -> dict[str, list[dict[str, Any]]]:
    feeds = family.all_feeds()
    feeds["regions"] += [
        {"code": "440103002000", "name": "另一街道"},
        {"code": OTHER_VILLAGE, "name": "另一社区"},
    ]
    feeds["households"].append(
        family.households()[0] | {"household_id": "H9", "region_code": OTHER_VILLAGE}
    )
    feeds["persons"] += [
        family.person(STRANGER, "赵外人", "1980-05-05", "M"),
        family.person(LONER, "钱独居", "1940-04-04", "F"),
    ]
    feeds["memberships"].append(family.membership(STRANGER, "H9", "2010-01-01", relation="head"))
    return feeds


@pytest.fixture
def client(client: TestClient) -> TestClient:
    for feed, records in world().items():
        answer = client.post(f"/v1/ingest/{feed}", json=records, headers=bearer("batch"))
        assert answer.json()["rejected"] == [], feed
    return client


def push(client: TestClient, feed: str, records: list[dict[str, Any]], region: str) -> Any:
    response = client.post(f"/v1/ingest/{feed}", json=records, headers=bearer("batch", region))
    assert response.status_code == 200, response.text
    return response.json()


def _event(**subject: str) -> dict[str, Any]:
    return {
        "source": "civil_affairs",
        "event_id": f"E-{next(iter(subject.values()))}",
        "indicator": "petition",
        "occurred_on": "2026-05-01",
    } | subject


# (feed, a record that writes outside the township, the field named, words of the message)
OUTSIDE: list[tuple[str, dict[str, Any], str, str]] = [
    ("regions", {"code": "440103002002", "name": "新社区"}, "code", "region 440103002002"),
    ("standards", family.standards()[0] | {"region_code": "440103002000"}, "region_code", ""),
    (
        "households",
        family.households()[0] | {"household_id": "H3", "region_code": OTHER_VILLAGE},
        "region_code",
        "",
    ),
    # Moving H9 into our village would rewrite a household of the other township.
    (
        "households",
        family.households()[0] | {"household_id": "H9"},
        "household_id",
        f"household H9 lies in village {OTHER_VILLAGE}",
    ),
    (
        "persons",
        family.person(STRANGER, "赵改名", "1980-05-05", "M"),
        "person_id",
        f"person {STRANGER} lives in village {OTHER_VILLAGE}",
    ),
    (
        "persons",
        family.person(LONER, "钱改名", "1940-04-04", "F"),
        "person_id",
        "has no household: only a province-wide token",
    ),
    (
        "memberships",
        family.membership(family.UNCLE, "H9", "1980-01-01", "1989-12-31"),
        "household_id",
        "H9",
    ),
    (
        "kinship",
        {"kind": "parent", "a": family.GRANDMA, "b": STRANGER, "basis": "birth", "from": None},
        "b",
        STRANGER,
    ),
    (
        "kinship",
        {"kind": "spouse", "a": LONER, "b": family.UNCLE, "from": "2000-01-01"},
        "a",
        "no household",
    ),
    (
        "enrollments",
        {"subject_id": "H9", "program": "dibao", "from": "2026-01-01"},
        "subject_id",
        "household H9",
    ),
    (
        "enrollments",
        {"subject_id": STRANGER, "program": "tekun", "from": "2026-01-01"},
        "subject_id",
        f"person {STRANGER}",
    ),
    ("events", _event(household_id="H9"), "household_id", "household H9"),
    ("events", _event(person_id=STRANGER), "person_id", f"person {STRANGER}"),
    ("calendar", {"date": "2027-10-08", "kind": "holiday"}, "date", "the province's"),
]


@pytest.mark.parametrize(
    ("feed", "record", "field", "words"),
    OUTSIDE,
    ids=[f"{c[0]}-{c[2]}-{n}" for n, c in enumerate(OUTSIDE)],
)
def test_issue14_item12_a_record_outside_the_token_region_is_rejected_naming_the_rule(
    client: TestClient, graph: Graph, feed: str, record: dict[str, Any], field: str, words: str
) -> None:
    before = graph.driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    answer = push(client, feed, [record], OURS)
    (reject,) = answer["rejected"]
    messages = {e["field"]: e["message"] for e in reject["errors"]}
    assert field in messages, messages
    assert words in messages[field]
    assert "region rule" in messages[field]
    assert answer["applied"] == 0
    after = graph.driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    assert after == before
    # The province-wide token may write the same record.
    assert push(client, feed, [record], "440000000000")["rejected"] == []


def test_issue14_item12_a_township_token_writes_within_its_township(client: TestClient) -> None:
    within = {
        "regions": [{"code": "440103001002", "name": "新社区"}],
        "standards": [family.standards()[0] | {"region_code": OURS}],
        "households": [
            family.households()[0] | {"address": "沙面大街1号之一"},
            family.households()[0] | {"household_id": "H4"},
        ],
        # A new person may be created: they join the township with a membership here.
        "persons": [
            family.persons()[1] | {"annual_income": 30000},
            family.person(NEWCOMER, "孙新来", "1999-09-09", "M"),
        ],
        "memberships": [family.membership(NEWCOMER, "H4", "2026-01-01")],
        "kinship": [
            {
                "kind": "parent",
                "a": family.MOTHER,
                "b": NEWCOMER,
                "basis": "adoptive",
                "from": "2026-01-01",
            }
        ],
        "enrollments": [
            {"subject_id": "H4", "program": "dibao", "from": "2026-02-01"},
            {"subject_id": NEWCOMER, "program": "other", "from": "2026-02-01"},
        ],
        "events": [_event(household_id="H4"), _event(person_id=NEWCOMER)],
    }
    for feed, records in within.items():
        answer = push(client, feed, records, OURS)
        assert (answer["rejected"], answer["accepted"]) == ([], len(records)), feed


def test_issue14_item12_the_stranger_keeps_the_name_the_township_tried_to_change(
    client: TestClient, graph: Graph
) -> None:
    rename = family.person(STRANGER, "赵改名", "1980-05-05", "M")
    mine = family.persons()[1] | {"name": "李建国（改）"}
    answer = push(client, "persons", [rename, mine], OURS)
    assert ([r["index"] for r in answer["rejected"]], answer["applied"]) == ([0], 1)
    names = graph.driver.execute_query(
        "MATCH (p:Person) WHERE p.person_id IN $ids RETURN p.person_id AS id, p.name AS name",
        {"ids": [STRANGER, family.FATHER]},
    ).records
    assert {r["id"]: r["name"] for r in names} == {
        STRANGER: "赵外人",
        family.FATHER: "李建国（改）",
    }
