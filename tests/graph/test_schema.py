"""Schema migrations against the real server."""

from typing import Any

import pytest
from neo4j.exceptions import ConstraintError

from cypher import migrations, query
from graph.db import Graph
from graph.schema import current_schema as schema_of
from graph.schema import migrate

SHOW_INDEXES = query("schema/show_indexes")


def current_schema(graph: Graph) -> list[dict[str, Any]]:
    return schema_of(graph, SHOW_INDEXES)


def drop_schema(graph: Graph) -> None:
    for row in current_schema(graph):
        kind = "CONSTRAINT" if row["constraint"] else "INDEX"
        name = row["constraint"] or row["name"]
        graph.driver.execute_query(f"DROP {kind} {name} IF EXISTS", database_=graph.database)


def declared_names() -> set[str]:
    found = set()
    for migration in migrations():
        for statement in migration.statements():
            words = statement.split()
            keyword = "CONSTRAINT" if "CONSTRAINT" in words else "INDEX"
            found.add(words[words.index(keyword) + 1])  # CREATE ... CONSTRAINT|INDEX <name>
    return found


def test_migrate_twice_gives_the_same_schema(graph: Graph) -> None:
    drop_schema(graph)
    assert current_schema(graph) == []
    migrate(graph, migrations())
    first = current_schema(graph)
    migrate(graph, migrations())
    assert current_schema(graph) == first
    assert {row["name"] for row in first} >= {"person_id", "household_id", "region_code"}


def test_every_declared_constraint_and_index_exists(graph: Graph) -> None:
    existing = {row["constraint"] or row["name"] for row in current_schema(graph)}
    assert declared_names() <= existing


def test_person_id_is_unique(graph: Graph) -> None:
    create = "CREATE (:Person {person_id: '440103199001011234'})"
    graph.driver.execute_query(create, database_=graph.database)
    with pytest.raises(ConstraintError):
        graph.driver.execute_query(create, database_=graph.database)


def test_event_key_is_unique_per_source(graph: Graph) -> None:
    create = "CREATE (:Event {source: $source, event_id: 'E1'})"
    graph.driver.execute_query(create, {"source": "health"}, database_=graph.database)
    graph.driver.execute_query(create, {"source": "education"}, database_=graph.database)
    with pytest.raises(ConstraintError):
        graph.driver.execute_query(create, {"source": "health"}, database_=graph.database)


def test_migrations_are_applied_in_name_order_whatever_order_they_come_in(graph: Graph) -> None:
    applied = migrate(graph, list(reversed(migrations())))
    assert applied == sorted(applied)
    assert applied == [m.name for m in migrations()]
    assert applied[0] == "migrations/001_natural_keys"
