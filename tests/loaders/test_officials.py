"""C1: the `officials` feed (CONTRACT §2) through the one pipeline, against the real server:
good records become `SERVES` edges, every kind of bad record is rejected alone with its index,
key and field, a load run twice changes nothing, and the region rule holds for it."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from core.ids import make_resident_id
from graph.db import Graph
from loaders.pipeline import LoadReport, load_records
from loaders.read import RawRecord
from loaders.scope import Scope
from tests.helpers import Neo4jTarget, graph_checksum
from tests.loaders import family
from tests.loaders.test_files import hhgraph, write_jsonl

Record = dict[str, Any]
TOWNSHIP = "440103001000"
COUNTY = "440103000000"
NOBODY = make_resident_id("440103", date(1980, 1, 1), 77)
SERVES = (
    "MATCH (p:Person)-[s:SERVES]->(r:Region) "
    "RETURN p.person_id AS person_id, s.role AS role, r.code AS region_code, "
    "toString(s.from) AS from, toString(s.to) AS to, s.updated_by AS updated_by, "
    "s.updated_at IS NOT NULL AS stamped ORDER BY person_id, role, region_code, from"
)


def official(**fields: Any) -> Record:
    return {
        "person_id": family.FATHER,
        "role": "committee_member",
        "region_code": family.VILLAGE,
        "from": "2021-03-01",
        "to": None,
    } | fields


def load(graph: Graph, feed: str, records: list[Record], **kw: Any) -> LoadReport:
    return load_records(graph, feed, [RawRecord(i, r) for i, r in enumerate(records)], **kw)


@pytest.fixture
def people(graph: Graph) -> Graph:
    """The test family's regions and persons: what officials name."""
    for feed in ("regions", "persons"):
        assert load(graph, feed, family.all_feeds()[feed]).rejected == []
    return graph


def serves(graph: Graph) -> list[Record]:
    return [dict(r) for r in graph.driver.execute_query(SERVES, database_="neo4j").records]


def test_c1_officials_become_serves_edges_keyed_by_person_role_region_and_from(
    people: Graph,
) -> None:
    records = [
        *family.officials(),
        official(),
        official(role="assistant", region_code=TOWNSHIP, to="2025-12-31"),
        official(role="assistant", region_code=TOWNSHIP, **{"from": "2026-01-01"}),
        official(person_id=family.MOTHER, role="handler", region_code=COUNTY),
    ]
    report = load(people, "officials", records)
    assert (report.accepted, report.applied, report.rejected) == (5, 5, [])
    found = serves(people)
    assert sorted(
        (r["person_id"], r["role"], r["region_code"], r["from"], r["to"]) for r in found
    ) == sorted(
        [
            (family.FATHER, "assistant", TOWNSHIP, "2021-03-01", "2025-12-31"),
            (family.FATHER, "assistant", TOWNSHIP, "2026-01-01", None),
            (family.FATHER, "committee_member", family.VILLAGE, "2021-03-01", None),
            (family.MOTHER, "handler", COUNTY, "2021-03-01", None),
            (family.UNCLE, "handler", TOWNSHIP, "2020-01-01", None),
        ]
    )
    assert all(r["stamped"] and r["updated_by"] is None for r in found)


def test_c1_loading_twice_is_accepted_and_changes_nothing(people: Graph) -> None:
    records = [*family.officials(), official()]
    assert load(people, "officials", records).applied == 2
    before = graph_checksum(people)
    again = load(people, "officials", records)
    assert (again.accepted, again.applied, again.unchanged, again.rejected) == (2, 0, 2, [])
    assert graph_checksum(people) == before


def test_c1_a_new_to_updates_the_one_edge_of_its_key(people: Graph) -> None:
    load(people, "officials", [official()])
    report = load(people, "officials", [official(to="2026-06-30")])
    assert (report.applied, report.unchanged) == (1, 0)
    (edge,) = serves(people)
    assert edge["to"] == "2026-06-30"


def test_c1_one_key_twice_in_a_batch_the_later_wins(people: Graph) -> None:
    report = load(people, "officials", [official(), official(to="2026-06-30")])
    assert report.accepted == 2
    (edge,) = serves(people)
    assert edge["to"] == "2026-06-30"


BAD: list[tuple[str, Record, str, str]] = [
    ("unknown field", official(rank="科长"), "rank", "Extra inputs are not permitted"),
    ("unknown role", official(role="mayor"), "role", "'handler'"),
    ("to before from", official(to="2021-02-28"), "to", "is before from 2021-03-01"),
    ("missing from", {k: v for k, v in official().items() if k != "from"}, "from", "required"),
    ("bad person id", official(person_id="44010319800101007X"), "person_id", "(I1)"),
    ("bad region code", official(region_code="4401030010"), "region_code", "(I2)"),
    ("person missing", official(person_id=NOBODY), "person_id", "does not exist"),
    ("region missing", official(region_code="440103002000"), "region_code", "does not exist"),
]


@pytest.mark.parametrize(("case", "bad", "field", "words"), BAD, ids=[c[0] for c in BAD])
def test_c1_a_bad_record_is_rejected_alone_with_index_key_and_field(
    people: Graph, case: str, bad: Record, field: str, words: str
) -> None:
    report = load(people, "officials", [official(), bad, *family.officials()])
    assert (report.accepted, report.rejected_count) == (2, 1), case
    (reject,) = report.rejected
    assert reject.index == 1
    assert reject.key == {k: bad.get(k) for k in ("person_id", "role", "region_code", "from")}
    assert [e.field for e in reject.errors] == [field], reject.errors
    assert words in reject.errors[0].message
    assert len(serves(people)) == 2


def test_c1_the_region_rule_keeps_a_token_to_the_regions_it_holds(people: Graph) -> None:
    elsewhere = official(region_code="440000000000", role="handler")
    report = load(people, "officials", [official(), elsewhere], scope=Scope("440103001000"))
    assert report.accepted == 1
    (reject,) = report.rejected
    assert (reject.index, reject.errors[0].field) == (1, "region_code")
    assert "outside the caller's region" in reject.errors[0].message


def test_c1_hhgraph_load_officials_loads_a_file(
    people: Graph, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    path = write_jsonl(tmp_path / "officials.jsonl", [official(), official(role="x")])
    done = hhgraph(neo4j_target, "load", "officials", str(path))
    out, err = done.communicate(timeout=120)
    assert done.returncode == 2, err
    assert "officials: received 2 = applied 1 + unchanged 0 + rejected 1" in out
    assert (tmp_path / "officials.jsonl.rejects.jsonl").exists()
    assert len(serves(people)) == 1
