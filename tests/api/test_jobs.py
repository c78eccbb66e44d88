"""Rescoring jobs over HTTP: one run at a time across the API and the CLI, interrupted runs,
and a job's region (CONTRACT §3; RULES W6, W7; issue 14 items 3, 10 and 12)."""

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from graph.db import Graph
from tests.helpers import TEST_AUDIT_KEY, TEST_SECRET, Neo4jTarget, bearer, free_port
from tests.scoring.test_rescore import _hhgraph, setup
from tests.scoring.test_runs import load_generated, open_warnings_per_household, race

PROVINCE = "440000000000"
ROUNDS = 10
WAIT_S = 120  # a bound on waiting for a process, never an assertion about speed


@pytest.fixture
def client(client: TestClient, graph: Graph) -> TestClient:
    setup(graph)
    return client


def post(client: TestClient, as_of: str, role: str = "batch", region: str = PROVINCE) -> Any:
    return client.post(
        "/v1/rescore", json={"as_of": as_of, "mode": "full"}, headers=bearer(role, region)
    )


def job(client: TestClient, job_id: str, role: str = "batch", region: str = PROVINCE) -> Any:
    return client.get(f"/v1/jobs/{job_id}", headers=bearer(role, region))


def stored_status(graph: Graph, run_id: str) -> str:
    rows = graph.driver.execute_query(
        "MATCH (r:RescoreRun {run_id: $id}) RETURN r.status AS s", {"id": run_id}, database_="neo4j"
    ).records
    return str(rows[0]["s"])


def wait_for(what: str, check: Any) -> Any:
    deadline = time.monotonic() + WAIT_S
    while not (found := check()):
        assert time.monotonic() < deadline, f"no {what} within {WAIT_S} s"
        time.sleep(0.05)
    return found


# --- issue 14 item 3: one run at a time -----------------------------------------------------


def race_posts(client: TestClient, days: list[date]) -> list[Any]:
    """POST /v1/rescore for each day at once (real threads released together)."""
    return race(*(lambda day=day: post(client, day.isoformat()) for day in days))


def test_issue14_item3_two_rescores_posted_at_once_one_runs_the_other_is_409_with_its_id(
    client: TestClient, graph: Graph
) -> None:
    refused = 0
    for round_ in range(ROUNDS):
        days = [date(2026, 10, 1) + timedelta(days=round_), date(2026, 11, 2)]
        answers = race_posts(client, days)
        codes = sorted(a.status_code for a in answers)
        assert codes in ([202, 202], [202, 409]), [a.text for a in answers]
        accepted = {a.json()["job_id"] for a in answers if a.status_code == 202}
        for answer in answers:
            if answer.status_code == 409:
                refused += 1
                assert answer.headers["content-type"] == "application/problem+json"
                assert answer.json()["job_id"] in accepted
                assert answer.json()["job_id"] in answer.json()["detail"]
        assert set(open_warnings_per_household(graph).values()) == {1}
        assert all(job(client, j).json()["status"] == "succeeded" for j in accepted)
    assert refused > 0  # the posts did overlap


def running_run(graph: Graph) -> str | None:
    rows = graph.driver.execute_query(
        "MATCH (r:RescoreRun {status: 'running'}) MATCH (:Warning {run_id: r.run_id}) "
        "RETURN DISTINCT r.run_id AS id",
        database_="neo4j",
    ).records
    return str(rows[0]["id"]) if rows else None


def cli_run_under_way(graph: Graph, target: Neo4jTarget, folder: Path) -> tuple[Any, str]:
    """A `hhgraph rescore` process over 400 generated households, once it writes warnings:
    the process and its run id."""
    load_generated(graph, folder, 400)
    cli = _hhgraph(target, "rescore", "--as-of", "2026-11-01", "--batch-size", "5")
    return cli, wait_for("running CLI run", lambda: running_run(graph))


def test_issue14_item3_a_cli_run_and_the_api_share_the_one_run_at_a_time(
    client: TestClient, graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    cli, run_id = cli_run_under_way(graph, neo4j_target, tmp_path)
    cli.send_signal(signal.SIGSTOP)  # alive, holding the lock, not finishing meanwhile
    try:
        busy = post(client, "2026-11-02")
        assert busy.status_code == 409, busy.text
        assert busy.json()["job_id"] == run_id
        second = _hhgraph(neo4j_target, "rescore", "--as-of", "2026-11-03")
        _, err = second.communicate(timeout=WAIT_S)
        assert second.returncode == 1
        assert run_id in err
    finally:
        cli.send_signal(signal.SIGCONT)
    _, err = cli.communicate(timeout=WAIT_S)
    assert cli.returncode == 0, err
    assert post(client, "2026-11-02").status_code == 202
    assert set(open_warnings_per_household(graph).values()) == {1}


# --- issue 14 item 10: interrupted runs -----------------------------------------------------


def hold_lock(graph: Graph, run_id: str, heartbeat_age_s: int) -> None:
    """A run of another host holding the lock, its last heartbeat `heartbeat_age_s` ago."""
    graph.driver.execute_query(
        "CREATE (:RescoreRun {run_id: $id, status: 'running', as_of: date('2026-11-01'), "
        "mode: 'full', ruleset: 'gd-2021', dry_run: false, total: 10, done: 3, "
        "region: $province, owner_kind: 'cli', owner_host: 'another-host', owner_pid: 4242, "
        "owner_token: 'x', started_at: datetime() - duration({seconds: $age + 60}), "
        "heartbeat_at: datetime() - duration({seconds: $age})}) "
        "MERGE (l:RescoreLock {name: 'rescore'}) SET l.run_id = $id",
        {"id": run_id, "age": heartbeat_age_s, "province": PROVINCE},
        database_="neo4j",
    )


def test_issue14_item10_a_run_whose_heartbeat_is_older_than_the_allowance_is_interrupted(
    client: TestClient, graph: Graph
) -> None:
    hold_lock(graph, "run-quiet", 600)  # the allowance: 300 s
    assert job(client, "run-quiet").json()["status"] == "interrupted"
    accepted = post(client, "2026-11-01")  # the dead run no longer blocks a new one
    assert accepted.status_code == 202, accepted.text
    assert stored_status(graph, "run-quiet") == "interrupted"
    assert job(client, accepted.json()["job_id"]).json()["status"] == "succeeded"


def test_issue14_item10_a_run_with_a_fresh_heartbeat_is_running_and_blocks_others(
    client: TestClient, graph: Graph
) -> None:
    hold_lock(graph, "run-alive", 5)
    assert job(client, "run-alive").json()["status"] == "running"
    busy = post(client, "2026-11-01")
    assert (busy.status_code, busy.json()["job_id"]) == (409, "run-alive")


def test_issue14_item10_a_killed_cli_run_is_interrupted_and_the_next_run_starts(
    client: TestClient, graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    cli, run_id = cli_run_under_way(graph, neo4j_target, tmp_path)
    cli.send_signal(signal.SIGKILL)
    cli.communicate(timeout=WAIT_S)
    # Its heartbeat is fresh (the allowance is 300 s), but its process is gone from this host.
    assert stored_status(graph, run_id) == "running"
    assert job(client, run_id).json()["status"] == "interrupted"
    accepted = post(client, "2026-11-01")
    assert accepted.status_code == 202, accepted.text
    assert job(client, accepted.json()["job_id"]).json()["status"] == "succeeded"
    assert stored_status(graph, run_id) == "interrupted"
    assert set(open_warnings_per_household(graph).values()) == {1}


@contextmanager
def api_process(target: Neo4jTarget, tmp_path: Path) -> Iterator[tuple[Any, str]]:
    """`hhgraph serve` in its own process (the allowance an hour: only its own start can
    tell its orphans), until the block ends or the test kills it."""
    port = free_port()
    env = {
        "HHGRAPH_SECRET": TEST_SECRET,
        "HHGRAPH_AUDIT_KEY": TEST_AUDIT_KEY,
        "HHGRAPH_AUDIT_DIR": str(tmp_path / "audit"),
        "HHGRAPH_RESCORE_ALLOWANCE_S": "3600",
        "HHGRAPH_DEV_MODE": "0",
    }
    process = _hhgraph(target, "serve", "--port", str(port), env=env)
    url = f"http://127.0.0.1:{port}"

    def up() -> bool:
        assert process.poll() is None, process.communicate()[1]
        try:
            return httpx.get(f"{url}/health").status_code == 200
        except httpx.TransportError:
            return False

    wait_for("API answering /health", up)
    try:
        yield process, url
    finally:
        if process.poll() is None:
            process.terminate()
        process.communicate(timeout=WAIT_S)


def test_issue14_item10_a_restarted_api_marks_its_own_orphans(
    graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    load_generated(graph, tmp_path, 1500)
    headers = bearer("batch")
    with api_process(neo4j_target, tmp_path) as (api, url):
        accepted = httpx.post(f"{url}/v1/rescore", json={"as_of": "2026-11-01"}, headers=headers)
        api.send_signal(signal.SIGKILL)  # at once: the job has not finished
        assert accepted.status_code == 202, accepted.text
    job_id = accepted.json()["job_id"]
    assert stored_status(graph, job_id) in ("queued", "running")
    with api_process(neo4j_target, tmp_path) as (_, url):
        assert stored_status(graph, job_id) == "interrupted"  # marked at start
        found = httpx.get(f"{url}/v1/jobs/{job_id}", headers=headers).json()
        assert found["status"] == "interrupted"
        again = httpx.post(f"{url}/v1/rescore", json={"as_of": "2026-11-01"}, headers=headers)
        assert again.status_code == 202, again.text
        done = wait_for(
            "the new job's end",
            lambda: (
                httpx.get(f"{url}/v1/jobs/{again.json()['job_id']}", headers=headers).json()[
                    "status"
                ]
                in ("succeeded", "failed")
            ),
        )
        assert done
        final = httpx.get(f"{url}/v1/jobs/{again.json()['job_id']}", headers=headers).json()
        assert final["status"] == "succeeded"


# --- issue 14 item 12: a job's region --------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "region"),
    [("batch", "440103001000"), ("batch", "440100000000"), ("province", "440103000000")],
)
def test_issue14_item12_a_token_narrower_than_the_province_may_not_rescore(
    client: TestClient, graph: Graph, role: str, region: str
) -> None:
    refused = post(client, "2026-11-01", role, region)
    assert refused.status_code == 403
    assert region in refused.json()["detail"]
    assert (
        graph.driver.execute_query(
            "MATCH (r:RescoreRun) RETURN count(r) AS n", database_="neo4j"
        ).records[0]["n"]
        == 0
    )


@pytest.mark.parametrize("role", ["batch", "province"])
def test_issue14_item12_a_job_is_visible_only_within_its_region(
    client: TestClient, role: str
) -> None:
    job_id = post(client, "2026-11-01").json()["job_id"]
    assert job(client, job_id, role, PROVINCE).json()["region"] == PROVINCE
    for narrower in ("440100000000", "440103001000"):
        assert job(client, job_id, role, narrower).status_code == 404
