"""Hostile and broken requests (issue 14 item 14): duplicate JSON keys and deep nesting are
400, slow headers and bodies are cut off with 408, and a client that hangs up is logged and
audited as such, not as a 500. The slow and vanishing clients use real sockets against a
real uvicorn (`tests/live.py`), with a 1 s deadline; each socket read has a 20 s timeout, so a
server that waited instead fails the test without any timed assertion."""

import json
import logging
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.request_guard import HeaderTimeoutProtocol
from core.settings import Settings
from graph.db import Graph
from tests.helpers import bearer
from tests.live import serve
from tests.loaders import family
from tests.scoring.test_score import load

DEEP = "[" * 100_000 + "]" * 100_000
READ_TIMEOUT_S = 20.0


@pytest.fixture
def client(client: TestClient, graph: Graph) -> TestClient:
    load(graph, "regions", family.regions())
    return client


@pytest.mark.parametrize(
    ("path", "role"),
    [
        ("/v1/rescore", "batch"),
        ("/v1/warnings/W-1/verification", "township"),
        ("/v1/ingest/regions", "batch"),
    ],
)
def test_issue14_item14_deeply_nested_json_is_400(client: TestClient, path: str, role: str) -> None:
    response = client.post(
        path, content=DEEP, headers=bearer(role) | {"content-type": "application/json"}
    )
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "nested too deeply" in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "role", "body"),
    [
        ("/v1/rescore", "batch", '{"as_of": "2026-10-01", "as_of": "2026-11-01", "mode": "full"}'),
        (
            "/v1/warnings/W-1/verification",
            "township",
            '{"visited_on": "2026-10-09", "genuine": true, "genuine": false,'
            ' "findings": "入户", "action": "跟进"}',
        ),
    ],
)
def test_issue14_item14_a_repeated_json_key_is_400_naming_it(
    client: TestClient, path: str, role: str, body: str
) -> None:
    response = client.post(
        path, content=body, headers=bearer(role) | {"content-type": "application/json"}
    )
    assert response.status_code == 400
    key = "as_of" if "rescore" in path else "genuine"
    assert f"duplicate key '{key}'" in response.json()["detail"]


def test_issue14_item14_an_ingest_record_that_repeats_a_key_is_rejected_alone(
    client: TestClient, graph: Graph
) -> None:
    lines = [
        '{"code": "440103001002", "name": "新社区"}',
        '{"code": "440103001003", "name": "甲", "name": "乙"}',
    ]
    response = client.post(
        "/v1/ingest/regions",
        content="\n".join(lines),
        headers=bearer("batch") | {"content-type": "application/x-ndjson"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["accepted"] == 1
    assert [(r["index"], r["errors"][0]["message"]) for r in body["rejected"]] == [
        (1, "duplicate key 'name' in the record")
    ]
    codes = graph.driver.execute_query(
        "MATCH (r:Region) WHERE r.code IN ['440103001002', '440103001003'] RETURN r.code AS c",
        database_="neo4j",
    ).records
    assert [r["c"] for r in codes] == ["440103001002"]


class QuickHeaders(HeaderTimeoutProtocol):
    header_timeout_s: ClassVar[float | None] = 1.0


@pytest.fixture
def live(graph: Graph, settings: Settings) -> Iterator[tuple[str, int, Settings]]:
    load(graph, "regions", family.regions())
    quick = settings.model_copy(update={"body_timeout_s": 1.0})
    with serve(create_app(quick, graph), http=QuickHeaders) as url:
        host, port = url.removeprefix("http://").split(":")
        yield host, int(port), quick


def talk(host: str, port: int, data: bytes, hang_up: bool = False) -> bytes:
    """Send `data`, then read until the server closes (or, with `hang_up`, close first)."""
    with socket.create_connection((host, port), timeout=READ_TIMEOUT_S) as sock:
        sock.sendall(data)
        if hang_up:
            return b""
        answer = b""
        while chunk := sock.recv(65536):  # socket.timeout fails the test: the server waited
            answer += chunk
        return answer


def ingest_head(content_length: int) -> bytes:
    token = bearer("batch")["Authorization"]
    return (
        "POST /v1/ingest/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Authorization: {token}\r\nContent-Length: {content_length}\r\n\r\n"
    ).encode()


def test_issue14_item14_slow_headers_are_cut_off(live: tuple[str, int, Settings]) -> None:
    host, port, _ = live
    answer = talk(host, port, b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: 1")
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b"urn:hhgraph:problem:request-timeout" in answer


def test_issue14_item14_a_slow_body_is_cut_off(live: tuple[str, int, Settings]) -> None:
    host, port, _ = live
    answer = talk(host, port, ingest_head(1000) + b'[{"code": ')
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b"did not arrive within 1 s" in answer


def audited(settings: Settings, path: str) -> dict[str, Any]:
    """The audit entry of `path`, once the server has written it (readiness, not timing)."""
    file = settings.audit_dir / f"audit-{datetime.now(UTC).date().isoformat()}.jsonl"
    deadline = time.monotonic() + READ_TIMEOUT_S
    while time.monotonic() < deadline:
        if file.exists():
            for line in file.read_text(encoding="utf-8").splitlines():
                entry: dict[str, Any] = json.loads(line)
                if entry["path"] == path:
                    return entry
        time.sleep(0.1)
    raise AssertionError(f"no audit entry for {path}")


def test_issue14_item14_a_client_that_hangs_up_is_logged_as_such(
    live: tuple[str, int, Settings], caplog: pytest.LogCaptureFixture
) -> None:
    host, port, settings = live
    caplog.set_level(logging.INFO, logger="hhgraph")
    talk(host, port, ingest_head(1000) + b'[{"code": "44', hang_up=True)
    entry = audited(settings, "/v1/ingest/regions")
    assert (entry["status"], entry["outcome"]) == (499, "disconnected")
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert any("hung up" in r.getMessage() for r in caplog.records)
