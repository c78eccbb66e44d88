"""POST /v1/ingest/{feed}: the loader's path over HTTP, for the province and batch roles."""

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.settings import Settings
from graph.db import Graph
from tests.helpers import OVERLAPPING, bearer
from tests.loaders import family


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    """The session's settings with a small body cap and the rejects files in `tmp_path`."""
    return settings.model_copy(update={"max_body_bytes": 4096, "rejects_dir": tmp_path / "r"})


def push(client: TestClient, feed: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    """POST one feed as a province-wide batch caller; the response body."""
    response = client.post(f"/v1/ingest/{feed}", json=records, headers=bearer("batch"))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def push_family(client: TestClient, *, upto: str, **replaced: list[dict[str, Any]]) -> None:
    """POST every feed of the test family before `upto`, some `replaced`; all accepted."""
    for feed, records in family.all_feeds().items():
        if feed == upto:
            return
        body = push(client, feed, replaced.get(feed, records))
        assert body["rejected"] == [], (feed, body["rejected"])


def test_a_json_array_is_loaded_with_its_rejects(client: TestClient) -> None:
    body = [*family.regions(), {"code": "440103001002", "name": "", "extra": 1}]
    response = client.post("/v1/ingest/regions", json=body, headers=bearer("batch"))
    assert response.status_code == 200
    assert response.json() == {
        "feed": "regions",
        "received": 6,
        "accepted": 5,
        "applied": 5,
        "unchanged": 0,
        "rejected": [
            {
                "index": 5,
                "key": {"code": "440103001002"},
                "errors": [
                    {"field": "name", "message": "String should have at least 1 character"},
                    {"field": "extra", "message": "Extra inputs are not permitted"},
                ],
            }
        ],
        "rejected_count": 1,
        "rejects_truncated": False,
        "rejects_file": None,
    }


def test_json_lines_are_loaded_and_a_second_push_changes_nothing(client: TestClient) -> None:
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in family.regions())
    headers = bearer("province") | {"Content-Type": "application/x-ndjson"}
    first = client.post("/v1/ingest/regions", content=lines.encode(), headers=headers).json()
    again = client.post("/v1/ingest/regions", content=lines.encode(), headers=headers).json()
    assert (first["applied"], again["applied"], again["unchanged"]) == (5, 0, 5)


@pytest.mark.parametrize("role", ["city", "county", "township", "investigator"])
def test_other_roles_may_not_ingest(client: TestClient, role: str) -> None:
    response = client.post("/v1/ingest/regions", json=[], headers=bearer(role))
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"


def test_no_token_is_401(client: TestClient) -> None:
    response = client.post("/v1/ingest/regions", json=[])
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_an_unknown_feed_is_422(client: TestClient) -> None:
    assert client.post("/v1/ingest/pets", json=[], headers=bearer("batch")).status_code == 422


def test_a_body_over_the_cap_is_413(client: TestClient) -> None:
    body = [family.regions()[0]] * 200
    response = client.post("/v1/ingest/regions", json=body, headers=bearer("batch"))
    assert response.status_code == 413


def test_a_body_that_is_not_json_is_400(client: TestClient) -> None:
    response = client.post("/v1/ingest/regions", content=b"[{oops", headers=bearer("batch"))
    assert response.status_code == 400
    assert response.json()["type"] == "urn:hhgraph:problem:bad-request"


def test_issue13_item10_I2_a_code_with_a_part_after_a_zero_part_is_rejected(
    client: TestClient,
) -> None:
    client.post("/v1/ingest/regions", json=family.regions(), headers=bearer("batch"))
    not_a_village = {"code": "440100000001", "name": "假村"}
    response = client.post("/v1/ingest/regions", json=[not_a_village], headers=bearer("batch"))
    assert response.status_code == 200
    (reject,) = response.json()["rejected"]
    assert reject["key"] == {"code": "440100000001"}
    (error,) = reject["errors"]
    assert error["field"] == "code"
    assert "follows the zero county part 00" in error["message"]
    assert "I2" in error["message"]


def test_issue13_item4_a_disability_grade_without_a_type_is_stored_and_the_person_stays_a_member(
    client: TestClient, graph: Graph
) -> None:
    people = family.persons()
    people[0] |= {"disability_grade": 2, "disability_type": None}  # the grandmother
    push_family(client, upto="kinship", persons=people)
    stored = graph.driver.execute_query(
        "MATCH (p:Person {person_id: $id}) RETURN p.disability_grade AS g, p.disability_type AS t",
        {"id": family.GRANDMA},
    ).records
    assert [(r["g"], r["t"]) for r in stored] == [(2, None)]
    members = client.get("/v1/households/H1", headers=bearer("province")).json()["members"]
    grandma = next(m for m in members if m["person_id"] == family.GRANDMA)
    assert (grandma["disability_grade"], grandma["disability_type"]) == (2, None)


def test_issue13_item4_a_disability_type_without_a_grade_stays_an_error(
    client: TestClient,
) -> None:
    push_family(client, upto="persons")
    people = family.persons()
    people[0] |= {"disability_grade": None, "disability_type": "visual"}
    (reject,) = push(client, "persons", people)["rejected"]
    assert reject["index"] == 0
    assert [e["field"] for e in reject["errors"]] == ["disability_grade"]


def test_issue13_item2_children_with_parent_edges_from_birth_are_supporters(
    client: TestClient,
) -> None:
    kinship = [k | {"from": None} if k["kind"] == "parent" else k for k in family.kinship()]
    push_family(client, upto="enrollments", kinship=kinship)
    check = client.get(
        f"/v1/persons/{family.GRANDMA}/destitute-check",
        params={"as_of": "2026-08-01"},
        headers=bearer("province"),
    ).json()
    children = {s["person_id"] for s in check["supporters"] if s["relation"] == "child"}
    assert children == {family.FATHER, family.UNCLE}
    assert (check["no_capable_supporter"], check["eligible"]) == (False, False)


def _child_leaves_on(to: str) -> dict[str, Any]:
    return family.memberships()[3] | {"to": to}


def test_issue14_item11_a_membership_ending_9999_12_31_is_rejected_naming_to(
    client: TestClient,
) -> None:
    push_family(client, upto="memberships")
    (reject,) = push(client, "memberships", [_child_leaves_on("9999-12-31")])["rejected"]
    assert [e["field"] for e in reject["errors"]] == ["to"]
    assert "between 1900-01-01 and 2999-12-31" in reject["errors"][0]["message"]


def test_issue14_item11_an_income_that_would_overflow_is_rejected_naming_it(
    client: TestClient,
) -> None:
    push_family(client, upto="persons")
    people = family.persons()
    people[1]["annual_income"] = 9.3e16
    (reject,) = push(client, "persons", people)["rejected"]
    assert (reject["index"], [e["field"] for e in reject["errors"]]) == (1, ["annual_income"])


def _left(client: TestClient) -> list[dict[str, Any]]:
    response = client.get("/v1/households/H1/changes", headers=bearer("province"))
    assert response.status_code == 200, response.text
    return [c for c in response.json() if c["kind"] == "left"]


def test_issue14_item11_changes_answers_on_the_last_date_a_feed_may_carry(
    client: TestClient,
) -> None:
    push_family(client, upto="kinship")
    assert push(client, "memberships", [_child_leaves_on("2999-12-31")])["applied"] == 1
    left = _left(client)
    assert [(c["person_id"], c["date"]) for c in left if c["person_id"] == family.CHILD] == [
        (family.CHILD, "3000-01-01")
    ]


def test_issue14_item11_changes_answers_for_a_membership_stored_before_the_bounds(
    client: TestClient, graph: Graph
) -> None:
    push_family(client, upto="kinship")
    graph.driver.execute_query(  # as the loader accepted it before dates were bounded
        "MATCH (:Person {person_id: $id})-[m:MEMBER_OF]->() SET m.to = date('9999-12-31')",
        {"id": family.CHILD},
    )
    assert [c for c in _left(client) if c["person_id"] == family.CHILD] == []


def test_issue13_item3_a_move_sent_as_open_then_close_is_accepted(client: TestClient) -> None:
    push_family(client, upto="kinship")  # the father is a member of H1 from 2000, still open
    close = family.memberships()[1] | {"to": "2019-12-31"}
    move = family.membership(family.FATHER, "H2", "2020-01-01", relation="head")
    body = push(client, "memberships", [move, close])
    assert (body["applied"], body["rejected"]) == (2, [])


def _post_at_once(posts: list[tuple[TestClient, list[dict[str, Any]]]]) -> list[dict[str, Any]]:
    """POST each body to the memberships feed on its own thread, all released at once."""
    start = threading.Barrier(len(posts), timeout=30)
    answers: list[dict[str, Any]] = [{} for _ in posts]

    def post(n: int, api: TestClient, body: list[dict[str, Any]]) -> None:
        start.wait()
        response = api.post("/v1/ingest/memberships", json=body, headers=bearer("batch"))
        answers[n] = response.json()

    threads = [threading.Thread(target=post, args=(n, *p)) for n, p in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def test_issue14_item4_two_apis_ingesting_at_once_never_give_a_person_two_households(
    client: TestClient, graph: Graph, settings: Settings
) -> None:
    push_family(client, upto="memberships")
    people = [p["person_id"] for p in family.persons()]
    into_h1 = [family.membership(p, "H1", "2030-01-01") for p in people]
    into_h2 = [family.membership(p, "H2", "2031-01-01") for p in people]
    # Two apps, each opening its own driver as two API processes do.
    with TestClient(create_app(settings)) as one, TestClient(create_app(settings)) as two:
        for round_ in range(3):
            graph.driver.execute_query("MATCH ()-[m:MEMBER_OF]->() DELETE m")
            answers = _post_at_once([(one, into_h1), (two, into_h2)])
            assert graph.driver.execute_query(OVERLAPPING).records[0][0] == 0, round_
            assert sum(a["applied"] for a in answers) == len(people), answers
            for answer in answers:
                assert answer["received"] == answer["applied"] + len(answer["rejected"])
                for reject in answer["rejected"]:
                    assert "overlaps membership of household" in reject["errors"][0]["message"]


def _client_with(graph: Graph, settings: Settings, **limits: int) -> TestClient:
    return TestClient(create_app(settings.model_copy(update=limits), graph))


def test_issue14_item5_a_body_over_the_record_cap_is_413_and_loads_nothing(
    graph: Graph, settings: Settings
) -> None:
    capped = _client_with(graph, settings, ingest_max_records=4)
    response = capped.post("/v1/ingest/regions", json=family.regions(), headers=bearer("batch"))
    assert response.status_code == 413
    assert "more than the 4 records" in response.json()["detail"]
    assert graph.driver.execute_query("MATCH (r:Region) RETURN count(r)").records[0][0] == 0
    lines = "\n".join(json.dumps(r) for r in family.regions()[:4])
    headers = bearer("batch") | {"Content-Type": "application/x-ndjson"}
    assert capped.post("/v1/ingest/regions", content=lines, headers=headers).status_code == 200


def test_issue14_item5_rejects_beyond_the_listed_ones_are_counted_and_in_a_file(
    graph: Graph, settings: Settings
) -> None:
    listing = _client_with(graph, settings, ingest_listed_rejects=3)
    body = "\n".join(["{}"] * 10 + [json.dumps(family.regions()[0])] + ["{}"] * 2)
    headers = bearer("batch", sub="feeder-1") | {"Content-Type": "application/x-ndjson"}
    answer = listing.post("/v1/ingest/regions", content=body, headers=headers).json()
    assert (answer["received"], answer["accepted"], answer["rejected_count"]) == (13, 1, 12)
    assert [r["index"] for r in answer["rejected"]] == [0, 1, 2]
    assert answer["rejects_truncated"] is True
    url = f"/v1/ingest/rejects/{answer['rejects_file']}"
    response = listing.get(url, headers=bearer("batch", sub="feeder-1"))
    assert response.status_code == 200
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [r["index"] for r in lines] == [*range(10), 11, 12]
    assert lines[0]["errors"][0] == {"field": "code", "message": "Field required"}
    # Only the caller who sent the body may read its rejects; a made-up name is 404 too.
    assert listing.get(url, headers=bearer("batch", sub="feeder-2")).status_code == 404
    assert listing.get(url, headers=bearer("province", sub="feeder-2")).status_code == 404
    assert listing.get("/v1/ingest/rejects/..%2F..%2Fetc", headers=headers).status_code == 404


def test_issue14_item5_no_rejects_file_while_the_response_lists_every_reject(
    graph: Graph, settings: Settings
) -> None:
    listing = _client_with(graph, settings, ingest_listed_rejects=3)
    answer = listing.post("/v1/ingest/regions", json=[{}] * 3, headers=bearer("batch")).json()
    assert (answer["rejected_count"], answer["rejects_truncated"]) == (3, False)
    assert answer["rejects_file"] is None
    assert not (settings.rejects_dir).exists()


def test_issue14_item5_five_megabytes_of_empty_records_are_refused_in_a_small_answer(
    graph: Graph, settings: Settings
) -> None:
    # The defect: 5 MB of {} lines gave a 662 MB response and took the API to 10 GB.
    roomy = _client_with(graph, settings, max_body_bytes=6_000_000)
    body = b"{}\n" * (5_000_000 // 3)
    headers = bearer("batch") | {"Content-Type": "application/x-ndjson"}
    response = roomy.post("/v1/ingest/persons", content=body, headers=headers)
    assert response.status_code == 413
    assert len(response.content) < 1_000
    assert "more than the 100000 records" in response.json()["detail"]
