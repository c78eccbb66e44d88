"""Investigators' case graphs and kinship paths, with out-of-region persons masked."""

import json
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from core.ids import make_resident_id, mask_id
from graph.db import Graph
from scoring.rescore import Mode, rescore_households
from scoring.ruleset import default_ruleset
from scoring.workdays import Calendar
from tests.helpers import bearer
from tests.loaders import family
from tests.scoring.test_score import event, load

TOWNSHIP = "440103001000"
ELSEWHERE = "440103002001"  # a village of another township


@pytest.fixture
def client(client: TestClient, graph: Graph) -> TestClient:
    feeds = family.all_feeds()
    feeds["regions"] += [
        {"code": "440103002000", "name": "另一街道"},
        {"code": ELSEWHERE, "name": "另一社区"},
    ]
    feeds["households"][1]["region_code"] = ELSEWHERE  # the uncle's household H2
    for feed, records in feeds.items():
        load(graph, feed, records)
    return client


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


@pytest.fixture
def granny_elsewhere(app: FastAPI, graph: Graph) -> TestClient:
    """The family with the uncle's H2 in the family's village and the grandmother moved in
    2021 to H8 in another township: she is the outside person between two inside ones."""
    feeds = family.all_feeds()
    feeds["regions"] += [
        {"code": "440103002000", "name": "另一街道"},
        {"code": ELSEWHERE, "name": "另一社区"},
    ]
    feeds["households"].append(
        {
            "household_id": "H8",
            "region_code": ELSEWHERE,
            "hukou": "urban",
            "address": "另一社区8号",
            "assets_ok": True,
            "rigid_expenditure_annual": 0,
        }
    )
    grandma = next(m for m in feeds["memberships"] if m["person_id"] == family.GRANDMA)
    grandma["to"] = "2020-12-31"
    feeds["memberships"].append(
        {
            "person_id": family.GRANDMA,
            "household_id": "H8",
            "from": "2021-01-01",
            "relation": "head",
        }
    )
    for feed, records in feeds.items():
        load(graph, feed, records)
    return TestClient(app)  # another world than `client`'s


def test_the_kinship_path_names_each_step_and_masks_an_outside_relative_on_it(
    granny_elsewhere: TestClient,
) -> None:
    response = granny_elsewhere.get(
        f"/v1/persons/{family.CHILD}/kinship-path/{family.UNCLE}",
        headers=bearer("investigator", TOWNSHIP),
    )
    assert response.status_code == 200
    body = response.json()
    assert [p["id"] for p in body["persons"]] == [
        family.CHILD,
        family.FATHER,
        mask_id(family.GRANDMA),
        family.UNCLE,
    ]
    assert body["steps"] == [
        {"from": family.FATHER, "to": family.CHILD, "kind": "parent_of"},
        {"from": mask_id(family.GRANDMA), "to": family.FATHER, "kind": "parent_of"},
        {"from": mask_id(family.GRANDMA), "to": family.UNCLE, "kind": "parent_of"},
    ]
    assert family.GRANDMA not in response.text


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
def statuses(app: FastAPI, graph: Graph) -> TestClient:
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
    rescore_households(graph, date(2026, 9, 30), Mode.FULL, default_ruleset(), calendar.due_date)
    return TestClient(app)  # another world than `client`'s


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


# Issue 14 item 1: a person (or household) outside the caller's region looks exactly like one
# that does not exist, on every route that takes an id, the second id of the kinship path too.

NOBODY = make_resident_id("440103", date(1972, 2, 3), 13)  # a well-formed id nobody has
PERSON_ROUTES = [
    "/v1/persons/{id}/supporters?as_of=2026-11-01",
    "/v1/persons/{id}/destitute-check?as_of=2026-11-01",
    "/v1/persons/{id}/events?as_of=2026-11-01",
    "/v1/cases/{id}/graph?depth=1&as_of=2026-11-01",
    "/v1/persons/{id}/kinship-path/" + family.CHILD,
    "/v1/persons/" + family.CHILD + "/kinship-path/{id}",
]
HOUSEHOLD_ROUTES = [
    "/v1/households/{id}",
    "/v1/households/{id}/changes",
    "/v1/households/{id}/score?as_of=2026-11-01",
    "/v1/households/{id}/eligibility?as_of=2026-11-01",
    "/v1/cases/{id}/graph?depth=1&as_of=2026-11-01",
]


def looks(client: TestClient, template: str, subject: str) -> tuple[int, str, str]:
    """Status, media type and body of the route for `subject`, the id itself blanked out."""
    response = client.get(template.format(id=subject), headers=bearer("investigator", TOWNSHIP))
    body = response.text.replace(subject, "<id>").replace(mask_id(subject), "<id>")
    return response.status_code, response.headers["content-type"], body


@pytest.mark.parametrize(
    ("template", "outside", "absent"),
    [(t, family.UNCLE, NOBODY) for t in PERSON_ROUTES]
    + [(t, "H2", "H404") for t in HOUSEHOLD_ROUTES],
)
def test_issue14_item1_an_outside_subject_looks_absent_on_every_route(
    client: TestClient, template: str, outside: str, absent: str
) -> None:
    seen = looks(client, template, outside)
    assert seen[0] == 404
    assert seen == looks(client, template, absent)


def test_issue14_item1_a_masked_id_cannot_be_unmasked_by_trying_birth_dates(
    client: TestClient,
) -> None:
    """The attack of the report: the case graph shows the uncle masked (first 6, last 4
    characters); every 1972 birth date that fits the mask's check character is tried as the
    second id of a kinship path from the child. No answer may stand out."""
    masked = next(
        n["id"] for n in case(client, family.CHILD, depth=3).json()["nodes"] if n["masked"]
    )
    head, tail = masked[:6], masked[-4:]
    candidates = [
        make_resident_id(head, date(1972, 1, 1) + timedelta(days=d), int(tail[:3]))
        for d in range(366)
    ]
    fitting = [c for c in candidates if c.endswith(tail)]
    assert family.UNCLE in fitting
    assert len(fitting) > 20
    answers = {looks(client, f"/v1/persons/{family.CHILD}/kinship-path/{{id}}", c) for c in fitting}
    assert len(answers) == 1
    assert next(iter(answers))[0] == 404


# Issue 14 item 7: visibility follows where a person belongs today, whatever the as-of date.
# The uncle was a member of H1 (the family's village) from 1990 to 1999, and has lived in H2,
# in another township, since 2000.

UNCLE_ROUTES = [
    "/v1/persons/{id}/supporters?as_of=1995-06-01",
    "/v1/persons/{id}/destitute-check?as_of=1995-06-01",
    "/v1/persons/{id}/events?as_of=1995-06-01",
    "/v1/cases/{id}/graph?depth=1&as_of=1995-06-01",
]


@pytest.mark.parametrize("template", UNCLE_ROUTES)
def test_issue14_item7_an_earlier_as_of_does_not_show_a_person_who_moved_away(
    client: TestClient, template: str
) -> None:
    url = template.format(id=family.UNCLE)
    old_home = client.get(url, headers=bearer("investigator", TOWNSHIP))
    assert old_home.status_code == 404
    assert "60000" not in old_home.text  # his income today
    new_home = client.get(url, headers=bearer("investigator", "440103002000"))
    assert new_home.status_code == 200, new_home.text


def test_issue14_item7_the_old_household_masks_him_at_an_earlier_date(client: TestClient) -> None:
    headers = bearer("investigator", TOWNSHIP)
    household = client.get("/v1/households/H1?as_of=1995-06-01", headers=headers)
    assert household.status_code == 200
    members = {m["person_id"]: m for m in household.json()["members"]}
    uncle = members[mask_id(family.UNCLE)]
    assert (uncle["name"], uncle["masked"], uncle["annual_income"]) == ("李**", True, None)
    assert uncle["relation"] == "child"
    assert list(members) == [mask_id(family.UNCLE)]  # the others joined H1 in 2000 or later
    graph = client.get("/v1/cases/H1/graph?depth=1&as_of=1995-06-01", headers=headers)
    assert family.UNCLE not in graph.text
    assert family.UNCLE not in household.text


def test_issue15_the_means_test_of_an_earlier_date_masks_a_member_who_lives_elsewhere(
    client: TestClient, graph: Graph
) -> None:
    """On 1995-06-01 the uncle was H1's only member; he lives in another township today.
    The means test of that date names him masked, in its fields and its reasons, as the
    household itself does; his own township's officers see him in full."""
    graph.driver.execute_query(  # missing: E1 leaves him out, and says so naming him
        "MATCH (p:Person {person_id: $id}) SET p.legal_status = 'missing'",
        id=family.UNCLE,
        database_=graph.database,
    )
    url = "/v1/households/H1/eligibility?as_of=1995-06-01"
    old_home = client.get(url, headers=bearer("investigator", TOWNSHIP))
    assert old_home.status_code == 200
    assert family.UNCLE not in old_home.text
    body = old_home.json()
    assert body["excluded_members"] == [
        {"person_id": mask_id(family.UNCLE), "excluded_as": "missing"}
    ]
    assert f"E1: not counted: {mask_id(family.UNCLE)} (missing)" in body["reasons"]
    province = client.get(url, headers=bearer("investigator", "440000000000"))
    assert family.UNCLE in province.text  # not masked where he is in the caller's region


def test_issue15_the_single_person_verdicts_of_an_earlier_date_mask_him_too(
    client: TestClient,
) -> None:
    url = "/v1/households/H1/eligibility?as_of=1995-06-01"
    body = client.get(url, headers=bearer("investigator", TOWNSHIP)).json()
    assert [v["person_id"] for v in body["single_person_dibao"]] == [mask_id(family.UNCLE)]
    assert body["member_count"] == 1
