"""Helpers several test modules share: tests import these, never a `conftest.py`, which
holds only fixtures."""

import ast
import hashlib
import json
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.db import Graph

TEST_SECRET = "test-secret-0123456789abcdefghijklmnopqrstuvwxyz"
TEST_AUDIT_KEY = "test-audit-key-zyxwvutsrqponmlkjihgfedcba9876543210"

# Another township of the family's county, holding nothing: tests read as its officers to show
# that they see nothing of the family. A token's region must exist (issue 14 item 15).
ANOTHER_TOWNSHIP = {"code": "440103002000", "name": "另一街道"}


@dataclass(frozen=True)
class Neo4jTarget:
    """Where the session's server answers, and how it was obtained."""

    uri: str
    auth: tuple[str, str] | None
    origin: str  # "env", "testcontainers" or "local"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def bearer(
    role: str,
    region: str = "440000000000",
    sub: str = "tester",
    person_id: str | None = None,
    department: str | None = None,
) -> dict[str, str]:
    """Authorization headers for a caller with `role` over `region` (and the officer's
    resident id, for C5); a `department` caller is of `housing` unless `department` says."""
    from api.security import mint_token

    if role == "department":
        department = department or "housing"
    token = mint_token(TEST_SECRET, role, region, sub, person_id=person_id, department=department)  # type: ignore[arg-type]
    return {"Authorization": f"Bearer {token}"}


CHECKSUM_NODES = """
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
"""
CHECKSUM_RELS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, properties(r) AS props, elementId(a) AS a, elementId(b) AS b,
       properties(a) AS pa, properties(b) AS pb
"""

# Persons with two memberships whose ranges share a day (E1: one household at a time).
OVERLAPPING = """
MATCH (p:Person)-[a:MEMBER_OF]->(), (p)-[b:MEMBER_OF]->()
WHERE elementId(a) < elementId(b)
  AND a.from <= coalesce(b.to, date('2999-12-31')) AND b.from <= coalesce(a.to, date('2999-12-31'))
RETURN count(DISTINCT p) AS persons
"""


def _plain(props: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) for k, v in props.items() if k not in ("updated_at", "updated_by")}


def graph_checksum(graph: Graph) -> tuple[int, int, str]:
    """(nodes, relationships, a hash of every label, type and property but `updated_at` and
    `updated_by`)."""
    nodes = sorted(
        json.dumps([r["labels"], _plain(r["props"])], sort_keys=True, ensure_ascii=False)
        for r in graph.driver.execute_query(CHECKSUM_NODES, database_="neo4j").records
    )
    rels = sorted(
        json.dumps(
            [r["type"], _plain(r["props"]), _plain(r["pa"]), _plain(r["pb"])],
            sort_keys=True,
            ensure_ascii=False,
        )
        for r in graph.driver.execute_query(CHECKSUM_RELS, database_="neo4j").records
    )
    digest = hashlib.sha256("\n".join([*nodes, "--", *rels]).encode()).hexdigest()
    return len(nodes), len(rels), digest


def imported_packages(path: Path) -> set[str]:
    """Every top-level package the module at `path` imports, at its top or inside a function
    (absolute imports only: the project uses no other). The layer and packaging tests read it."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names
