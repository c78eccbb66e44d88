"""The API's own cost per officer read (issue 20): each read route of CONTRACT §3 at 8
concurrent clients through a real `hhgraph serve`, against its floor, the same Cypher sent
through the driver by 8 concurrent sessions, measured in the same run, taking turns.

    NEO4J_URI=... .venv/bin/python bench/api_cost.py [--rounds 2] [--requests 500]
    NEO4J_URI=... .venv/bin/python bench/api_cost.py --serve-from OLD_TREE   # A/B

Uses the database as it is (load it with `bench/load_throughput.py`, then `bench/rescore.py`
so that the warnings list has warnings). The caller is a province officer signed in with an
account, as an officer's console is: the bench creates the account `bench-api-cost` and opens
a session for it (`accounts.create`, the holder's password change, a second factor enrolled
and confirmed: a session without limits), so that every request pays the per-request session
check of `api/deps.py`; it deletes both at the end.

For each route a fixed list of URLs is drawn (`--urls`, ids at random from region 44), and the
Cypher each URL makes the API send is recorded once, in process (the app with a recording
driver): the floor replays exactly those statements with the same parameters from 8 threads,
each through `driver.execute_query` as a read (a session and a managed transaction each, as
`Graph` sends them), its records left as the driver decodes them. The dependencies' own
queries (the session check, the token region's existence) are the API's cost, not the
route's, and are left out of the floor.

A second floor, "floor + check", sends the same statements with an account's session check
(`accounts/session_state`, the bench session's id) first in the first statement's
transaction, as an account's request runs it (`graph.db.run_first`): what the check itself
costs, apart from the API's Python.

Then, per round (`--rounds`) and per route: the two floors, then each API server in turn (the
order of the servers alternates between rounds), each `--warmup` requests not counted and
`--requests` counted, at `--concurrency`. With `--serve-from DIR` a second server runs the
code of another source tree (a `git archive` of the commit to compare with, run with this
virtual environment through `PYTHONPATH`), so that both are measured in the same minutes.
Prints per route and variant p50/p95/p99, requests/s and the CPU milliseconds per request of
the API processes, Neo4j and this process, and the ratio of each variant's p95 to the
floor's, over all rounds. Read-only but for the bench account and its sessions.
"""

import argparse
import asyncio
import os
import secrets
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from random import Random
from typing import Any

import pyotp
from benchlib import connect, cpu_seconds, local_server_pid, server_uri, table
from latency import (
    HOUSEHOLDS,
    PERSONS,
    CpuMeter,
    Phase,
    RawGetter,
    free_port,
    percentile,
    run_phase,
    start_api,
    stop_api,
)
from neo4j import Driver, ManagedTransaction, Query, Record, RoutingControl
from neo4j.exceptions import DriverError, Neo4jError
from pydantic import SecretStr
from starlette.testclient import TestClient

from accounts import NewAccount, Sealer, change_password, confirm_otp, create, enrol_otp, totp
from accounts.signin import SESSION_STATE
from api.app import create_app
from api.deps import REGION_EXISTS
from api.security import mint_token
from core.settings import Settings, get_settings
from graph.db import Graph

USERNAME = "bench-api-cost"
REGION = "440000000000"
# Bench instrumentation on a scratch database: the bench account and its sessions go.
DROP_ACCOUNT = """
MATCH (a:Account {username: $username})
OPTIONAL MATCH (a)-[:HAS_SESSION]->(s:Session)
DETACH DELETE s, a
"""
DEPENDENCY_QUERIES = frozenset({SESSION_STATE.text, REGION_EXISTS.text})


def route_urls(as_of: date) -> dict[str, Callable[[list[str], list[str], Random], str]]:
    """Route name -> the next URL of it, from household and person ids: the officer read
    routes of CONTRACT §3."""
    day = as_of.isoformat()
    year_before = date(as_of.year - 1, as_of.month, as_of.day).isoformat()
    return {
        "household": lambda hs, ps, rng: f"/v1/households/{rng.choice(hs)}?as_of={day}",
        "changes": lambda hs, ps, rng: (
            f"/v1/households/{rng.choice(hs)}/changes?since={year_before}&until={day}"
        ),
        "score": lambda hs, ps, rng: f"/v1/households/{rng.choice(hs)}/score?as_of={day}",
        "eligibility": lambda hs, ps, rng: (
            f"/v1/households/{rng.choice(hs)}/eligibility?as_of={day}"
        ),
        "supporters": lambda hs, ps, rng: f"/v1/persons/{rng.choice(ps)}/supporters?as_of={day}",
        "destitute check": lambda hs, ps, rng: (
            f"/v1/persons/{rng.choice(ps)}/destitute-check?as_of={day}"
        ),
        "case graph depth 2": lambda hs, ps, rng: (
            f"/v1/cases/{rng.choice(hs)}/graph?depth=2&as_of={day}"
        ),
        "warnings list": lambda hs, ps, rng: "/v1/warnings?status=open&limit=50",
    }


def draw(graph: Graph, query: str, n: int) -> list[str]:
    records = graph.driver.execute_query(query, {"n": n}, database_=graph.database).records
    return [r["id"] for r in records]


def bench_session(graph: Graph, secret: str, username: str = USERNAME) -> str:
    """A province officer's access token naming a live session of the bench account: the
    account created anew, its one-time password changed and its second factor enrolled and
    confirmed (CONTRACT §5), so that the session has no limit."""
    return bench_grant(graph, secret, username)[0]


def bench_grant(graph: Graph, secret: str, username: str = USERNAME) -> tuple[str, str]:
    """`bench_session`'s token and the id of the session it names."""
    graph.driver.execute_query(DROP_ACCOUNT, {"username": username}, database_=graph.database)
    created = create(graph, None, NewAccount(username, "province", REGION), by="bench")
    password = "Bench-" + secrets.token_urlsafe(18)
    _, grant = change_password(graph, username, created.one_time_password, password, None)
    sealer = Sealer(secret)
    enrolment = enrol_otp(graph, username, sealer)
    code = pyotp.TOTP(enrolment.secret, digits=totp.DIGITS, interval=totp.STEP_S).now()
    confirm_otp(graph, username, code, sealer, grant.sid)
    token = mint_token(secret, "province", REGION, username, ttl_minutes=240, sid=grant.sid)
    return token, grant.sid


def drop_session(graph: Graph, username: str = USERNAME) -> None:
    graph.driver.execute_query(DROP_ACCOUNT, {"username": username}, database_=graph.database)


Statement = tuple[str, dict[str, Any]]


class RecordingDriver:
    """The driver, noting each statement `Graph` sends while `calls` is a list."""

    def __init__(self, driver: Driver) -> None:
        self.driver = driver
        self.calls: list[Statement] | None = None

    def execute_query(self, query: Query, parameters: dict[str, Any], **kwargs: Any) -> Any:
        if self.calls is not None and query.text not in DEPENDENCY_QUERIES:
            self.calls.append((query.text, dict(parameters)))
        return self.driver.execute_query(query, parameters, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.driver, name)


def record_statements(
    graph: Graph, settings: Settings, token: str, urls: dict[str, list[str]]
) -> dict[str, list[list[Statement]]]:
    """Per route, the statements each of its URLs sends (the app in process); every URL must
    answer 200."""
    recorder = RecordingDriver(graph.driver)
    app = create_app(settings, Graph(recorder, graph.database, graph.timeout_s))  # type: ignore[arg-type]
    found: dict[str, list[list[Statement]]] = {}
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        for name, route_urls_ in urls.items():
            found[name] = []
            for url in route_urls_:
                recorder.calls = []
                status = client.get(url).status_code
                if status != 200:
                    raise SystemExit(f"{url} answered {status}")
                found[name].append(recorder.calls)
                recorder.calls = None
    return found


def run_floor(
    driver: Driver,
    database: str,
    work: list[list[Statement]],
    requests: int,
    concurrency: int,
    seconds: float,
    rng: Random,
    check: Statement | None = None,
) -> Phase:
    """`requests` replays of a URL's statements (drawn from `work`) from `concurrency`
    threads, stopping early after `seconds`. Each statement goes through
    `driver.execute_query` as a read (a session of its own, one managed transaction with its
    BEGIN pipelined, as `Graph` sends it), its records left as the driver decodes them.
    With a `check` (the session check), the first statement's transaction runs it first, as
    an account's request does (`graph.db.run_first`): a session and `execute_read`."""
    phase = Phase()
    lock = threading.Lock()
    remaining = requests
    deadline = time.perf_counter() + seconds
    picks = [rng.randrange(len(work)) for _ in range(requests)]

    def loop() -> None:
        nonlocal remaining
        while True:
            with lock:
                if remaining <= 0 or time.perf_counter() >= deadline:
                    return
                remaining -= 1
                statements = work[picks[remaining]]
            started = time.perf_counter()
            try:
                rest = statements
                if check is not None and statements:
                    _checked_first(driver, database, check, statements[0])
                    rest = statements[1:]
                for text, params in rest:
                    driver.execute_query(
                        text, params, routing_=RoutingControl.READ, database_=database
                    )
                failed = 0
            except (Neo4jError, DriverError):
                failed = 1
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                phase.latencies_ms.append(elapsed)
                phase.errors += failed

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for future in [pool.submit(loop) for _ in range(concurrency)]:
            future.result()
    phase.seconds = time.perf_counter() - started
    return phase


def _checked_first(driver: Driver, database: str, check: Statement, first: Statement) -> None:
    def work(tx: ManagedTransaction) -> list[Record]:
        tx.run(*check).single()
        return list(tx.run(*first))

    with driver.session(database=database) as session:
        session.execute_read(work)


FLOORS = ("floor", "floor + check")


@dataclass(slots=True)
class Totals:
    """One variant of one route over every round: latencies and CPU seconds."""

    phase: Phase = field(default_factory=Phase)
    cpu_s: list[float] = field(default_factory=lambda: [0.0, 0.0, 0.0])

    def add(self, phase: Phase, before: tuple[float, ...], after: tuple[float, ...]) -> None:
        self.phase.latencies_ms += phase.latencies_ms
        self.phase.errors += phase.errors
        self.phase.seconds += phase.seconds
        for i, (a, b) in enumerate(zip(after, before, strict=True)):
            self.cpu_s[i] += a - b

    def p(self, q: float) -> float:
        return percentile(sorted(self.phase.latencies_ms), q)

    def row(self, name: str, local_neo4j: bool) -> list[str]:
        n = len(self.phase.latencies_ms)
        cpu = [f"{s * 1000 / n:.2f}" for s in self.cpu_s]
        if not local_neo4j:
            cpu[1] = ""
        if name in FLOORS:
            cpu[0] = ""
        return [
            name,
            f"{n:,}",
            str(self.phase.errors),
            *(f"{self.p(q):.1f}" for q in (50, 95, 99)),
            f"{n / self.phase.seconds:,.0f}",
            *cpu,
        ]


@dataclass(frozen=True, slots=True)
class Server:
    label: str
    port: int
    proc: Any
    cpu: CpuMeter


def start_servers(
    args: argparse.Namespace, secret: str, tmp: Path, neo4j_pid: int | None
) -> list[Server]:
    trees = [("this tree", None)] + [(f"{Path(d).name}", d) for d in args.serve_from]
    servers = []
    for i, (label, tree) in enumerate(trees):
        port = free_port()
        extra = {"PYTHONPATH": str(Path(tree).resolve())} if tree else {}
        proc = start_api(
            port,
            secret,
            tmp / f"audit-{i}",
            tmp / f"serve-{i}.log",
            args.workers,
            extra_env=extra,
        )
        servers.append(Server(label, port, proc, CpuMeter(proc.pid, neo4j_pid)))
    return servers


async def http_phase(
    server: Server, token: str, next_url: Callable[[], str], args: argparse.Namespace
) -> tuple[Phase, tuple[float, ...], tuple[float, ...]]:
    client = RawGetter(server.port, token, args.concurrency)
    await client.open()
    try:
        await run_phase(client, next_url, args.warmup, args.concurrency, args.seconds)
        before = server.cpu.sample()
        phase = await run_phase(client, next_url, args.requests, args.concurrency, args.seconds)
        return phase, before, server.cpu.sample()
    finally:
        await client.close()


def measure(
    args: argparse.Namespace,
    graph: Graph,
    servers: list[Server],
    token: str,
    urls: dict[str, list[str]],
    work: dict[str, list[list[Statement]]],
    neo4j_pid: int | None,
    check: Statement,
) -> dict[str, dict[str, Totals]]:
    rng = Random(args.seed)  # noqa: S311 - picks test ids, not security
    totals: dict[str, dict[str, Totals]] = {
        name: {v: Totals() for v in [*FLOORS, *(s.label for s in servers)]} for name in urls
    }

    def floor_cpu() -> tuple[float, float, float]:  # no API: Neo4j and this process only
        neo4j = cpu_seconds(neo4j_pid) if neo4j_pid is not None else 0.0
        return 0.0, neo4j, time.process_time()

    for round_ in range(args.rounds):
        order = servers if round_ % 2 == 0 else servers[::-1]
        for name, route in urls.items():

            def next_url(route: list[str] = route) -> str:
                return rng.choice(route)

            run_floor(graph.driver, graph.database, work[name], args.warmup, args.concurrency,
                      args.seconds, rng)  # fmt: skip
            for floor, floor_check in zip(FLOORS, (None, check), strict=True):
                before = floor_cpu()
                phase = run_floor(
                    graph.driver,
                    graph.database,
                    work[name],
                    args.requests,
                    args.concurrency,
                    args.seconds,
                    rng,
                    floor_check,
                )
                totals[name][floor].add(phase, before, floor_cpu())
            for server in order:
                phase, before, after = asyncio.run(http_phase(server, token, next_url, args))
                totals[name][server.label].add(phase, before, after)
            load = os.getloadavg()[0]
            print(f"round {round_ + 1}, {name}: done (load average {load:.1f})", flush=True)
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="per route, variant, round")
    parser.add_argument("--warmup", type=int, default=100, help="per phase, not counted")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0, help="cap per phase")
    parser.add_argument("--urls", type=int, default=300, help="URLs drawn per route")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 1))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="hhgraph serve --workers")
    parser.add_argument(
        "--serve-from", action="append", default=[], metavar="DIR", help="another source tree"
    )
    args = parser.parse_args()
    secret = secrets.token_urlsafe(48)
    neo4j_pid = local_server_pid(server_uri())
    with tempfile.TemporaryDirectory() as tmp, connect() as graph:
        households = draw(graph, HOUSEHOLDS, args.urls)
        persons = draw(graph, PERSONS, args.urls)
        if not households or not persons:
            raise SystemExit("no households or persons in region 44: load data first")
        rng = Random(args.seed)  # noqa: S311 - picks test ids, not security
        urls = {
            name: [url(households, persons, rng) for _ in range(args.urls)]
            for name, url in route_urls(args.as_of).items()
        }
        token, sid = bench_grant(graph, secret)
        try:
            settings = get_settings().model_copy(
                update={
                    "secret": SecretStr(secret),
                    "audit_key": SecretStr(secrets.token_urlsafe(48)),
                    "audit_dir": Path(tmp) / "audit-record",
                    "neo4j_uri": server_uri(),
                }
            )
            # Recorded with a token of the same caller without a session: an account's
            # session check runs inside the route's first transaction (graph.db.run_first),
            # where the recorder, which sees `execute_query`, would miss that statement.
            plain = mint_token(secret, "province", "440000000000", USERNAME)
            work = record_statements(graph, settings, plain, urls)
            servers = start_servers(args, secret, Path(tmp), neo4j_pid)
            started = time.perf_counter()
            load_before = os.getloadavg()
            try:
                check = (SESSION_STATE.text, {"sid": sid})
                totals = measure(args, graph, servers, token, urls, work, neo4j_pid, check)
            finally:
                for server in servers:
                    stop_api(server.proc)
        finally:
            drop_session(graph)
    report(args, totals, servers, neo4j_pid is not None, load_before, started)


def report(
    args: argparse.Namespace,
    totals: dict[str, dict[str, Totals]],
    servers: list[Server],
    local_neo4j: bool,
    load_before: tuple[float, float, float],
    started: float,
) -> None:
    print(
        f"{args.concurrency} concurrent clients, {args.rounds} rounds of {args.requests} "
        f"requests per route and variant after {args.warmup} not counted; "
        f"{time.perf_counter() - started:.0f} s; load average {load_before[0]:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after"
    )
    headers = ["route", "variant", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "req/s"]
    headers += ["CPU ms/req api", "neo4j", "bench"]
    rows = []
    for name, variants in totals.items():
        for i, (variant, t) in enumerate(variants.items()):
            rows.append([name if i == 0 else "", *t.row(variant, local_neo4j)])
    print(table(headers, rows, left=2))
    labels = [FLOORS[1], *(s.label for s in servers)]
    ratio_headers = ["route", *(f"p95 {label} / floor" for label in labels)]
    ratio_headers += [f"p50 {label} / floor" for label in labels]
    ratios = []
    for name, variants in totals.items():
        floor = variants["floor"]
        p95 = [f"{variants[label].p(95) / floor.p(95):.2f}x" for label in labels]
        p50 = [f"{variants[label].p(50) / floor.p(50):.2f}x" for label in labels]
        ratios.append([name, *p95, *p50])
    print(table(ratio_headers, ratios))


if __name__ == "__main__":
    main()
