"""What the audit chain and the fuller audit entries cost per request (issue 14 item 8).

    NEO4J_URI=... .venv/bin/python bench/audit_cost.py [--households N] [--requests 300]

Builds the API three times in this process over the same database and sends each the same
read requests, one at a time, through httpx's in-process ASGI transport (no sockets, so the
figures are the API's own work plus the Neo4j round trip):

- `none`: the app without its audit middleware;
- `plain`: the audit as it was before issue 14 item 8 (one JSON line per request, appended
  after the answer was sent: no chain, no lock, no held answer, no body scan, the old fields);
- `chained`: the app as shipped (`api/audit.py`, `api/audit_chain.py`): the answer held until
  its entry is written, persons found in the body, HMAC chain under a file lock.

The variants take turns (`--rounds`, each `--requests` per route), so that drift of the
shared machine spreads over all three. Prints per route and variant the median and p95 wall
milliseconds and the API process's CPU milliseconds per request, and the ratios
chained/plain and chained/none; then the cost of one `AuditLog.append` alone against one plain
append. Read-only but for the audit files, in a temporary folder. With `--households N` the
database is emptied and N generated households are loaded first.
"""

import argparse
import asyncio
import json
import os
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
from benchlib import connect, prepare, table
from fastapi import FastAPI
from pydantic import SecretStr
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.app import create_app
from api.audit import AuditMiddleware
from api.audit_chain import AuditLog
from api.security import mint_token
from core.settings import Settings
from graph.db import Graph

ROUTES: dict[str, Callable[[str, str], str]] = {
    "household": lambda h, _p: f"/v1/households/{h}",
    "score": lambda h, _p: f"/v1/households/{h}/score?as_of=2026-11-01",
    "case graph depth 2": lambda h, _p: f"/v1/cases/{h}/graph?depth=2&as_of=2026-11-01",
    "supporters": lambda _h, p: f"/v1/persons/{p}/supporters?as_of=2026-11-01",
}
PAIRS = """
MATCH (p:Person)-[m:MEMBER_OF]->(h:Household)
WHERE m.to IS NULL AND h.region_code STARTS WITH '44'
WITH h, p ORDER BY rand() LIMIT $n
RETURN h.household_id AS household, p.person_id AS person
"""


class NoAudit:
    """No audit: only the list the routes add their ids to."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope.setdefault("state", {})["audit_ids"] = []
        await self.app(scope, receive, send)


class PlainAudit:
    """The audit middleware as it was before issue 14 item 8, for comparison only."""

    def __init__(self, app: ASGIApp, folder: Path) -> None:
        self.app, self.folder = app, folder

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})["audit_ids"] = []
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            officer = scope.get("state", {}).get("officer")
            entry = {
                "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "sub": getattr(officer, "sub", None),
                "role": getattr(officer, "role", None),
                "region": getattr(officer, "region", None),
                "method": scope["method"],
                "route": str(getattr(scope.get("route"), "path", scope["path"])),
                "path": scope["path"],
                "ids": sorted(map(str, scope.get("path_params", {}).values())),
                "status": status,
                "outcome": "allowed" if status < 400 else "error",
            }
            line = (json.dumps(entry, ensure_ascii=False) + "\n").encode()
            name = self.folder / f"audit-{datetime.now(UTC).date()}.jsonl"
            fd = os.open(name, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)
            finally:
                os.close(fd)


def variant(graph: Graph, settings: Settings, name: str, folder: Path) -> FastAPI:
    """The app with its audit middleware as `name` says (before its stack is built)."""
    app = create_app(settings.model_copy(update={"audit_dir": folder / name}), graph)
    (folder / name).mkdir(parents=True)
    ours = next(i for i, m in enumerate(app.user_middleware) if m.cls is AuditMiddleware)
    if name == "none":
        app.user_middleware[ours].cls = NoAudit  # type: ignore[assignment]
        app.user_middleware[ours].kwargs = {}
    elif name == "plain":
        app.user_middleware[ours].cls = PlainAudit  # type: ignore[assignment]
        app.user_middleware[ours].kwargs = {"folder": folder / name}
    return app


async def run(
    apps: dict[str, FastAPI], pairs: list[tuple[str, str]], args: argparse.Namespace, token: str
) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """(route, variant) -> [(wall ms, CPU ms)] of every counted request."""
    timings: dict[tuple[str, str], list[tuple[float, float]]] = {}
    headers = {"Authorization": f"Bearer {token}"}
    clients = {
        name: httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench")
        for name, app in apps.items()
    }
    try:
        for client in clients.values():  # warm-up: plans, pools, token cache
            for household, person in pairs[: args.warmup]:
                for url in ROUTES.values():
                    await client.get(url(household, person), headers=headers)
        for round_no in range(args.rounds):
            for route, url in ROUTES.items():
                for name, client in clients.items():
                    seen = timings.setdefault((route, name), [])
                    start = round_no * args.requests
                    for household, person in pairs[start : start + args.requests]:
                        wall, cpu = time.perf_counter(), time.process_time()
                        response = await client.get(url(household, person), headers=headers)
                        seen.append(
                            (
                                (time.perf_counter() - wall) * 1000,
                                (time.process_time() - cpu) * 1000,
                            )
                        )
                        if response.status_code != 200:
                            raise SystemExit(f"{name} {route}: {response.status_code}")
    finally:
        for client in clients.values():
            await client.aclose()
    return timings


def append_cost(folder: Path, n: int) -> tuple[float, float]:
    """Microseconds per append: the chained log, and one plain O_APPEND write."""
    entry = {"time": "2026-12-01T00:00:00.000+00:00", "sub": "bench", "path": "/v1/x"}
    log = AuditLog(folder / "chained-alone", secrets.token_urlsafe(48))
    started = time.perf_counter()
    for _ in range(n):
        log.append(entry)
    chained = (time.perf_counter() - started) / n * 1e6
    (folder / "plain-alone").mkdir()
    line = (json.dumps(entry) + "\n").encode()
    started = time.perf_counter()
    for _ in range(n):
        fd = os.open(folder / "plain-alone" / "a.jsonl", os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        os.write(fd, line)
        os.close(fd)
    return chained, (time.perf_counter() - started) / n * 1e6


def rows_of(timings: dict[tuple[str, str], list[tuple[float, float]]]) -> list[list[str]]:
    rows = []
    for route in ROUTES:
        median_cpu: dict[str, float] = {}
        for name in ("none", "plain", "chained"):
            walls = sorted(w for w, _ in timings[(route, name)])
            cpus = [c for _, c in timings[(route, name)]]
            median_cpu[name] = statistics.median(cpus)
            rows.append(
                [
                    route if name == "none" else "",
                    name,
                    str(len(walls)),
                    f"{statistics.median(walls):.2f}",
                    f"{walls[int(len(walls) * 0.95) - 1]:.2f}",
                    f"{median_cpu[name]:.2f}",
                ]
            )
        rows[-1] += [
            f"{median_cpu['chained'] / median_cpu['plain']:.2f}",
            f"{median_cpu['chained'] / median_cpu['none']:.2f}",
        ]
        rows[-3] += ["", ""]
        rows[-2] += ["", ""]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, help="empty the database and load N first")
    parser.add_argument("--requests", type=int, default=300, help="per route, variant, round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=50, help="per variant, every route")
    parser.add_argument("--appends", type=int, default=5000, help="for the append alone")
    args = parser.parse_args()
    secret, key = secrets.token_urlsafe(48), secrets.token_urlsafe(48)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, secret=SecretStr(secret), audit_key=SecretStr(key), dev_mode=False
    )
    with tempfile.TemporaryDirectory() as tmp, connect() as graph:
        prepare(graph, args.households, 1, 5_000, Path(tmp))
        needed = max(args.requests * args.rounds, args.warmup)
        found = graph.driver.execute_query(PAIRS, {"n": needed}, database_=graph.database)
        pairs = [(r["household"], r["person"]) for r in found.records]
        if len(pairs) < needed:
            raise SystemExit(f"{len(pairs)} current members in region 44; {needed} needed")
        folder = Path(tmp)
        apps = {
            name: variant(graph, settings, name, folder) for name in ("none", "plain", "chained")
        }
        token = mint_token(secret, "province", "440000000000", "bench-audit")
        timings = asyncio.run(run(apps, pairs, args, token))
        alone = append_cost(folder, args.appends)
    print(
        f"{args.rounds} rounds x {args.requests} requests per route and variant, one at a time, "
        "in process (httpx ASGI transport)"
    )
    headers = ["route", "audit", "requests", "p50 ms", "p95 ms", "CPU ms/req"]
    headers += ["CPU chained/plain", "CPU chained/none"]
    print(table(headers, rows_of(timings), left=2))
    print(
        f"one append alone: chained {alone[0]:.1f} µs, plain {alone[1]:.1f} µs "
        f"({args.appends} appends each)"
    )


if __name__ == "__main__":
    main()
