"""Connection resolution and the Graph handle."""

import ast
from pathlib import Path

import pytest

from core.errors import ServerNotRunning
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
