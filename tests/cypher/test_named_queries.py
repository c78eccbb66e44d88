"""The named-query files: headers, lookup, statement splitting, and that Neo4j accepts them."""

import importlib
from pathlib import Path

import pytest
from neo4j.exceptions import CypherSyntaxError

from core.errors import UnknownQuery
from cypher import Query, migrations, names, query
from graph.db import Graph


def test_every_query_has_a_header_comment() -> None:
    assert names(), "no .cypher files found"
    for name in names():
        assert query(name).doc, f"{name}.cypher has no // header comment"


@pytest.mark.parametrize("name", ["no/such/query", "../pyproject", "/etc/passwd"])
def test_unknown_or_escaping_names_are_refused(name: str) -> None:
    with pytest.raises(UnknownQuery):
        query(name)


def test_statements_split_at_line_end_semicolons_only() -> None:
    q = Query("t", "// doc\nCREATE (:A {s: 'a;b'});\n\nCREATE (:B)\n;\n", "doc")
    assert q.statements() == ["CREATE (:A {s: 'a;b'})", "CREATE (:B)"]


@pytest.mark.parametrize("name", [n for n in names() if not n.startswith("migrations/")])
def test_neo4j_plans_every_query(graph: Graph, name: str) -> None:
    """With its fragments expanded: the text that runs (issue 15 item 4)."""
    try:
        graph.driver.execute_query("EXPLAIN " + query(name).text, database_=graph.database)
    except CypherSyntaxError as exc:  # pragma: no cover - the failure message is the point
        pytest.fail(f"{name}.cypher does not parse: {exc.message}")


def test_a_module_naming_a_missing_query_fails_when_it_is_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15 item 2: callers load their queries as module constants, so a missing file
    stops the import (the API or CLI does not start), not a request later on."""
    (tmp_path / "uses_missing_query.py").write_text(
        'from cypher import query\n\nMISSING = query("scoring/no_such_query")\n', encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(UnknownQuery, match="scoring/no_such_query"):
        importlib.import_module("uses_missing_query")


def test_migrations_are_the_migration_files_in_name_order() -> None:
    found = [m.name for m in migrations()]
    assert found == names("migrations") == sorted(found)
    assert all(m.statements() for m in migrations())
