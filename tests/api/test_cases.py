"""Investigators' case graphs and kinship paths, with out-of-region persons masked."""

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from hhgraph.settings import Settings
from loaders.ids import mask_id
from tests.conftest import bearer
from tests.loaders import family
from tests.scoring.test_score import load

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
    }
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
