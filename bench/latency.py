"""HTTP latency of the read routes with 8 concurrent clients, against a real `hhgraph serve`.

    NEO4J_URI=... .venv/bin/python bench/latency.py [--households N] [--requests 400]

Starts `hhgraph serve` (uvicorn, one process) on 127.0.0.1 and a free port, with a random
`HHGRAPH_SECRET` and `HHGRAPH_AUDIT_KEY` and its audit files in a temporary folder, waits for
`/health`, then for each route sends `--warmup` requests (not counted), `--serial` requests
from one client alone and `--requests` requests from `--concurrency` asyncio clients (httpx),
each phase for at most `--seconds`. Household and person ids are drawn at random from the
database (region 44, current members for persons); the caller is a province officer (token
for 440000000000).

The clients share the machine's two cores with the API and Neo4j, so their own CPU adds to the
latency they measure. `--client raw` (the default) sends keep-alive HTTP/1.1 GETs over asyncio
streams, about 0.2 ms of CPU per request; `--client httpx` uses httpx.AsyncClient, about
1.5 ms (the figures of BENCHMARKS.md before 2026-11-28's third session).

Prints per route p50, p95, p99, max, errors (any status but 200, or no answer) and requests/s
under concurrency, the p50 of the lone client (the service time without queueing), and the CPU
milliseconds per request under concurrency of the API process, the Neo4j JVM (when it is the
local server) and the client; then the peak RSS of the API process. Stops the server before it
exits. Loopback traffic only. Read-only, except the audit files in /tmp. With `--households N`
the database is emptied and N generated households are loaded first; run rescore.py before it
so that the warnings list is not empty.
"""

import argparse
import asyncio
import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from random import Random
from typing import Protocol

import httpx
from benchlib import (
    connect,
    cpu_seconds,
    local_server_pid,
    prepare,
    proc_memory_mib,
    process_tree,
    server_uri,
    table,
)

from api.security import mint_token
from graph.db import Graph

HOST = "127.0.0.1"
HOUSEHOLDS = """
MATCH (h:Household) WHERE h.region_code STARTS WITH '44'
WITH h ORDER BY rand() LIMIT $n
RETURN h.household_id AS id
"""
PERSONS = """
MATCH (p:Person)-[m:MEMBER_OF]->(h:Household)
WHERE m.to IS NULL AND h.region_code STARTS WITH '44'
WITH p ORDER BY rand() LIMIT $n
RETURN p.person_id AS id
"""


@dataclass(frozen=True, slots=True)
class Ids:
    households: list[str]
    persons: list[str]


def route_urls(as_of: date) -> dict[str, Callable[[Ids, Random], str]]:
    """Route name -> a function giving the next URL for it."""
    day = as_of.isoformat()
    return {
        "household eligibility": lambda ids, rng: (
            f"/v1/households/{rng.choice(ids.households)}/eligibility?as_of={day}"
        ),
        "destitute check": lambda ids, rng: (
            f"/v1/persons/{rng.choice(ids.persons)}/destitute-check?as_of={day}"
        ),
        "supporters": lambda ids, rng: (
            f"/v1/persons/{rng.choice(ids.persons)}/supporters?as_of={day}"
        ),
        "score": lambda ids, rng: f"/v1/households/{rng.choice(ids.households)}/score?as_of={day}",
        "case graph depth 2": lambda ids, rng: (
            f"/v1/cases/{rng.choice(ids.households)}/graph?depth=2&as_of={day}"
        ),
        "warnings list": lambda ids, rng: "/v1/warnings?status=open&limit=50",
    }


def draw_ids(graph: Graph, n: int) -> Ids:
    def ids(query: str) -> list[str]:
        records = graph.driver.execute_query(query, {"n": n}, database_=graph.database).records
        return [r["id"] for r in records]

    return Ids(ids(HOUSEHOLDS), ids(PERSONS))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def start_api(
    port: int,
    secret: str,
    audit_dir: Path,
    log: Path,
    workers: int = 1,
    extra_env: dict[str, str] | None = None,
) -> "subprocess.Popen[bytes]":
    """`hhgraph serve` on loopback; returns once `/health` answers (or raises). `extra_env`
    adds to its environment (`PYTHONPATH`: the code of another source tree)."""
    env = (
        os.environ
        | (extra_env or {})
        | {
            "HHGRAPH_SECRET": secret,
            "HHGRAPH_AUDIT_KEY": secrets.token_urlsafe(48),  # the audit chain's own key
            "HHGRAPH_AUDIT_DIR": str(audit_dir),
            "NEO4J_URI": server_uri(),
        }
    )
    env.pop("HHGRAPH_DEV_MODE", None)
    command = [str(Path(sys.executable).parent / "hhgraph"), "serve", "--host", HOST]
    command += ["--workers", str(workers)]
    with open(log, "wb") as out:
        proc = subprocess.Popen(  # noqa: S603 - fixed argument list
            [*command, "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"hhgraph serve exited with {proc.returncode}; see {log}")
        with contextlib.suppress(httpx.TransportError):  # not listening yet
            if httpx.get(f"http://{HOST}:{port}/health", timeout=2).status_code == 200:
                return proc
        time.sleep(0.5)
    stop_api(proc)
    raise RuntimeError(f"hhgraph serve did not answer /health in 90 s; see {log}")


def stop_api(proc: "subprocess.Popen[bytes]") -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Getter(Protocol):
    async def get(self, url: str) -> int:
        """The status of a GET of `url` (a path), 0 for no answer."""
        ...


class HttpxGetter:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def get(self, url: str) -> int:
        try:
            return (await self.client.get(url)).status_code
        except httpx.HTTPError:
            return 0  # no answer: timeout or connection error


class RawGetter:
    """Keep-alive HTTP/1.1 GETs over asyncio streams, one connection per client: the least
    client CPU per request, so that the figures are the server's. Bodies must come with a
    Content-Length (uvicorn's JSON responses do); anything else counts as no answer."""

    def __init__(self, port: int, token: str, connections: int) -> None:
        self.port, self.token = port, token
        self.idle: asyncio.LifoQueue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = (
            asyncio.LifoQueue()
        )
        self.connections = connections

    async def open(self) -> None:
        for _ in range(self.connections):
            self.idle.put_nowait(await asyncio.open_connection(HOST, self.port))

    async def close(self) -> None:
        while not self.idle.empty():
            _, writer = self.idle.get_nowait()
            writer.close()

    async def get(self, url: str) -> int:
        reader, writer = await self.idle.get()
        request = (
            f"GET {url} HTTP/1.1\r\nHost: {HOST}\r\nAuthorization: Bearer {self.token}\r\n\r\n"
        )
        try:
            writer.write(request.encode("ascii"))
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
            await reader.readexactly(_content_length(head))
            self.idle.put_nowait((reader, writer))
            return int(head[9:12])
        except (OSError, ValueError, asyncio.IncompleteReadError, TimeoutError):
            writer.close()
            self.idle.put_nowait(await asyncio.open_connection(HOST, self.port))
            return 0


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    raise ValueError("no Content-Length")


@dataclass(slots=True)
class Phase:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0


async def run_phase(
    client: Getter,
    next_url: Callable[[], str],
    requests: int,
    concurrency: int,
    seconds: float,
) -> Phase:
    """`requests` GETs from `concurrency` clients, stopping early after `seconds`."""
    phase = Phase()
    remaining = requests
    deadline = time.perf_counter() + seconds

    async def client_loop() -> None:
        nonlocal remaining
        while remaining > 0 and time.perf_counter() < deadline:
            remaining -= 1
            url = next_url()
            started = time.perf_counter()
            status = await client.get(url)
            phase.latencies_ms.append((time.perf_counter() - started) * 1000)
            phase.statuses[status] = phase.statuses.get(status, 0) + 1
            if status != 200:
                phase.errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(client_loop() for _ in range(concurrency)))
    phase.seconds = time.perf_counter() - started
    return phase


def percentile(sorted_ms: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, round(p / 100 * len(sorted_ms) + 0.4999))
    return sorted_ms[min(rank, len(sorted_ms)) - 1]


def phase_row(name: str, phase: Phase) -> list[str]:
    ms = sorted(phase.latencies_ms)
    n = len(ms)
    figures = [percentile(ms, p) for p in (50, 95, 99)] + [ms[-1]] if ms else []
    return [
        name,
        f"{n:,}",
        str(phase.errors),
        *(f"{v:.1f}" for v in figures),
        f"{n / phase.seconds:,.0f}" if phase.seconds else "",
    ]


@dataclass(frozen=True, slots=True)
class CpuMeter:
    """CPU time of the API process, the Neo4j JVM (when local) and this client: where the
    milliseconds of a request are spent on a machine whose cores they share."""

    api_pid: int
    neo4j_pid: int | None

    def sample(self) -> tuple[float, float, float]:
        neo4j = cpu_seconds(self.neo4j_pid) if self.neo4j_pid is not None else 0.0
        api = sum(cpu_seconds(pid) for pid in process_tree(self.api_pid))
        return api, neo4j, time.process_time()

    def per_request(self, before: tuple[float, float, float], requests: int) -> list[str]:
        after = self.sample()
        if not requests:
            return ["", "", ""]
        used = [(a - b) * 1000 / requests for a, b in zip(after, before, strict=True)]
        if self.neo4j_pid is None:
            used[1] = float("nan")
        return [f"{v:.1f}" for v in used]


async def measure(
    args: argparse.Namespace, port: int, token: str, ids: Ids, cpu: CpuMeter
) -> list[list[str]]:
    if args.client == "raw":
        raw = RawGetter(port, token, args.concurrency)
        await raw.open()
        try:
            return await measure_with(raw, args, ids, cpu)
        finally:
            await raw.close()
    limits = httpx.Limits(
        max_connections=args.concurrency, max_keepalive_connections=args.concurrency
    )
    async with httpx.AsyncClient(
        base_url=f"http://{HOST}:{port}",
        headers={"Authorization": f"Bearer {token}"},
        limits=limits,
        timeout=30,
    ) as client:
        return await measure_with(HttpxGetter(client), args, ids, cpu)


async def measure_with(
    client: Getter, args: argparse.Namespace, ids: Ids, cpu: CpuMeter
) -> list[list[str]]:
    rng = Random(args.seed)  # noqa: S311 - picks test ids, not security
    rows = []
    for name, url in route_urls(args.as_of).items():

        def next_url(url: Callable[[Ids, Random], str] = url) -> str:
            return url(ids, rng)

        await run_phase(client, next_url, args.warmup, args.concurrency, args.seconds)
        # One client alone first: its p50 is the service time without queueing.
        alone = await run_phase(client, next_url, args.serial, 1, args.seconds)
        cpu_before = cpu.sample()
        phase = await run_phase(client, next_url, args.requests, args.concurrency, args.seconds)
        cpu_used = cpu.per_request(cpu_before, len(phase.latencies_ms))
        serial_p50 = percentile(sorted(alone.latencies_ms), 50) if alone.latencies_ms else 0
        rows.append([*phase_row(name, phase), f"{serial_p50:.1f}", *cpu_used])
        odd = {s: n for s, n in phase.statuses.items() if s != 200}
        if odd:
            print(f"{name}: statuses other than 200: {odd}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, help="empty the database and load N first")
    parser.add_argument("--requests", type=int, default=400, help="per route, counted")
    parser.add_argument("--warmup", type=int, default=200, help="per route, not counted")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--serial", type=int, default=50, help="per route, one client alone")
    parser.add_argument("--seconds", type=float, default=60.0, help="cap per route and phase")
    parser.add_argument("--ids", type=int, default=500, help="ids drawn of each kind")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 1))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw")
    parser.add_argument("--workers", type=int, default=2, help="hhgraph serve --workers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        with connect() as graph:
            prepare(graph, args.households, args.seed, 5_000, Path(tmp))
            ids = draw_ids(graph, args.ids)
        if not ids.households or not ids.persons:
            raise SystemExit("no households or persons in region 44: load data first")
        secret = secrets.token_urlsafe(48)
        port = free_port()
        api = start_api(port, secret, Path(tmp) / "audit", Path(tmp) / "serve.log", args.workers)
        try:
            token = mint_token(secret, "province", "440000000000", "bench-latency")
            cpu = CpuMeter(api.pid, local_server_pid(server_uri()))
            rows = asyncio.run(measure(args, port, token, ids, cpu))
            memory = {pid: proc_memory_mib(pid) for pid in process_tree(api.pid)}
        finally:
            stop_api(api)
    print(
        f"{args.concurrency} concurrent clients ({args.client}), "
        f"{args.requests} requests per route "
        f"({len(ids.households)} households, {len(ids.persons)} persons drawn)"
    )
    headers = ["route", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s"]
    headers += ["p50 1 client", "CPU ms/req api", "neo4j", "client"]
    print(table(headers, rows))
    for pid, mib in memory.items():
        print(
            f"API process {pid} (uvicorn{' worker' if pid != api.pid else ''}): peak RSS "
            f"{mib.get('VmHWM', 0):,.0f} MiB, RSS at the end {mib.get('VmRSS', 0):,.0f} MiB"
        )


if __name__ == "__main__":
    main()
