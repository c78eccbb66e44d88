"""`hhgraph account create|disable|reset` (CONTRACT §5, issue 16): the first province account
from the command line, with a one-time password printed once and an audit entry."""

import json
from pathlib import Path

from accounts import find, passwords
from graph.db import Graph
from tests.helpers import TEST_AUDIT_KEY, TEST_SECRET, Neo4jTarget
from tests.hhgraph.test_cli import hhgraph


def test_account_create_prints_a_one_time_password_and_audits(
    graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    env = {
        "NEO4J_URI": neo4j_target.uri,
        "HHGRAPH_SECRET": TEST_SECRET,
        "HHGRAPH_AUDIT_KEY": TEST_AUDIT_KEY,
        "HHGRAPH_AUDIT_DIR": str(tmp_path / "audit"),
        "HHGRAPH_DEV_MODE": "0",
    }
    args = ("account", "create", "gd.admin", "--role", "province", "--region", "440000000000")
    done = hhgraph(*args, env=env)
    assert done.returncode == 0, done.stderr
    password = done.stdout.strip().splitlines()[-1]
    account = find(graph, "gd.admin")
    assert account is not None
    assert account.role == "province"
    assert account.limit() == "password"  # one-time: to change at the first sign-in
    assert passwords.verify(account.password_hash, password)
    again = hhgraph(*args, env=env)
    assert again.returncode == 1
    assert "exists" in again.stderr
    reset = hhgraph("account", "reset", "gd.admin", env=env)
    assert reset.returncode == 0, reset.stderr
    assert reset.stdout.strip().splitlines()[-1] != password
    assert hhgraph("account", "disable", "gd.admin", env=env).returncode == 0
    assert find(graph, "gd.admin").props["status"] == "disabled"  # type: ignore[union-attr]
    lines = [
        json.loads(line)
        for f in sorted((tmp_path / "audit").glob("*.jsonl"))
        for line in f.read_text().splitlines()
    ]
    assert [e["route"] for e in lines] == [
        "hhgraph account create",
        "hhgraph account reset",
        "hhgraph account disable",
    ]
    text = "\n".join(f.read_text() for f in (tmp_path / "audit").glob("*.jsonl"))
    assert password not in text
    assert "password_hash" not in text


def test_account_create_refuses_an_unknown_role(tmp_path: Path) -> None:
    done = hhgraph(
        "account", "create", "x.y", "--role", "batch", "--region", "440000",
        env={"HHGRAPH_SECRET": TEST_SECRET, "HHGRAPH_DATA_DIR": str(tmp_path)},
    )  # fmt: skip
    assert done.returncode == 1
    assert "--role" in done.stderr
