"""Connection resolution and the Graph handle."""

import ast
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from core.errors import NotOne, ServerNotRunning
from core.settings import Settings
from cypher import Query, query
from graph.db import Graph, resolve_uri

ROOT = Path(__file__).resolve().parents[2]


def test_neo4j_uri_wins_over_the_local_server(tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None,
        NEO4J_URI="neo4j://db1:7687",  # type: ignore[call-arg]
        data_dir=tmp_path,
    )
    assert resolve_uri(settings) == "neo4j://db1:7687"


def test_without_uri_or_local_server_the_error_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    with pytest.raises(ServerNotRunning, match="hhgraph db start"):
        resolve_uri(settings)


def test_named_reads_and_writes_round_trip(graph: Graph) -> None:
    graph.driver.execute_query(
        "CREATE (:Region {code: '440000000000', name: $n})",
        {"n": "广东省"},
        database_=graph.database,
    )
    rows = graph.read(query("health/server_components"))
    assert rows
    assert rows[0]["edition"] == "community"
    count = graph.execute_read(
        lambda tx: tx.run("MATCH (r:Region) RETURN r.name AS name").single(strict=True)["name"]
    )
    assert count == "广东省"


def _imported_packages(package: str) -> dict[str, set[str]]:
    """The top-level packages each module of `package` imports, by file."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize(("package", "other"), [("graph", "cypher"), ("cypher", "graph")])
def test_graph_and_cypher_stand_side_by_side(package: str, other: str) -> None:
    """Issue 15 item 2: graph/ runs the query objects it is handed and never looks a name up
    in cypher/; cypher/ loads text and knows no driver."""
    imports = _imported_packages(package)
    assert imports, f"no modules found in {package}/"
    assert [path for path, names in imports.items() if other in names] == []


def test_a_query_runs_under_its_own_name_in_the_transaction_metadata(graph: Graph) -> None:
    """The handle names the query it was given: `SHOW TRANSACTIONS` and the server's log show
    a slow query by that name."""
    probe = Query(
        "probe/metadata",
        "SHOW TRANSACTIONS YIELD metaData, currentQuery "
        "WHERE currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN metaData AS metadata",
        "a test query",
    )
    (row,) = graph.read(probe)
    assert row["metadata"] == {"app": "household-graph", "query": "probe/metadata"}


def _probe(text: str) -> Query:
    return Query("probe/cardinality", text, "a test query")


TWO_ROWS = _probe("UNWIND [1, 2] AS n RETURN n")
NO_ROW = _probe("UNWIND [] AS n RETURN n")
ONE_ROW = _probe("RETURN 1 AS n, 'x' AS s")
DATES = _probe(
    "RETURN date('2026-09-30') AS day, [{from: date('2020-01-01')}] AS members, "
    "datetime('2026-12-02T01:26:25.519Z') AS at"
)


def test_one_gives_the_row_and_refuses_none_or_more(graph: Graph) -> None:
    assert graph.one(ONE_ROW) == {"n": 1, "s": "x"}
    with pytest.raises(NotOne, match="probe/cardinality gave no row"):
        graph.one(NO_ROW)
    with pytest.raises(NotOne, match="gave 2 rows"):
        graph.one(TWO_ROWS)


def test_one_or_none_gives_none_for_no_row_and_refuses_more(graph: Graph) -> None:
    assert graph.one_or_none(NO_ROW) is None
    assert graph.one_or_none(ONE_ROW, write=True) == {"n": 1, "s": "x"}
    with pytest.raises(NotOne, match="at most one"):
        graph.one_or_none(TWO_ROWS)


def test_value_gives_the_single_column_of_the_single_row(graph: Graph) -> None:
    assert graph.value(_probe("RETURN [1, 2] AS ns")) == [1, 2]
    assert graph.value(_probe("RETURN 1 AS n"), write=True) == 1
    with pytest.raises(NotOne, match=r"columns \['n', 's'\]"):
        graph.value(ONE_ROW)
    with pytest.raises(NotOne):
        graph.value(NO_ROW)


def test_rows_come_back_with_python_dates(graph: Graph) -> None:
    for row in (graph.one(DATES), graph.read(DATES)[0], graph.write(DATES)[0]):
        assert row == {
            "day": date(2026, 9, 30),
            "members": [{"from": date(2020, 1, 1)}],
            "at": datetime(2026, 12, 2, 1, 26, 25, 519_000, tzinfo=UTC),
        }
        assert type(row["day"]) is date


def test_a_converted_datetime_passed_back_compares_as_the_drivers_own(graph: Graph) -> None:
    """Incremental rescoring passes the last run's start back as `since`, compared with `>`
    (W7). Converted, it is the same value to Neo4j as the driver's own DateTime that was
    passed back before, so every comparison comes out the same (issue 15 item 3: no behaviour
    change; both reach Neo4j as `[UTC]` while `datetime()` stored `Z`)."""
    graph.driver.execute_query("CREATE (:Probe {at: datetime()})", database_=graph.database)
    at = graph.value(_probe("MATCH (p:Probe) RETURN p.at AS at"))
    raw = graph.driver.execute_query(
        "MATCH (p:Probe) RETURN p.at AS at", database_=graph.database
    ).records[0]["at"]
    assert isinstance(at, datetime)
    assert not isinstance(raw, datetime)
    compare = _probe(
        "MATCH (p:Probe) RETURN $at = $raw AS same, [p.at > $at, p.at < $at] AS converted, "
        "[p.at > $raw, p.at < $raw] AS driver, duration.between(p.at, $at) AS apart"
    )
    row = graph.one(compare, {"at": at, "raw": raw})
    assert row["same"] is True
    assert row["converted"] == row["driver"]
    assert row["apart"].seconds == row["apart"].nanoseconds == 0
