"""One Neo4j 5.26 server for the whole session, and an empty graph for every test.

Fixtures only: what tests import (tokens, ports, the test secrets) is in `tests/helpers.py`.

Which server: `NEO4J_URI` if set (that database is emptied: never point it at real data);
else testcontainers with `neo4j:5.26-community` when a Docker engine answers; else the
project's own local server (graph.server) on a free port in a temporary directory.
"""

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase

from core.settings import Settings
from cypher import migrations
from graph import server
from graph.db import DRIVER_CONFIG, Graph
from graph.schema import migrate
from tests.helpers import TEST_AUDIT_KEY, TEST_SECRET, Neo4jTarget, free_port

NEO4J_IMAGE = "neo4j:5.26-community"
# The webhook tests' receivers listen on this machine, which webhooks.destination refuses by
# default (SSRF): the suite allows loopback, as a deployment would allow its internal network.
os.environ.setdefault("HHGRAPH_WEBHOOK_ALLOW_NETWORKS", "127.0.0.0/8,::1/128")


def _docker_answers() -> bool:
    """Whether a Docker engine answers `GET /_ping` (testcontainers has no public check)."""
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    if not host.startswith("unix://"):
        return True  # a remote engine: let testcontainers try it and say what went wrong
    path = host.removeprefix("unix://")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(3)
        try:
            sock.connect(path)
            sock.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
            reply = sock.recv(64)
        except OSError:
            return False
    return reply.startswith(b"HTTP/1.") and b" 200 " in reply


@pytest.fixture(scope="session")
def neo4j_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jTarget]:
    if uri := os.environ.get("NEO4J_URI"):
        password = os.environ.get("NEO4J_PASSWORD")
        auth = (os.environ.get("NEO4J_USER", "neo4j"), password) if password else None
        yield Neo4jTarget(uri, auth, "env")
    elif _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer(NEO4J_IMAGE) as container:
            yield Neo4jTarget(
                container.get_connection_url(),
                (container.username, container.password),
                "testcontainers",
            )
    else:
        data_dir = tmp_path_factory.mktemp("neo4j-session")
        options = server.ServerOptions(bolt_port=free_port(), heap_mb=1024, pagecache_mb=256)
        info, _ = server.start(data_dir, options)
        try:
            yield Neo4jTarget(info.uri, None, "local")
        finally:
            server.stop(data_dir)


@pytest.fixture(scope="session")
def driver(neo4j_target: Neo4jTarget) -> Iterator[Driver]:
    with GraphDatabase.driver(neo4j_target.uri, auth=neo4j_target.auth, **DRIVER_CONFIG) as drv:
        migrate(Graph(drv), migrations())
        yield drv


@pytest.fixture
def graph(driver: Driver) -> Graph:
    """The session's database, emptied of data (the schema stays)."""
    driver.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
    return Graph(driver, "neo4j", 30.0)


@pytest.fixture
def settings(neo4j_target: Neo4jTarget, tmp_path: Path) -> Settings:
    """Settings that point at the session's server, with the audit log in `tmp_path`."""
    values: dict[str, object] = {
        "NEO4J_URI": neo4j_target.uri,
        "secret": TEST_SECRET,
        "audit_key": TEST_AUDIT_KEY,
        "audit_dir": tmp_path / "audit",
    }
    if neo4j_target.auth is not None:
        values["NEO4J_USER"], values["NEO4J_PASSWORD"] = neo4j_target.auth
    return Settings(_env_file=None, **values)  # type: ignore[arg-type,call-arg]


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashes() -> Iterator[None]:
    """Account passwords hashed with argon2's cheapest profile in the suite (issue 16): one
    hash of the recommended profile (64 MiB, 3 passes, 4 lanes) takes a second or more of
    this machine's two shared cores. `tests/accounts/test_passwords.py` checks the
    recommended profile, which the product always uses; `bench/login_timing.py` times it."""
    from argon2 import profiles

    from accounts import passwords

    with passwords.parameters(profiles.CHEAPEST):
        yield
