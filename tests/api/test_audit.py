"""The audit log: every /v1/ request, allowed or not, with who, what and the outcome."""

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import anyio
from fastapi.testclient import TestClient

from api.app import create_app
from api.audit_chain import AuditLog
from core.settings import Settings
from graph.db import Graph
from tests.api.test_matrix import AS_OF, IN_REGION, STRANGER, load_world
from tests.helpers import TEST_AUDIT_KEY, bearer
from tests.loaders import family
from tests.scoring.test_score import load


def entries(settings: Settings) -> list[dict[str, Any]]:
    path = settings.audit_dir / f"audit-{datetime.now(UTC).date().isoformat()}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_reads_writes_and_refusals_are_logged(client: TestClient, settings: Settings) -> None:
    client.get("/v1/households/H9/changes", headers=bearer("township", "440103001000", "li"))
    client.post("/v1/ingest/regions", json=[], headers=bearer("township", "440103001000", "li"))
    client.get("/v1/households/H9/score")
    client.get("/health")
    logged = entries(settings)
    assert [
        (e["sub"], e["role"], e["route"], e["ids"], e["status"], e["outcome"]) for e in logged
    ] == [
        ("li", "township", "/v1/households/{household_id}/changes", ["H9"], 404, "error"),
        ("li", "township", "/v1/ingest/{feed}", ["regions"], 403, "denied"),
        (None, None, "/v1/households/{household_id}/score", ["H9"], 401, "denied"),
    ]
    assert logged[0]["region"] == "440103001000"
    assert logged[0]["method"] == "GET"
    assert (
        settings.audit_dir / f"audit-{datetime.now(UTC).date()}.jsonl"
    ).stat().st_mode & 0o777 == 0o600


def test_hhgraph_audit_filters_by_subject(
    client: TestClient, settings: Settings, tmp_path: Path
) -> None:
    client.get("/v1/warnings", headers=bearer("county", "440103000000", "wang"))
    client.get("/v1/warnings", headers=bearer("county", "440103000000", "zhao"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "hhgraph",
            "audit",
            "--sub",
            "wang",
            "--since",
            datetime.now(UTC).date().isoformat(),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env=os.environ | {"HHGRAPH_AUDIT_DIR": str(settings.audit_dir)},
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(e["sub"], e["route"], e["status"]) for e in lines] == [("wang", "/v1/warnings", 200)]


# Issue 14 item 8: no audit, no read; a chain that shows edits and deletions; fuller entries.


def hhgraph_audit(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {
        "HHGRAPH_AUDIT_DIR": str(settings.audit_dir),
        "HHGRAPH_AUDIT_KEY": TEST_AUDIT_KEY,
    }
    return subprocess.run(
        [sys.executable, "-m", "hhgraph", "audit", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env=env,
    )


def today_file(settings: Settings) -> Path:
    return settings.audit_dir / f"audit-{datetime.now(UTC).date().isoformat()}.jsonl"


def test_issue14_item8_no_audit_no_read_and_no_write(graph: Graph, settings: Settings) -> None:
    load(graph, "regions", family.regions())
    blocked = settings.model_copy(update={"audit_dir": settings.audit_dir / "not-a-dir" / "x"})
    settings.audit_dir.mkdir(parents=True)
    (settings.audit_dir / "not-a-dir").write_text("a file where the folder should be")
    client = TestClient(create_app(blocked, graph), raise_server_exceptions=False)
    read = client.get("/v1/regions", headers=bearer("township", "440103001000"))
    assert read.status_code == 503
    assert "沙面" not in read.text  # none of the region's data
    assert read.headers["retry-after"].isdigit()
    record = {"code": "440103001002", "name": "新社区"}
    write = client.post("/v1/ingest/regions", json=[record], headers=bearer("province"))
    assert write.status_code == 503
    rows = graph.driver.execute_query(
        "MATCH (r:Region {code: '440103001002'}) RETURN r", database_="neo4j"
    ).records
    assert rows == []  # refused before it ran


def test_issue14_item8_verify_finds_an_edited_or_deleted_entry(
    client: TestClient, settings: Settings
) -> None:
    for household in ("H1", "H2", "H3", "H4"):
        client.get(f"/v1/households/{household}", headers=bearer("county", "440103000000"))
    clean = hhgraph_audit(settings, "--verify")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "4 entries, 0 problems" in clean.stdout
    path = today_file(settings)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)

    path.write_text("".join([lines[0], lines[1].replace("H2", "H9"), *lines[2:]]))
    edited = hhgraph_audit(settings, "--verify")
    assert edited.returncode == 1
    assert f"PROBLEM {path.name}:2: the entry was changed" in edited.stdout
    assert f"PROBLEM {path.name}:3: the link to the line before is broken" in edited.stdout

    path.write_text("".join([lines[0], *lines[2:]]))
    deleted = hhgraph_audit(settings, "--verify")
    assert deleted.returncode == 1
    assert [line for line in deleted.stdout.splitlines() if line.startswith("PROBLEM")] == [
        f"PROBLEM {path.name}:2: the link to the line before is broken "
        "(an entry before it was deleted, inserted or changed)"
    ]

    path.write_text("".join(lines[:3]))  # the newest entry deleted: only a copy tells
    truncated = hhgraph_audit(settings, "--verify")
    assert truncated.returncode == 0
    assert json.loads(lines[2])["mac"] in truncated.stdout  # the newest mac, to compare


def test_issue14_item8_a_torn_line_is_reported_not_fatal(
    client: TestClient, settings: Settings
) -> None:
    headers = bearer("county", "440103000000")
    client.get("/v1/households/H1", headers=headers)
    with open(today_file(settings), "ab") as torn:  # a crash in the middle of a write
        torn.write(b'{"time":"2026-12-01T00:00:00.000+00:00","sub":"wa')
    client.get("/v1/households/H2", headers=headers)
    verdict = hhgraph_audit(settings, "--verify")
    problems = [line for line in verdict.stdout.splitlines() if line.startswith("PROBLEM")]
    assert len(problems) == 1
    assert ":2: unreadable line" in problems[0]
    assert "2 entries, 1 problems" in verdict.stdout
    listed = hhgraph_audit(settings, "--since", datetime.now(UTC).date().isoformat())
    assert listed.returncode == 0
    assert [json.loads(line)["path"] for line in listed.stdout.splitlines()] == [
        "/v1/households/H1",
        "/v1/households/H2",
    ]
    assert "unreadable line" in listed.stderr


APPENDER = """
import sys
from pathlib import Path
from typing import Any
from api.audit_chain import AuditLog
log = AuditLog(Path(sys.argv[1]), sys.argv[2])
for n in range(int(sys.argv[3])):
    log.append({"sub": sys.argv[4], "n": n})
"""


def test_issue14_item8_the_chain_holds_with_several_processes_appending(tmp_path: Path) -> None:
    folder = tmp_path / "audit"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", APPENDER, str(folder), TEST_AUDIT_KEY, "150", f"w{i}"]
        )
        for i in range(4)
    ]
    assert [w.wait(timeout=120) for w in writers] == [0] * 4
    verdict = AuditLog(folder, TEST_AUDIT_KEY).verify()
    assert (verdict.entries, verdict.problems, verdict.notes) == (600, [], [])


def test_issue14_item8_a_forged_chain_needs_the_key(client: TestClient, settings: Settings) -> None:
    client.get("/v1/households/H1", headers=bearer("county", "440103000000"))
    other = AuditLog(settings.audit_dir, "another-audit-key-0123456789abcdefghijklmnop")
    assert other.verify().problems  # rewritten entries would need the API's key to pass


def test_issue14_item8_the_entry_is_written_before_the_answer_is_sent(
    graph: Graph, settings: Settings
) -> None:
    app = create_app(settings, graph)
    seen_at_start: list[str] = []
    token = bearer("county", "440103000000")["Authorization"].encode()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/v1/households/H1",
        "raw_path": b"/v1/households/H1",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"authorization", token), (b"host", b"testserver")],
        "client": ("10.1.2.3", 5000),
        "server": ("testserver", 80),
        "state": {},
    }

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, object]) -> None:
        if message["type"] == "http.response.start":
            path = today_file(settings)
            seen_at_start.append(path.read_text() if path.exists() else "")

    anyio.run(app, scope, receive, send)  # type: ignore[arg-type]
    assert len(seen_at_start) == 1
    assert '"path":"/v1/households/H1"' in seen_at_start[0]
    assert '"client":"10.1.2.3"' in seen_at_start[0]


def test_issue14_item8_an_entry_names_query_persons_keys_client_and_denied(
    graph: Graph, settings: Settings
) -> None:
    world = load_world(graph)
    client = TestClient(create_app(settings, graph), client=("10.9.8.7", 4321))
    reader = bearer("investigator", IN_REGION, "zhang")
    client.get(f"/v1/cases/H1/graph?depth=3&as_of={AS_OF}", headers=reader)
    client.get("/v1/households/H9", headers=reader)  # exists, in another township
    client.get("/v1/households/H404", headers=reader)  # does not exist
    client.get(f"/v1/persons/{STRANGER}/supporters", headers=reader)
    client.post(
        "/v1/ingest/regions",
        json=[{"code": "440103001002", "name": "新社区"}],
        headers=bearer("batch", "440000000000", "feeder-7"),
    )
    visit = {"visited_on": "2026-10-09", "genuine": True, "findings": "入户核实", "action": "跟进"}
    warning = world.warnings["H1"]
    client.post(
        f"/v1/warnings/{warning}/verification",
        json=visit,
        headers=bearer("township", IN_REGION, "li"),
    )
    graph_read, outside, absent, stranger, ingest, verification = entries(settings)

    assert graph_read["query"] == f"depth=3&as_of={AS_OF}"
    assert graph_read["client"] == "10.9.8.7"
    # Every person the graph shows, the uncle too: he is shown masked, his status withheld.
    assert set(graph_read["persons"]) == {
        family.GRANDMA,
        family.FATHER,
        family.MOTHER,
        family.CHILD,
        family.UNCLE,
    }
    assert (outside["status"], outside["outcome"]) == (404, "denied")
    assert (absent["status"], absent["outcome"]) == (404, "error")
    assert (stranger["status"], stranger["outcome"], stranger["persons"]) == (404, "denied", [])
    assert (ingest["keys"], ingest["sub"]) == (["440103001002"], "feeder-7")
    assert (verification["keys"], verification["status"]) == ([warning], 200)

    who = graph.driver.execute_query(
        "MATCH (r:Region {code: '440103001002'}) MATCH (w:Warning {warning_id: $w}) "
        "RETURN r.updated_by AS region, w.updated_by AS warning",
        {"w": warning},
        database_="neo4j",
    ).records[0]
    assert (who["region"], who["warning"]) == ("feeder-7", "li")
