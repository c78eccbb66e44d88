"""`hhgraph import --initial` (issue 20) against the transactional loader, on real Neo4j.

One generated set, with bad records added (I1, I2, E1, T4's birth order, RULES §4's
departments, a missing household, a line that is no JSON), goes both ways: through
`hhgraph load`'s path into the session's server, and through the bulk importer into a local
server of its own (its own home, its own port: the session's database is not touched). The
two graphs must hold the same nodes and relationships with the same properties (the figures'
group cells, StatDay and StatMonth, included: the loader keeps them batch by batch, the import
counts them in memory), and both ways must reject the same records with the same messages.
A database that holds data is refused, running (over Bolt) and stopped (by the importer's
launcher).
"""

import gc
import json
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase
from neo4j.time import DateTime

from core.errors import DatabaseNotEmpty
from core.settings import Settings
from graph import server
from graph.db import Graph
from loaders.collector import BULK_THRESHOLDS
from loaders.files import load_file, rejects_path
from loaders.importcsv import cell
from loaders.initial import import_initial, validate_batch, write_csv
from loaders.read import RawRecord
from loaders.records import FEEDS
from stats.groups import rebuild_groups
from synthetic import generate
from tests.helpers import free_port
from tests.reference.export import node_key
from tests.stats.world import group_recount, group_rollup

ACTOR = "cli:test"
CELLS = ("StatDay", "StatMonth")
GROUP_CELLS = (
    "MATCH (c) WHERE (c:StatDay OR c:StatMonth) AND (c.key STARTS WITH 'households:' OR "
    "c.key STARTS WITH 'persons:') RETURN labels(c) AS l, properties(c) AS p"
)


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _append(path: Path, *records: dict[str, Any] | str) -> None:
    with open(path, "a", encoding="utf-8") as out:
        for record in records:
            text = record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)
            out.write(text + "\n")


def _with_bad_records(folder: Path) -> None:
    """One record of each kind of reject, appended to the generated files."""
    persons = _lines(folder / "persons.jsonl")
    memberships = _lines(folder / "memberships.jsonl")
    parent = next(k for k in _lines(folder / "kinship.jsonl") if k["kind"] == "parent")
    person = persons[0]
    wrong_birth = dict(person, birth_date="1901-01-01")  # I1: the id says otherwise
    _append(folder / "persons.jsonl", wrong_birth, "{not json", dict(person, extra=1))
    open_member = next(m for m in memberships if m["to"] is None)
    other = next(
        m["household_id"] for m in memberships if m["household_id"] != open_member["household_id"]
    )
    _append(
        folder / "memberships.jsonl",
        dict(open_member, household_id="H-MISSING"),  # CONTRACT §2: names no household
        dict(open_member, household_id=other, relation="other"),  # E1: overlaps the open one
        dict(open_member, to="1900-01-01"),  # to before from
    )
    reversed_edge = dict(parent, a=parent["b"], b=parent["a"])  # T4: the child as the parent
    _append(folder / "kinship.jsonl", reversed_edge)
    _append(folder / "regions.jsonl", {"code": "449901001000", "name": "无上级"})  # I2: no county
    event = _lines(folder / "events.jsonl")[0]
    _append(
        folder / "events.jsonl",
        dict(event, event_id="BAD-1", source="education"),  # RULES §4: not its department
        dict(event, event_id="BAD-2", person_id="440106199012154937"),  # I1: check digit
    )


@pytest.fixture(scope="module")
def data_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("initial-set")
    generate(60, folder, seed=7)
    _with_bad_records(folder)
    return folder


@pytest.fixture(scope="module")
def imported(
    data_set: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, Path, str]]:
    """The set imported into a local server of its own: (the input copy, its home, its URI)."""
    copy = tmp_path_factory.mktemp("initial-import") / "set"
    shutil.copytree(data_set, copy)
    home = tmp_path_factory.mktemp("initial-home")
    settings = Settings(_env_file=None, heap_mb=512, pagecache_mb=128)  # type: ignore[call-arg]
    try:
        report = import_initial(copy, settings, home, ACTOR, workers=2, bolt_port=free_port())
        assert report.uri is not None
        yield copy, home, report.uri
    finally:
        server.stop(home)


def _dump(driver: Driver) -> tuple[Counter[Any], Counter[Any]]:
    """Every node (labels, properties) and relationship (type, endpoints by key,
    properties); `updated_at` as whether it is a datetime, since the two loads differ in time."""

    def props(values: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
        stamped = dict(values)
        if "updated_at" in stamped:
            stamped["updated_at"] = isinstance(stamped["updated_at"], DateTime)
        return tuple(sorted((k, str(type(v).__name__), v) for k, v in stamped.items()))  # type: ignore[misc]

    def key(labels: list[str], values: dict[str, Any]) -> str:
        (label,) = labels
        return node_key(label, values)

    nodes = driver.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p").records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, labels(a) AS al, properties(a) AS ap, "
        "labels(b) AS bl, properties(b) AS bp, properties(r) AS p"
    ).records
    return (
        Counter((tuple(r["l"]), props(r["p"])) for r in nodes),
        Counter(
            (r["t"], key(r["al"], r["ap"]), key(r["bl"], r["bp"]), props(r["p"])) for r in rels
        ),
    )


def test_import_builds_the_graph_the_loader_builds(
    graph: Graph, driver: Driver, data_set: Path, imported: tuple[Path, Path, str], tmp_path: Path
) -> None:
    """CONTRACT §2, issue 20: the same nodes, relationships and properties both ways."""
    loaded = tmp_path / "set"
    shutil.copytree(data_set, loaded)
    acting = graph.acting_as(ACTOR)
    for feed in FEEDS:
        load_file(acting, feed, loaded / f"{feed}.jsonl")
    _, _, uri = imported
    with GraphDatabase.driver(uri) as bulk:
        imported_nodes, imported_rels = _dump(bulk)
    loaded_nodes, loaded_rels = _dump(driver)
    assert sum(imported_nodes.values()) > 500
    imported_cells, loaded_cells = _cells(imported_nodes), _cells(loaded_nodes)
    assert {labels for labels, _ in imported_cells} == {(label,) for label in CELLS}
    assert imported_cells == loaded_cells  # S1, S2: the group cells (M1-M5), day and month
    assert imported_nodes == loaded_nodes
    assert imported_rels == loaded_rels


def _cells(nodes: Counter[Any]) -> Counter[Any]:
    """The rollup's cells among `_dump`'s nodes."""
    return Counter({node: n for node, n in nodes.items() if node[0][0] in CELLS})


def test_s1_import_writes_the_group_cells_the_rebuild_and_the_recount_count(
    imported: tuple[Path, Path, str],
) -> None:
    """S1, S2, M1-M5: the group cells the import counted in memory are those
    `stats.groups.rebuild_groups` counts again from the imported store, and the figures they
    give every region on the days the enrolments and memberships change are those of the
    recount (`cypher/stats/groups`)."""
    _, _, uri = imported
    with GraphDatabase.driver(uri) as bulk:
        graph = Graph(bulk, "neo4j", 60.0)

        def cells() -> Counter[Any]:
            rows = bulk.execute_query(GROUP_CELLS).records
            return Counter((tuple(r["l"]), tuple(sorted(r["p"].items()))) for r in rows)

        counted = cells()
        assert {labels for labels, _ in counted} == {(label,) for label in CELLS}
        assert all(dict(props)["n"] != 0 for _, props in counted)  # a zero sum is left out
        codes = [r["c"] for r in bulk.execute_query("MATCH (r:Region) RETURN r.code AS c").records]
        rows = bulk.execute_query(
            "MATCH (e:Enrollment) RETURN e.from AS f, e.to AS t UNION ALL "
            "MATCH ()-[m:MEMBER_OF]->() RETURN m.from AS f, m.to AS t"
        ).records
        changes = {r["f"].to_native() for r in rows} | {
            r["t"].to_native() + timedelta(days=1) for r in rows if r["t"] is not None
        }
        days = sorted(changes)[:: max(1, len(changes) // 12)]
        assert group_rollup(graph, codes, days) == group_recount(graph, codes, days)
        assert rebuild_groups(graph, clear=True) > 0  # the group cells deleted, counted again
        assert cells() == counted


def test_i1_i2_e1_t4_import_rejects_what_load_rejects_with_its_messages(
    graph: Graph, data_set: Path, imported: tuple[Path, Path, str], tmp_path: Path
) -> None:
    """Every reject, both ways, in the same words: I1 (birth date, check digit), I2 (a
    region without its parent), E1 (an overlap), T4 (birth order), RULES §4 (department),
    a missing household, unknown fields, a line that is no JSON."""
    loaded = tmp_path / "set"
    shutil.copytree(data_set, loaded)
    for feed in FEEDS:
        load_file(graph, feed, loaded / f"{feed}.jsonl")
    copy, _, _ = imported
    seen = 0
    for feed in FEEDS:
        mine, theirs = rejects_path(copy / f"{feed}.jsonl"), rejects_path(loaded / f"{feed}.jsonl")
        assert mine.is_file() == theirs.is_file(), feed
        if theirs.is_file():
            assert _lines(mine) == _lines(theirs), feed
            seen += len(_lines(theirs))
    assert seen == 10
    overlap = _lines(rejects_path(copy / "memberships.jsonl"))
    assert any("one household at a time, E1" in e["message"] for r in overlap for e in r["errors"])
    missing = [e["message"] for r in overlap for e in r["errors"]]
    assert "household H-MISSING does not exist" in missing


def test_import_refuses_a_database_that_holds_data(
    imported: tuple[Path, Path, str], tmp_path: Path
) -> None:
    """Issue 20: running, the refusal comes over Bolt before any work; stopped, from the
    importer's launcher before it writes. The data stays."""
    copy, home, uri = imported
    settings = Settings(_env_file=None, heap_mb=512, pagecache_mb=128)  # type: ignore[call-arg]
    with pytest.raises(DatabaseNotEmpty, match="holds data"):
        import_initial(copy, settings, home, ACTOR, workers=1)
    port = int(uri.rsplit(":", 1)[1])
    server.stop(home)
    with pytest.raises(DatabaseNotEmpty, match="holds data"):
        import_initial(copy, settings, home, ACTOR, workers=1, bolt_port=port)
    info, _ = server.start(
        home, server.ServerOptions(bolt_port=port, heap_mb=512, pagecache_mb=128)
    )
    with GraphDatabase.driver(info.uri) as bulk:
        count = bulk.execute_query("MATCH (p:Person) RETURN count(p) AS n").records[0]["n"]
    assert count > 100


BAD_PERSONS = [
    {"person_id": "440106199012154936", "name": "甲", "sex": "F", "birth_date": "1990-12-15",
     "annual_income": 0, "major_disease": False, "legal_status": "normal"},
    {"person_id": "440106199012154936", "name": "", "sex": "M", "birth_date": "1990-12-15",
     "annual_income": -1, "major_disease": False, "legal_status": "normal", "x": 1},
    {"person_id": "440106199012154936", "name": "乙", "sex": "M", "birth_date": "1990-12-15",
     "annual_income": 10.5, "major_disease": False, "legal_status": "normal"},
]  # fmt: skip


def test_i1_batch_validation_rejects_as_record_by_record() -> None:
    """`TypeAdapter(list[...])` over a batch gives the rejects `parse` gives one by one."""
    raws = [RawRecord(i, data) for i, data in enumerate(BAD_PERSONS)] + [
        RawRecord(3, None, "line is not JSON")
    ]
    together = validate_batch("persons", raws, together=True)
    alone = validate_batch("persons", raws, together=False)
    assert together == alone
    valid, rejects = together
    assert [i for i, _ in valid] == [2]
    assert [r.index for r in rejects] == [0, 1, 3]
    assert validate_batch("persons", raws[2:3]) == validate_batch("persons", raws[2:3], False)


def test_import_cells_keep_nulls_empty_strings_and_quotes() -> None:
    """A null is an empty cell (no property), an empty string a quoted one, quotes doubled."""
    assert [cell(None), cell(""), cell('a"b'), cell(True), cell(1.5), cell(3)] == [
        "",
        '""',
        '"a""b"',
        "true",
        "1.5",
        "3",
    ]


def test_i2_import_reads_csv_and_json_arrays_and_checks_parents(tmp_path: Path) -> None:
    """CSV and JSON array files are read as `hhgraph load` reads them; a region whose parent
    comes later in the same batch is kept (parents first, I2), one whose parent is missing is
    rejected, and a household names an existing village only."""
    (tmp_path / "regions.csv").write_text(
        "code,name\n440103001001,村\n440100000000,市\n440103000000,区\n440000000000,省\n"
        "440103001000,街道\n449901001000,无上级\n",
        encoding="utf-8",
    )
    households = [
        {"household_id": "H1", "region_code": "440103001001", "hukou": "urban",
         "address": '一号 "东"', "assets_ok": True, "rigid_expenditure_annual": 0},
        {"household_id": "H2", "region_code": "440103001002", "hukou": "rural",
         "address": "二号", "assets_ok": False, "rigid_expenditure_annual": 10.5},
    ]  # fmt: skip
    (tmp_path / "households.json").write_text(json.dumps(households), encoding="utf-8")
    written = write_csv(tmp_path, tmp_path / "csv", ACTOR, workers=1)
    outcomes, files = written.feeds, written.files
    assert [(o.feed, o.received, o.imported, o.rejected) for o in outcomes] == [
        ("regions", 6, 5, 1),
        ("households", 2, 1, 1),
    ]
    (reject,) = _lines(rejects_path(tmp_path / "regions.csv"))
    assert reject["errors"][0]["message"].startswith("parent region 449901000000 does not exist")
    (reject,) = _lines(rejects_path(tmp_path / "households.json"))
    assert reject["errors"] == [
        {"field": "region_code", "message": "region 440103001002 does not exist"}
    ]
    household = (tmp_path / "csv" / "household.csv").read_text(encoding="utf-8")
    assert household.startswith('"H1","440103001001","urban","一号 ""东""",true,0.0,')
    assert [g.labels for g in files.groups] == ["Region", "IN", "Household", "IN"]
    assert not files.multiline


def test_the_records_held_are_frozen_for_the_collector_only_while_the_files_are_written(
    data_set: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`write_csv` freezes what it holds after each batch (`gc.freeze`: each full collection
    walked it all again, BENCHMARKS.md) and unfreezes it when it ends, by error too."""
    folder = tmp_path / "set"
    shutil.copytree(data_set, folder)
    frozen: list[int] = []
    thresholds: set[tuple[int, int, int]] = set()
    freeze = gc.freeze
    before = gc.get_threshold()

    def counting() -> None:
        freeze()
        frozen.append(gc.get_freeze_count())
        thresholds.add(gc.get_threshold())

    monkeypatch.setattr(gc, "freeze", counting)
    write_csv(folder, tmp_path / "csv", ACTOR, workers=1, batch_size=50)
    assert len(frozen) > len(FEEDS)  # a freeze a batch, several batches a feed
    assert frozen[-1] > 0
    assert gc.get_freeze_count() == 0  # unfrozen at the end
    assert thresholds == {BULK_THRESHOLDS}  # loaders.collector: young collections rarer
    assert gc.get_threshold() == before
    (folder / "persons.jsonl").write_bytes(b"\xff\xfe not text")
    with pytest.raises(Exception):  # noqa: B017, PT011 - any failure mid-way
        write_csv(folder, tmp_path / "csv2", ACTOR, workers=1, batch_size=50)
    assert gc.get_freeze_count() == 0
