"""Helpers several test modules share: tests import these, never a `conftest.py`, which
holds only fixtures."""

import ast
import hashlib
import json
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
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


def _packstream_text(text: str) -> bytes:
    """A short PackStream string (under 256 bytes)."""
    data = text.encode("utf-8")
    return (bytes([0x80 + len(data)]) if len(data) < 16 else bytes([0xD0, len(data)])) + data


# The FAILURE a Neo4j with authentication answers to wrong credentials (Bolt 5.4: the driver's
# notification filters need 5.2 or later; 5.7 adds GQL statuses, which this answer lacks).
UNAUTHORIZED = b"".join(
    [
        b"\xb1\x7f\xa2",  # a FAILURE message: a struct of one map of two entries
        _packstream_text("code"),
        _packstream_text("Neo.ClientError.Security.Unauthorized"),
        _packstream_text("message"),
        _packstream_text("The client is unauthorized due to authentication failure."),
    ]
)


@contextmanager
def refusing_bolt() -> Iterator[str]:
    """The `bolt://` URI of a Bolt endpoint that refuses every client's credentials as Neo4j
    does (`Neo.ClientError.Security.Unauthorized`). The session's local server runs without
    authentication and accepts any password, so a wrong password is tested against this one
    (and against the session's server where it has a password)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def refuse(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(10)
            handshake = conn.recv(20)  # the magic and four proposals: [_, range, minor, major]
            proposals = [handshake[i : i + 4] for i in range(4, 20, 4)]
            highest, lowest = next((p[2], p[2] - p[1]) for p in proposals if p[3] == 5)
            conn.sendall(bytes([0, 0, max(lowest, min(highest, 4)), 5]))
            conn.recv(65536)  # HELLO (and LOGON, with the credentials)
            conn.sendall(struct.pack(">H", len(UNAUTHORIZED)) + UNAUTHORIZED + b"\x00\x00")
            with suppress(OSError):
                while conn.recv(65536):  # until the client hangs up
                    pass

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=refuse, args=(conn,), daemon=True).start()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    try:
        yield f"bolt://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        server.join()
        listener.close()
