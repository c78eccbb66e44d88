"""Connection resolution and the Graph handle."""

from pathlib import Path

import pytest

from core.errors import ServerNotRunning
from core.settings import Settings
from graph.db import Graph, resolve_uri


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
    rows = graph.read("health/server_components")
    assert rows
    assert rows[0]["edition"] == "community"
    count = graph.execute_read(
        lambda tx: tx.run("MATCH (r:Region) RETURN r.name AS name").single(strict=True)["name"]
    )
    assert count == "广东省"
