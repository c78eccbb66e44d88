"""Investigators' case graphs and kinship paths, with out-of-region persons masked."""

import json
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from hhgraph.settings import Settings
from loaders.ids import make_resident_id, mask_id
from scoring.rescore import rescore_households
from scoring.ruleset import default_ruleset
from scoring.workdays import Calendar
from tests.conftest import bearer
from tests.loaders import family
from tests.scoring.test_score import event, load

TOWNSHIP = "440103001000"
ELSEWHERE = "440103002001"  # a village of another township


@pytest.fixture
def client(graph: Graph, settings: Settings) -> TestClient:
    feeds = family.all_feeds()
    feeds["regions"] += [
        {"code": "440103002000", "name": "另一街道"},
        {"code": ELSEWHERE, "name": "另一社区"},
    ]
    feeds["households"][1]["region_code"] = ELSEWHERE  # the uncle's household H2
    for feed, records in feeds.items():
        load(graph, feed, records)
    return TestClient(create_app(settings, graph))


def case(
    client: TestClient,
    subject: str,
    depth: int = 2,
    role: str = "investigator",
    region: str = TOWNSHIP,
) -> Any:
    return client.get(
        f"/v1/cases/{subject}/graph?depth={depth}&as_of=2026-11-01", headers=bearer(role, region)
    )


def test_the_case_graph_masks_persons_and_omits_households_outside_the_region(
    client: TestClient,
) -> None:
    response = case(client, "H1")
    assert response.status_code == 200
    body = response.json()
    text = json.dumps(body, ensure_ascii=False)
    assert family.UNCLE not in text
    assert "H2" not in text
    nodes = {n["id"]: n for n in body["nodes"]}
    uncle = nodes[mask_id(family.UNCLE)]
    assert (uncle["label"], uncle["masked"]) == ("李**", True)
    assert nodes[family.GRANDMA] == {
        "id": family.GRANDMA,
        "kind": "person",
        "label": "陈秀英",
        "masked": False,
        "status": {
            "dead": False,
            "death_date": None,
            "disability_grade": 2,
            "disability_type": "physical",
            "legal_status": "normal",
            "enrolments": [],  # her `other` enrolment ended in 2024
        },
    }
    assert uncle["status"] is None  # masked: nothing of his status either
    assert nodes["H1"]["kind"] == "household"
    edges = {(e["source"], e["target"], e["kind"]) for e in body["edges"]}
    assert (family.GRANDMA, mask_id(family.UNCLE), "parent_of") in edges
    assert (family.FATHER, family.MOTHER, "spouse_of") in edges  # smaller id first
    assert (family.CHILD, "H1", "member_of") in edges


def test_depth_bounds_the_graph(client: TestClient) -> None:
    one = case(client, family.CHILD, depth=1).json()
    assert {n["id"] for n in one["nodes"]} == {family.CHILD, family.FATHER, family.MOTHER, "H1"}
    assert case(client, family.CHILD, depth=4).status_code == 422
    assert case(client, family.CHILD, depth=0).status_code == 422


def test_a_start_outside_the_region_is_404(client: TestClient) -> None:
    assert case(client, "H2").status_code == 404
    assert case(client, family.UNCLE).status_code == 404
    assert case(client, "H2", region="440103000000").status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("investigator", 200),
        ("township", 200),
        ("county", 200),
        ("city", 200),
        ("province", 200),
        ("batch", 403),
    ],
)
def test_who_may_read_case_graphs(client: TestClient, role: str, status: int) -> None:
    assert case(client, "H1", role=role).status_code == status


def test_the_kinship_path_names_each_step_and_masks_the_far_relative(client: TestClient) -> None:
    response = client.get(
        f"/v1/persons/{family.CHILD}/kinship-path/{family.UNCLE}",
        headers=bearer("investigator", TOWNSHIP),
    )
    assert response.status_code == 200
    body = response.json()
    assert [p["id"] for p in body["persons"]] == [
        family.CHILD,
        family.FATHER,
        family.GRANDMA,
        mask_id(family.UNCLE),
    ]
    assert body["steps"] == [
        {"from": family.FATHER, "to": family.CHILD, "kind": "parent_of"},
        {"from": family.GRANDMA, "to": family.FATHER, "kind": "parent_of"},
        {"from": family.GRANDMA, "to": mask_id(family.UNCLE), "kind": "parent_of"},
    ]
    assert family.UNCLE not in response.text


def test_kinship_path_edge_cases(client: TestClient) -> None:
    headers = bearer("investigator", TOWNSHIP)
    same = client.get(f"/v1/persons/{family.CHILD}/kinship-path/{family.CHILD}", headers=headers)
    assert same.status_code == 422
    outside = client.get(f"/v1/persons/{family.UNCLE}/kinship-path/{family.CHILD}", headers=headers)
    assert outside.status_code == 404


# Statuses of the nodes (death, disability, legal status, enrolments; a household's dibao
# enrolment and open warning level), shown for nodes in the caller's region only.

STATUS_AS_OF = "2026-10-12"
LATE_GRANDPA = make_resident_id("440103", date(1948, 8, 8), 15)


@pytest.fixture
def statuses(graph: Graph, settings: Settings) -> TestClient:
    """The family with statuses, rescored on 2026-09-30 (H1 red: a death and a disease):
    the grandmother died on 2026-09-01 (membership still open), the father is imprisoned,
    the mother is enrolled in tekun (and was in dibao until 2021), H1 in dibao since 2026;
    the uncle (elsewhere) is missing and in tekun; the late grandfather's membership of H1
    ended with his death in 2019."""
    feeds = family.all_feeds()
    feeds["regions"] += [
        {"code": "440103002000", "name": "另一街道"},
        {"code": ELSEWHERE, "name": "另一社区"},
    ]
    feeds["households"][1]["region_code"] = ELSEWHERE
    people = {p["person_id"]: p for p in feeds["persons"]}
    people[family.GRANDMA]["death_date"] = "2026-09-01"
    people[family.FATHER]["legal_status"] = "imprisoned"
    people[family.UNCLE]["legal_status"] = "missing"
    feeds["persons"].append(
        family.person(LATE_GRANDPA, "李老汉", "1948-08-08", "M", death_date="2019-05-05")
    )
    feeds["memberships"].append(
        {
            "person_id": LATE_GRANDPA,
            "household_id": "H1",
            "from": "1970-01-01",
            "to": "2019-05-05",
            "relation": "head",
        }
    )
    feeds["enrollments"] += [
        {"subject_id": family.MOTHER, "program": "tekun", "from": "2026-01-01", "to": None},
        {"subject_id": family.MOTHER, "program": "dibao", "from": "2020-01-01", "to": "2021-12-31"},
        {"subject_id": "H1", "program": "dibao", "from": "2026-01-01", "to": None},
        {"subject_id": family.UNCLE, "program": "tekun", "from": "2020-01-01", "to": None},
    ]
    feeds["events"].append(event("death", date(2026, 9, 1), person_id=family.GRANDMA))
    for feed, records in feeds.items():
        load(graph, feed, records)
    calendar = Calendar.from_graph(graph)
    rescore_households(graph, date(2026, 9, 30), "full", default_ruleset(), calendar.due_date)
    return TestClient(create_app(settings, graph))


def status_nodes(
    client: TestClient, subject: str = "H1", as_of: str = STATUS_AS_OF, depth: int = 2
) -> dict[str, Any]:
    response = client.get(
        f"/v1/cases/{subject}/graph?depth={depth}&as_of={as_of}",
        headers=bearer("investigator", TOWNSHIP),
    )
    assert response.status_code == 200, response.text
    return {n["id"]: n for n in response.json()["nodes"]}


def test_persons_carry_their_status_on_as_of(statuses: TestClient) -> None:
    nodes = status_nodes(statuses)
    grandma, father, mother = (
        nodes[p]["status"] for p in (family.GRANDMA, family.FATHER, family.MOTHER)
    )
    assert (grandma["dead"], grandma["death_date"]) == (True, "2026-09-01")
    assert (grandma["disability_grade"], grandma["disability_type"]) == (2, "physical")
    assert (father["dead"], father["legal_status"], father["enrolments"]) == (
        False,
        "imprisoned",
        [],
    )
    assert mother["enrolments"] == ["tekun"]  # the dibao enrolment ended in 2021
    assert nodes[family.CHILD]["status"]["legal_status"] == "normal"


def test_statuses_follow_as_of(statuses: TestClient) -> None:
    before = status_nodes(statuses, as_of="2026-08-01")
    assert before[family.GRANDMA]["status"]["dead"] is False
    assert before[family.GRANDMA]["status"]["death_date"] is None
    assert before["H1"]["status"] == {"enrolments": ["dibao", "marginal"], "warning_level": None}
    in_2021 = status_nodes(statuses, as_of="2021-06-01")
    assert in_2021[family.MOTHER]["status"]["enrolments"] == ["dibao"]
    assert in_2021["H1"]["status"]["enrolments"] == []


def test_households_carry_dibao_and_their_open_warning_level(statuses: TestClient) -> None:
    assert status_nodes(statuses)["H1"]["status"] == {
        "enrolments": ["dibao", "marginal"],  # the fixture's marginal enrolment is open too
        "warning_level": "red",
    }
    assert (
        status_nodes(statuses, subject=family.CHILD, depth=1)["H1"]["status"]["warning_level"]
        == "red"
    )


def test_a_masked_person_has_no_status(statuses: TestClient) -> None:
    response = statuses.get(
        f"/v1/cases/H1/graph?depth=3&as_of={STATUS_AS_OF}", headers=bearer("investigator", TOWNSHIP)
    )
    uncle = {n["id"]: n for n in response.json()["nodes"]}[mask_id(family.UNCLE)]
    assert (uncle["masked"], uncle["status"]) == (True, None)
    # Nothing of the uncle's status anywhere: he is the only one missing.
    assert "missing" not in response.text
    assert family.UNCLE not in response.text


def test_a_person_whose_membership_ended_with_death_stays_in_the_region(
    statuses: TestClient,
) -> None:
    """As for supporters: the home is the latest membership begun by as_of, even ended."""
    grandpa = status_nodes(statuses)[LATE_GRANDPA]
    assert (grandpa["masked"], grandpa["label"]) == (False, "李老汉")
    assert (grandpa["status"]["dead"], grandpa["status"]["death_date"]) == (True, "2019-05-05")
    assert status_nodes(statuses, subject=LATE_GRANDPA, depth=1)["H1"]["kind"] == "household"
    outside = statuses.get(
        f"/v1/cases/{LATE_GRANDPA}/graph?depth=1&as_of={STATUS_AS_OF}",
        headers=bearer("investigator", "440103002000"),
    )
    assert outside.status_code == 404


def test_the_kinship_path_uses_the_same_home_as_the_case_graph(statuses: TestClient) -> None:
    """The late grandfather's membership ended with his death: he is still of H1's region,
    so an investigator there may ask how he is related (here: no kinship edge, no path)."""
    path = f"/v1/persons/{LATE_GRANDPA}/kinship-path/{family.CHILD}?as_of={STATUS_AS_OF}"
    inside = statuses.get(path, headers=bearer("investigator", TOWNSHIP))
    assert (inside.status_code, inside.json()) == (200, {"persons": [], "steps": []})
    outside = statuses.get(path, headers=bearer("investigator", "440103002000"))
    assert outside.status_code == 404
