"""The `hhgraph` command: generate, demo, token, serve, and every graph command when Neo4j
cannot be reached (db and load have their own tests)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from api.audit_chain import AuditLog, day_files
from api.security import decode_token
from graph.db import Graph
from tests.helpers import TEST_AUDIT_KEY, TEST_SECRET, Neo4jTarget, refusing_bolt


def hhgraph(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hhgraph", *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=os.environ | (env or {}),
    )


def test_generate_writes_every_feed_the_same_way_twice(tmp_path: Path) -> None:
    for name in ("a", "b"):
        done = hhgraph(
            "generate", "--households", "30", "--seed", "7", "--out", str(tmp_path / name)
        )
        assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == sorted(
        f"{feed}.jsonl"
        for feed in (
            "regions",
            "standards",
            "households",
            "persons",
            "memberships",
            "kinship",
            "enrollments",
            "events",
            "calendar",
            "officials",
        )
    )
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_demo_loads_only_into_an_empty_database(
    graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    env = {"NEO4J_URI": neo4j_target.uri, "HHGRAPH_DATA_DIR": str(tmp_path)}
    first = hhgraph("demo", "--households", "40", env=env)
    assert first.returncode == 0, first.stderr
    assert "households: received 40 = applied 40 + unchanged 0 + rejected 0" in first.stdout
    lines = [line for line in first.stdout.splitlines() if "received" in line]
    assert len(lines) == 10  # one per feed
    assert all(line.endswith("+ rejected 0") for line in lines), lines
    second = hhgraph("demo", "--households", "40", env=env)
    assert "already holds households" in second.stdout
    rows = graph.driver.execute_query(
        "MATCH (h:Household) RETURN count(h) AS n", database_="neo4j"
    ).records
    assert rows[0]["n"] == 40


def test_token_is_signed_with_the_secret_and_says_who(tmp_path: Path) -> None:
    done = hhgraph(
        "token",
        "--role",
        "county",
        "--region",
        "440103",
        "--sub",
        "wang",
        env={"HHGRAPH_SECRET": TEST_SECRET, "HHGRAPH_DATA_DIR": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    officer = decode_token(done.stdout.strip(), TEST_SECRET)
    assert (officer.role, officer.region, officer.sub) == ("county", "440103000000", "wang")


def test_token_refuses_a_missing_secret_and_a_bad_role(tmp_path: Path) -> None:
    env = {"HHGRAPH_SECRET": "", "HHGRAPH_DATA_DIR": str(tmp_path)}
    missing = hhgraph("token", "--role", "county", "--region", "440103", "--sub", "w", env=env)
    assert missing.returncode == 1
    assert "HHGRAPH_SECRET" in missing.stderr
    bad = hhgraph(
        "token",
        "--role",
        "mayor",
        "--region",
        "440103",
        "--sub",
        "w",
        env={"HHGRAPH_SECRET": TEST_SECRET},
    )
    assert bad.returncode == 1
    assert "role" in bad.stderr


def test_issue14_item15_token_refuses_a_lifetime_the_api_would_refuse(tmp_path: Path) -> None:
    env = {"HHGRAPH_SECRET": TEST_SECRET, "HHGRAPH_DATA_DIR": str(tmp_path)}
    args = ("token", "--role", "batch", "--region", "440000", "--sub", "nightly")
    too_long = hhgraph(*args, "--ttl-minutes", "1500", env=env)
    assert too_long.returncode == 1
    assert "HHGRAPH_TOKEN_MAX_MINUTES" in too_long.stderr
    allowed = hhgraph(
        *args, "--ttl-minutes", "1500", env=env | {"HHGRAPH_TOKEN_MAX_MINUTES": "1500"}
    )
    assert allowed.returncode == 0, allowed.stderr
    assert (
        decode_token(allowed.stdout.strip(), TEST_SECRET, max_lifetime_s=1500 * 60).sub == "nightly"
    )


def test_serve_with_two_workers_answers_and_audits_every_request(
    graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    import time

    import httpx

    from tests.helpers import bearer, free_port

    port, audit = free_port(), tmp_path / "audit"
    env = os.environ | {
        "NEO4J_URI": neo4j_target.uri,
        "HHGRAPH_SECRET": TEST_SECRET,
        "HHGRAPH_AUDIT_KEY": TEST_AUDIT_KEY,
        "HHGRAPH_AUDIT_DIR": str(audit),
    }
    env.pop("HHGRAPH_DEV_MODE", None)
    command = [sys.executable, "-m", "hhgraph", "serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        with httpx.Client(base_url=base, headers=bearer("province")) as client:
            statuses = [client.get("/v1/households/H404/score").status_code for _ in range(20)]
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert statuses == [404] * 20, output
    assert output.count("Started server process") == 2  # two worker processes
    entries = [line for f in day_files(audit) for line in f.read_text().splitlines()]
    assert len(entries) == 20
    # Two processes appended to one chain: it holds (issue 14 item 8).
    verdict = AuditLog(audit, TEST_AUDIT_KEY).verify()
    assert (verdict.entries, verdict.problems) == (20, [])


def _nowhere_env(tmp_path: Path) -> dict[str, str]:
    """An environment whose NEO4J_URI names a port where nothing listens."""
    from tests.helpers import free_port

    return {
        "NEO4J_URI": f"bolt://127.0.0.1:{free_port()}",
        "HHGRAPH_DATA_DIR": str(tmp_path),
        "HHGRAPH_SECRET": TEST_SECRET,
        "HHGRAPH_AUDIT_KEY": TEST_AUDIT_KEY,
        "HHGRAPH_AUDIT_DIR": str(tmp_path / "audit"),
        "HHGRAPH_DEV_MODE": "0",
    }


GRAPH_COMMANDS = {
    "db migrate": ("db", "migrate"),
    "load": ("load", "regions", "{feed}"),
    "rescore": ("rescore", "--as-of", "2026-09-30"),
    "rescore --dry-run": ("rescore", "--as-of", "2026-09-30", "--dry-run"),
    "demo": ("demo", "--households", "5"),
    "screen": ("screen", "--as-of", "2026-09-30", "--region", "440103"),
    "integrity": ("integrity", "--as-of", "2026-09-30", "--region", "440103"),
    "serve": ("serve", "--port", "{port}"),
}


@pytest.mark.parametrize("name", GRAPH_COMMANDS)
def test_issue15_item6_a_command_that_cannot_reach_neo4j_prints_one_line(
    name: str, tmp_path: Path
) -> None:
    from tests.helpers import free_port

    feed = tmp_path / "regions.jsonl"
    feed.write_text('{"code": "440000000000", "name": "广东省"}\n', encoding="utf-8")
    args = [a.format(feed=feed, port=free_port()) for a in GRAPH_COMMANDS[name]]
    env = _nowhere_env(tmp_path)
    done = hhgraph(*args, env=env)
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"error: Neo4j cannot be reached at {env['NEO4J_URI']} ")
    assert "hhgraph db start" in lines[0]
    assert "NEO4J_URI" in lines[0]


def test_issue15_item6_without_uri_or_local_server_the_line_says_what_to_do(
    tmp_path: Path,
) -> None:
    done = hhgraph("db", "migrate", env=_nowhere_env(tmp_path) | {"NEO4J_URI": ""})
    assert done.returncode == 3
    assert done.stderr.splitlines() == [
        f"error: Neo4j cannot be reached: NEO4J_URI is not set and no local server runs in "
        f"{tmp_path}; run `hhgraph db start` or set NEO4J_URI"
    ]


def test_issue15_item9_rescore_refuses_an_unknown_mode_with_a_usage_error(
    tmp_path: Path,
) -> None:
    env = _nowhere_env(tmp_path)  # never reached: the option is refused first
    env["COLUMNS"] = "200"  # typer's error box on one line
    done = hhgraph("rescore", "--as-of", "2026-09-30", "--mode", "fast", env=env)
    assert done.returncode == 2, done.stderr
    assert "Invalid value for '--mode'" in done.stderr
    assert "'fast' is not one of 'full', 'incremental'" in done.stderr
    assert "cannot be reached" not in done.stderr


@pytest.mark.parametrize("name", ["db migrate", "rescore", "serve"])
def test_issue15_item4_a_wrong_neo4j_password_is_one_line_and_exit_1(
    name: str, tmp_path: Path
) -> None:
    from tests.helpers import free_port

    wrong = "not-the-password-0123"
    args = [a.format(port=free_port()) for a in GRAPH_COMMANDS[name]]
    with refusing_bolt() as uri:
        env = _nowhere_env(tmp_path) | {"NEO4J_URI": uri, "NEO4J_PASSWORD": wrong}
        done = hhgraph(*args, env=env)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stderr.splitlines() == [
        f"error: Neo4j at {uri} refused the credentials of NEO4J_USER 'neo4j' (The client is "
        "unauthorized due to authentication failure.); check NEO4J_USER and NEO4J_PASSWORD"
    ]
    assert wrong not in done.stderr + done.stdout


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("rescore", "--as-of", "2026-13-01"), "error: month must be in 1..12"),
        (("screen", "--as-of", "30.9.2026", "--region", "440103"), "Invalid isoformat string"),
        (("screen", "--as-of", "2026-09-30", "--region", "4401"), "region code must be 6 or 12"),
        (("screen", "--as-of", "2026-09-30", "--region", "000100"), "province part is 00 (I2)"),
        (("audit", "--since", "yesterday"), "--since: Invalid isoformat string: 'yesterday'"),
    ],
)
def test_issue15_item4_bad_input_is_one_line_of_the_error_tree_and_exit_1(
    args: tuple[str, ...], line: str, tmp_path: Path
) -> None:
    """Dates and region codes are read by core (`parse_day`, `core.ids`), which raise the
    tree's InvalidInput: the CLI translates nothing, and Neo4j is never asked."""
    done = hhgraph(*args, env=_nowhere_env(tmp_path))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("error: ")
    assert line in done.stderr
    assert "cannot be reached" not in done.stderr
