"""The local Neo4j server: start, status, a second start, stop, restarts and SIGKILL.

Each test runs its own server in its own directory, beside the session's one.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from core.errors import ServerStartError
from graph import server
from tests.helpers import free_port

SMALL = {"heap_mb": 512, "pagecache_mb": 64}


def hhgraph(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hhgraph", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def count(uri: str, label: str = "Probe") -> int:
    with GraphDatabase.driver(uri, auth=None) as driver:
        records = driver.execute_query(
            f"MATCH (n:{label}) RETURN count(n) AS n", database_="neo4j"
        ).records
        return int(records[0]["n"])


def write_probes(uri: str, n: int) -> None:
    with GraphDatabase.driver(uri, auth=None) as driver:
        driver.execute_query(
            "UNWIND range(1, $n) AS i CREATE (:Probe {i: i})", {"n": n}, database_="neo4j"
        )


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "neo4j"
    server.stop(tmp_path / "neo4j", timeout_s=30)


def test_cli_start_status_second_start_stop(data_dir: Path) -> None:
    port = str(free_port())
    started = hhgraph("db", "start", "--data-dir", str(data_dir), "--bolt-port", port)
    assert started.returncode == 0, started.stderr
    uri = started.stdout.strip().splitlines()[-1]
    assert uri == f"bolt://127.0.0.1:{port}"
    assert server.bolt_answers(uri)
    first = server.status(data_dir)
    assert first is not None

    status = hhgraph("db", "status", "--data-dir", str(data_dir))
    assert status.returncode == 0
    assert f"running pid {first.pid}, {uri} (answers)" in status.stdout
    assert str(data_dir) in status.stdout

    again = hhgraph("db", "start", "--data-dir", str(data_dir), "--bolt-port", port)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == uri
    assert "already running" in again.stderr
    second = server.status(data_dir)
    assert second is not None
    assert second.pid == first.pid

    stopped = hhgraph("db", "stop", "--data-dir", str(data_dir))
    assert f"stopped pid {first.pid}" in stopped.stdout
    assert not server.bolt_answers(uri)
    after = hhgraph("db", "status", "--data-dir", str(data_dir))
    assert after.returncode == 3
    assert "not running" in after.stdout


def test_data_survives_stop_and_start(data_dir: Path) -> None:
    options = server.ServerOptions(bolt_port=free_port(), **SMALL)
    info, _ = server.start(data_dir, options)
    write_probes(info.uri, 3)
    assert server.stop(data_dir) is not None
    info, started = server.start(data_dir, options)
    assert started
    assert count(info.uri) == 3


def test_committed_write_survives_sigkill(data_dir: Path) -> None:
    options = server.ServerOptions(bolt_port=free_port(), **SMALL)
    info, _ = server.start(data_dir, options)
    write_probes(info.uri, 250)
    os.kill(info.pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while server.status(data_dir) is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert server.status(data_dir) is None, "the killed server still looks alive"

    restarted, started = server.start(data_dir, options)
    assert started
    assert restarted.pid != info.pid
    assert count(restarted.uri) == 250


def test_taken_port_is_refused_with_the_reason_and_the_log(data_dir: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        with pytest.raises(ServerStartError, match=f"port {port} .* already in use") as caught:
            server.start(data_dir, server.ServerOptions(bolt_port=port, **SMALL))
    assert str(data_dir / "server.log") in str(caught.value)


def test_second_process_on_one_store_fails_and_points_at_the_log(data_dir: Path) -> None:
    server.start(data_dir, server.ServerOptions(bolt_port=free_port(), **SMALL))
    # Hide the running server from the launcher, as a lost state file would.
    state = data_dir / server.STATE_FILE
    saved = state.read_text()
    state.unlink()
    try:
        options = server.ServerOptions(bolt_port=free_port(), start_timeout_s=120, **SMALL)
        with pytest.raises(ServerStartError, match="exited") as caught:
            server.start(data_dir, options)
        message = str(caught.value)
        assert str(data_dir / "server.log") in message
        assert "debug.log" in message
    finally:
        state.write_text(saved)
