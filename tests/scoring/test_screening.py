"""Screening a region (issue 5): every kind of finding, against the real server."""

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.ids import make_resident_id, mask_id
from core.settings import Settings
from graph.db import Graph
from scoring import screening
from scoring.eligibility import household_eligibility, households_eligibility
from scoring.screening import Finding, screen, write_csv
from scoring.support import destitute_check, destitute_checks
from tests.helpers import Neo4jTarget, bearer
from tests.loaders import family
from tests.scoring.kin import rewrite_person
from tests.scoring.test_rescore import run
from tests.scoring.test_score import event, load

AS_OF = date(2026, 11, 2)
LONE = make_resident_id("440103", date(1945, 5, 5), 51)  # 81, no kin, no income
HUSBAND = make_resident_id("440103", date(1970, 1, 1), 61)
WIFE = make_resident_id("440103", date(1971, 1, 1), 62)
SON = make_resident_id("440103", date(2000, 1, 1), 71)  # grade-1 intellectual disability


def world(graph: Graph) -> None:
    feeds = family.all_feeds()
    feeds["households"] += [
        family.households()[0] | {"household_id": "H3", "address": "沙面大街3号"},
        family.households()[0] | {"household_id": "H4", "address": "沙面大街4号"},
    ]
    feeds["persons"] += [
        family.person(LONE, "孤老人", "1945-05-05", "M"),
        family.person(HUSBAND, "张伟", "1970-01-01", "M", annual_income=30000),
        family.person(WIFE, "刘娜", "1971-01-01", "F", annual_income=30000),
        family.person(
            SON, "张小", "2000-01-01", "M", disability_grade=1, disability_type="intellectual"
        ),
    ]
    feeds["memberships"] += [
        {"person_id": pid, "household_id": hid, "from": "2010-01-01", "to": None, "relation": rel}
        for pid, hid, rel in (
            (LONE, "H3", "head"),
            (HUSBAND, "H4", "head"),
            (WIFE, "H4", "spouse"),
            (SON, "H4", "child"),
        )
    ]
    feeds["kinship"] += [
        {
            "kind": "parent",
            "a": parent,
            "b": SON,
            "basis": "birth",
            "from": "2000-01-01",
            "to": None,
        }
        for parent in (HUSBAND, WIFE)
    ]
    feeds["enrollments"] += [
        {"subject_id": family.GRANDMA, "program": "tekun", "from": "2020-01-01", "to": None}
    ]
    feeds["events"] = [event("unemployment_registered", date(2026, 10, 20), person_id=family.UNCLE)]
    for feed, records in feeds.items():
        load(graph, feed, records)
    run(graph, AS_OF)  # flags the uncle's dependents: his mother, the grandma


def kinds(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.kind, f.subject_id) for f in findings]


def test_every_kind_of_finding(graph: Graph) -> None:
    world(graph)
    findings = screen(graph, "440103001", AS_OF)
    assert kinds(findings) == [
        ("dependent_recheck", family.GRANDMA),  # the unemployed uncle's mother ...
        ("dependent_recheck", family.FATHER),  # ... and brother
        ("missed_dibao", "H1"),  # 60000 a year for 4 members: 1250.00 < 1500.00
        ("missed_dibao", "H3"),  # the lone elder has no income at all
        ("missed_tekun", LONE),
        ("single_person_dibao", SON),  # H4 is marginal: 1666.67 a month, E6 grade 1
        ("tekun_review", family.GRANDMA),  # her sons are able supporters (T4, T6)
    ]
    by_kind = {f.kind: f for f in findings}
    assert any("E3" in r for r in by_kind["missed_dibao"].reasons)
    assert any("E6" in r for r in by_kind["single_person_dibao"].reasons)
    assert by_kind["dependent_recheck"].reasons[0].startswith(f"T6: supporter {family.UNCLE}")
    assert by_kind["missed_tekun"].household_id == "H3"


def test_a_batch_decides_each_id_as_its_route_does(graph: Graph) -> None:
    """Screening's batched queries (one UNWIND over ids) must not mix persons or households:
    each answer equals the one-id answer, unknown and out-of-region ids are absent."""
    world(graph)
    persons = [LONE, HUSBAND, WIFE, SON, family.GRANDMA, family.FATHER, "440103190001010000"]
    checks = destitute_checks(graph, "440103001", persons, AS_OF)
    assert set(checks) == set(persons) - {"440103190001010000"}
    for pid, check in checks.items():
        assert check == destitute_check(graph, "440103001", pid, AS_OF)
    households = ["H1", "H3", "H4", "NO-SUCH"]
    verdicts = households_eligibility(graph, "440103001", households, AS_OF)
    assert set(verdicts) == {"H1", "H3", "H4"}
    for hid, verdict in verdicts.items():
        assert verdict == household_eligibility(graph, "440103001", hid, AS_OF)
    assert households_eligibility(graph, "440104", households, AS_OF) == {}


def test_findings_do_not_depend_on_the_batch_size(
    graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    world(graph)
    whole = screen(graph, "440103001", AS_OF)
    monkeypatch.setattr(screening, "BATCH", 1)
    assert screen(graph, "440103001", AS_OF) == whole


def test_screening_stays_inside_the_region(graph: Graph) -> None:
    world(graph)
    assert screen(graph, "440104", AS_OF) == []


def test_findings_as_csv(graph: Graph) -> None:
    world(graph)
    out = io.StringIO()
    write_csv(screen(graph, "44", AS_OF), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["kind"] for r in rows][:3] == [
        "dependent_recheck",
        "dependent_recheck",
        "missed_dibao",
    ]
    assert rows[2]["household_id"] == "H1"


def test_the_officers_list_pages_and_is_scoped(graph: Graph, settings: Settings) -> None:
    world(graph)
    client = TestClient(create_app(settings, graph))
    url = "/v1/screening?as_of=2026-11-02&limit=3"
    first = client.get(url, headers=bearer("township", "440103001000")).json()
    assert [i["kind"] for i in first["items"]] == [
        "dependent_recheck",
        "dependent_recheck",
        "missed_dibao",
    ]
    seen, cursor = list(first["items"]), first["next_cursor"]
    while cursor is not None:
        page = client.get(f"{url}&cursor={cursor}", headers=bearer("township", "440103001000"))
        seen += page.json()["items"]
        cursor = page.json()["next_cursor"]
    assert len(seen) == 7
    assert seen[-1]["kind"] == "tekun_review"
    # list views mask resident ids for every role (issue 6); households stay as they are
    assert seen[-1]["subject_id"] == mask_id(family.GRANDMA)
    assert [i["subject_id"] for i in seen if i["kind"] == "missed_dibao"] == ["H1", "H3"]
    assert family.GRANDMA not in json.dumps(seen)
    assert client.get(url, headers=bearer("investigator")).status_code == 403
    assert (
        client.get(
            url + "&region=440104000000", headers=bearer("township", "440103001000")
        ).status_code
        == 404
    )


def screen_cli(
    neo4j_target: Neo4jTarget, region: str, target: Any
) -> "subprocess.CompletedProcess[str]":
    """`hhgraph screen --as-of 2026-11-02 --region REGION --csv TARGET`, as a user runs it."""
    command = [sys.executable, "-m", "hhgraph", "screen", "--as-of", "2026-11-02"]
    return subprocess.run(
        [*command, "--region", region, "--csv", str(target)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=os.environ | {"NEO4J_URI": neo4j_target.uri},
    )


def test_hhgraph_screen_writes_csv(graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Any) -> None:
    world(graph)
    target = tmp_path / "findings.csv"
    done = screen_cli(neo4j_target, "440103", target)
    assert done.returncode == 0, done.stderr
    assert "7 findings" in done.stdout
    assert target.read_text(encoding="utf-8").startswith("kind,subject_id,household_id,reasons")


def test_issue14_item11_screening_up_to_the_province_survives_the_largest_amounts(
    graph: Graph, settings: Settings
) -> None:
    """An income or rigid spending past a 64-bit integer of fen (older feeds did not bound
    money) must not break the batch it falls in: the province's screening answers 200 with
    every other finding, and the household itself gets a sound verdict."""
    world(graph)
    largest = 1.7976931348623157e308
    uncle = next(p for p in family.persons() if p["person_id"] == family.UNCLE)
    rewrite_person(graph, uncle | {"annual_income": largest})  # alone in H2
    father = next(p for p in family.persons() if p["person_id"] == family.FATHER)
    rewrite_person(graph, father | {"annual_income": 1e17})
    graph.driver.execute_query(
        "MATCH (h:Household {household_id: 'H2'}) SET h.rigid_expenditure_annual = $v",
        v=largest,
        database_=graph.database,
    )
    client = TestClient(create_app(settings, graph))
    seen: list[dict[str, Any]] = []
    cursor: str | None = "0"
    while cursor is not None:
        response = client.get(
            f"/v1/screening?as_of=2026-11-02&region=440000000000&cursor={cursor}",
            headers=bearer("province"),
        )
        assert response.status_code == 200, response.text
        seen += response.json()["items"]
        cursor = response.json()["next_cursor"]
    found = {(i["kind"], i["subject_id"]) for i in seen}
    assert ("missed_dibao", "H3") in found  # the lone elder, in the same batch as H1 and H2
    assert ("missed_tekun", mask_id(LONE)) in found
    assert ("missed_dibao", "H1") not in found  # 1e17 a year
    mother = client.get(
        f"/v1/persons/{family.GRANDMA}/destitute-check?as_of=2026-11-02",
        headers=bearer("province"),
    )
    assert mother.status_code == 200
    assert not mother.json()["eligible"]  # her sons can support her


def moved_uncle_world(graph: Graph) -> None:
    """`world`, with the uncle's household H2 moved to a village of another township after
    the rescoring flagged his mother and brother: he lies outside the township's region."""
    world(graph)
    load(
        graph,
        "regions",
        [
            {"code": "440103002000", "name": "多宝街道"},
            {"code": "440103002001", "name": "多宝社区"},
        ],
    )
    load(graph, "households", [family.households()[1] | {"region_code": "440103002001"}])


def test_issue14_item2_screening_masks_a_supporter_outside_the_region(
    graph: Graph, settings: Settings
) -> None:
    moved_uncle_world(graph)
    client = TestClient(create_app(settings, graph))
    for role, region in [("township", "440103001000"), ("county", "440103000000")]:
        response = client.get("/v1/screening?as_of=2026-11-02", headers=bearer(role, region))
        assert response.status_code == 200
        assert family.UNCLE not in response.text  # in no reason, no explanation param
        rechecks = [i for i in response.json()["items"] if i["kind"] == "dependent_recheck"]
        assert len(rechecks) == 2
        for item in rechecks:
            assert item["reasons"][0].startswith(f"T6: supporter {mask_id(family.UNCLE)} has")


def test_issue14_item2_hhgraph_screen_masks_it_on_screen_and_in_the_csv(
    graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Any
) -> None:
    moved_uncle_world(graph)
    target = tmp_path / "findings.csv"
    done = screen_cli(neo4j_target, "440103001000", target)
    assert done.returncode == 0, done.stderr
    written = target.read_text(encoding="utf-8")
    assert family.UNCLE not in done.stdout
    assert family.UNCLE not in written
    assert written.count(f"T6: supporter {mask_id(family.UNCLE)} has") == 2
    assert family.GRANDMA in written  # the CLI's own region is shown as it is
