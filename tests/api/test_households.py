"""GET /v1/households/{id}/changes: composition changes as officers see them."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.db import Graph
from loaders.pipeline import load_records
from loaders.read import RawRecord
from tests.helpers import ANOTHER_TOWNSHIP, bearer
from tests.loaders import family


def load(graph: Graph, feed: str, records: list[dict[str, Any]]) -> None:
    report = load_records(graph, feed, [RawRecord(i, r) for i, r in enumerate(records)])
    assert report.rejected == [], report.rejected


@pytest.fixture
def client(client: TestClient, graph: Graph) -> TestClient:
    feeds = family.all_feeds()
    people = feeds["persons"]
    people[0]["death_date"] = "2026-02-10"  # grandma dies while a member of H1
    memberships = feeds["memberships"]
    memberships[0]["to"] = "2026-02-10"
    kinship = feeds["kinship"]
    kinship[2]["to"] = "2025-12-31"  # the parents divorce
    feeds |= {"persons": people, "memberships": memberships, "kinship": kinship}
    feeds["regions"].append(ANOTHER_TOWNSHIP)
    for feed, records in feeds.items():
        load(graph, feed, records)
    return client


def changes(
    client: TestClient,
    query: str = "",
    role: str = "township",
    region: str = "440103001000",
    household: str = "H1",
) -> Any:
    return client.get(f"/v1/households/{household}/changes{query}", headers=bearer(role, region))


def test_every_kind_of_change_is_derived(client: TestClient) -> None:
    response = changes(client)
    assert response.status_code == 200
    got = [(c["date"], c["kind"], c["person_id"], c["relation"]) for c in response.json()]
    assert got == [
        ("1990-01-01", "joined", family.UNCLE, "child"),
        ("2000-01-01", "joined", family.GRANDMA, "parent"),  # ids sort by birth date here
        ("2000-01-01", "joined", family.FATHER, "head"),
        ("2000-01-01", "left", family.UNCLE, "child"),
        ("2005-05-01", "joined", family.MOTHER, "spouse"),
        ("2005-05-01", "married", family.FATHER, "head"),
        ("2005-05-01", "married", family.MOTHER, "spouse"),
        ("2012-01-20", "born", family.CHILD, "child"),
        ("2025-12-31", "divorced", family.FATHER, "head"),
        ("2025-12-31", "divorced", family.MOTHER, "spouse"),
        ("2026-02-10", "died", family.GRANDMA, "parent"),
    ]


def test_since_and_until_include_both_ends(client: TestClient) -> None:
    got = changes(client, "?since=2005-05-01&until=2012-01-20").json()
    assert [c["kind"] for c in got] == ["joined", "married", "married", "born"]


def test_an_empty_window_is_an_empty_list(client: TestClient) -> None:
    assert changes(client, "?since=2030-01-01").json() == []


def test_a_household_outside_the_callers_region_is_404(client: TestClient) -> None:
    response = changes(client, region="440103002000")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_a_household_that_does_not_exist_is_404(client: TestClient) -> None:
    assert changes(client, household="H404").status_code == 404


@pytest.mark.parametrize("role", ["province", "city", "county", "township", "investigator"])
def test_officers_and_investigators_may_read(client: TestClient, role: str) -> None:
    assert changes(client, role=role, region="440000000000").status_code == 200


def test_the_batch_role_may_not_read_households(client: TestClient) -> None:
    assert changes(client, role="batch", region="440000000000").status_code == 403


def test_no_token_is_401(client: TestClient) -> None:
    assert client.get("/v1/households/H1/changes").status_code == 401


def test_the_household_with_its_current_members_and_enrolments(client: TestClient) -> None:
    response = client.get(
        "/v1/households/H1?as_of=2026-11-01", headers=bearer("township", "440103001000")
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["household_id"], body["hukou"], body["region_code"]) == (
        "H1",
        "urban",
        family.VILLAGE,
    )
    # grandma died on 2026-02-10 and left; the uncle left in 1999
    assert [m["person_id"] for m in body["members"]] == [family.FATHER, family.MOTHER, family.CHILD]
    father = body["members"][0]
    assert (father["relation"], father["from"], father["annual_income"]) == (
        "head",
        "2000-01-01",
        36000.0,
    )
    assert body["enrollments"] == [
        {"subject_id": "H1", "program": "marginal", "from": "2025-01-01", "to": None}
    ]
    on_2024 = client.get(
        "/v1/households/H1?as_of=2024-06-01", headers=bearer("township", "440103001000")
    ).json()
    assert len(on_2024["members"]) == 4
    assert [e["program"] for e in on_2024["enrollments"]] == ["other"]  # grandma's, then


def test_the_household_outside_the_region_is_404(client: TestClient) -> None:
    assert (
        client.get("/v1/households/H1", headers=bearer("township", "440103002000")).status_code
        == 404
    )
    assert client.get("/v1/households/H1", headers=bearer("batch")).status_code == 403
