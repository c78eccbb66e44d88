"""The audit log: every /v1/ request, allowed or not, with who, what and the outcome."""

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from hhgraph.settings import Settings
from tests.conftest import bearer


def entries(settings: Settings) -> list[dict[str, object]]:
    path = settings.audit_dir / f"audit-{datetime.now(UTC).date().isoformat()}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_reads_writes_and_refusals_are_logged(graph: Graph, settings: Settings) -> None:
    client = TestClient(create_app(settings, graph))
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


def test_hhgraph_audit_filters_by_subject(graph: Graph, settings: Settings, tmp_path: Path) -> None:
    client = TestClient(create_app(settings, graph))
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
