"""`GET /v1/applications` and the case page at 8 concurrent clients against a real `hhgraph
serve`, each beside its floor measured in the same run (issue 17, RULES P1–P12).

    NEO4J_URI=... .venv/bin/python bench/application_latency.py [--applications 100000] [--keep]

Uses the households of the database as they are (load them first with
`bench/load_throughput.py --households 100000`; it refuses to run on a store without any) and
seeds `--applications` applications on them (bench/application_seed.py: the nine statuses, the
five programmes, every township with households, a year of intake dates, 2–7 steps each, an
investigation's verdict snapshot of the real size).

Then it starts `hhgraph serve` (bench/latency.py's start and raw keep-alive client) and
measures, per route, `--warmup` requests (not counted) and `--requests` from `--concurrency`
clients: a county's list (`?limit=100`, a county officer), a township's list (a township
officer), the county's `?overdue_on=` list, and the case page `GET /v1/applications/{id}`
(the county officer, ids drawn from the county's applications). Each route's floor is the same
Cypher through the driver from `--concurrency` threads, no HTTP: `applications/list` with the
route's parameters; for the case page `applications/case`, `persons/visible` with the ids the
answer names, and, for a received application, `applications/intake_facts` (what `missing`
reads). Prints p50/p95/p99/max, errors and requests/s of both, and the ratios.

At the end it deletes what it seeded (applications whose first step is by `bench-applications`,
with their steps; also done first, should an earlier run have kept them), unless `--keep`.
Writes only those; the audit files of the API go to a temporary folder.
"""

import argparse
import asyncio
import os
import secrets
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from random import Random

from application_seed import Home, Seeder, load_homes, seed, templates, unseed
from benchlib import connect, local_server_pid, server_uri, table
from latency import (
    CpuMeter,
    Phase,
    RawGetter,
    free_port,
    percentile,
    phase_row,
    run_phase,
    start_api,
    stop_api,
)
from neo4j.exceptions import DriverError, Neo4jError

from api.security import mint_token
from api.services.applications import VISIBLE, _person_ids
from applications.case import Case
from applications.service import CASE, INTAKE_FACTS, LIST, PROVINCE
from core.dates import today_in_china
from graph.db import Graph
from procedure.policy import default_policy
from scoring.workdays import Calendar

SUB = "bench-application-latency"  # the tokens' subject


def run_floor(work: Callable[[], None], requests: int, concurrency: int, seconds: float) -> Phase:
    """`requests` calls of `work` from `concurrency` threads, stopping early after `seconds`."""
    phase = Phase()
    lock = threading.Lock()
    remaining = requests
    deadline = time.perf_counter() + seconds

    def loop() -> None:
        nonlocal remaining
        while True:
            with lock:
                if remaining <= 0 or time.perf_counter() >= deadline:
                    return
                remaining -= 1
            started = time.perf_counter()
            try:
                work()
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


@dataclass(frozen=True, slots=True)
class Route:
    """One measured route: its URL, the token that calls it, and its floor."""

    name: str
    url: Callable[[], str]
    client: str  # "county" or "township": whose token
    floor: Callable[[], None]


def list_floor(graph: Graph, prefix: str, overdue_on: date | None) -> Callable[[], None]:
    """`applications/list` with the parameters `list_applications` passes for the route."""
    params = {
        "region_prefix": prefix,
        "status": None,
        "program": None,
        "overdue_on": overdue_on,
        "filed": None,
        "cursor": "",
        "limit": 100,
    }

    def work() -> None:
        graph.read(LIST, params)

    return work


def case_floor(
    graph: Graph, prefix: str, cases: dict[str, tuple[list[str], str | None]], rng: Random
) -> Callable[[], None]:
    """The case page's queries: the case, who of its persons the caller sees, and for a
    received application the household's members today (`missing`)."""
    ids = sorted(cases)

    def work() -> None:
        application_id = rng.choice(ids)
        graph.one_or_none(CASE, {"application_id": application_id, "region_prefix": prefix})
        person_ids, received_household = cases[application_id]
        if person_ids:
            graph.value(VISIBLE, {"person_ids": person_ids, "region_prefix": prefix})
        if received_household is not None:
            params = {"household_id": received_household, "region_prefix": PROVINCE}
            graph.one_or_none(INTAKE_FACTS, params | {"on": today_in_china()})

    return work


def draw_cases(
    graph: Graph, prefix: str, count: int, rng: Random
) -> dict[str, tuple[list[str], str | None]]:
    """`count` of the county's applications: the ids the answer names (as the route computes
    them), and the household of a received one."""
    ids = [
        r["application"]["application_id"]
        for r in graph.read(
            LIST,
            {
                "region_prefix": prefix,
                "status": None,
                "program": None,
                "overdue_on": None,
                "filed": None,
                "cursor": "",
                "limit": 100_000,
            },
        )
    ]
    found = {}
    for application_id in rng.sample(ids, min(count, len(ids))):
        row = graph.one(CASE, {"application_id": application_id, "region_prefix": prefix})
        case = Case.of(row)
        received = case.application["household_id"] if case.status == "received" else None
        found[application_id] = (sorted(set(_person_ids(case))), received)
    return found


@dataclass(frozen=True, slots=True)
class Measured:
    """A counted phase and the CPU ms per request it took (API, Neo4j, this process)."""

    phase: Phase
    cpu: list[str]

    def row(self, name: str) -> list[str]:
        return [*phase_row(name, self.phase), *self.cpu]


async def measure_http(
    args: argparse.Namespace, port: int, token: str, route: Route, cpu: CpuMeter
) -> Measured:
    """The route's warm-up, then its counted requests, over keep-alive connections."""
    client = RawGetter(port, token, args.concurrency)
    await client.open()
    try:
        await run_phase(client, route.url, args.warmup, args.concurrency, args.seconds)
        before = cpu.sample()
        phase = await run_phase(client, route.url, args.requests, args.concurrency, args.seconds)
        used = cpu.per_request(before, len(phase.latencies_ms))
    finally:
        await client.close()
    odd = {s: n for s, n in phase.statuses.items() if s != 200}
    if odd:
        print(f"{route.name}: statuses other than 200: {odd}")
    return Measured(phase, used)


def measure_floor(args: argparse.Namespace, route: Route, cpu: CpuMeter) -> Measured:
    run_floor(route.floor, args.warmup, args.concurrency, args.seconds)
    before = cpu.sample()
    phase = run_floor(route.floor, args.requests, args.concurrency, args.seconds)
    return Measured(phase, cpu.per_request(before, len(phase.latencies_ms)))


def ratio_row(name: str, http: Phase, floor: Phase) -> list[str]:
    """HTTP over floor at p50/p95/p99, and the floor's requests/s over HTTP's."""
    h, f = sorted(http.latencies_ms), sorted(floor.latencies_ms)
    if not h or not f:
        return [name, "", "", "", ""]
    cells = [f"{percentile(h, p) / percentile(f, p):.1f}x" for p in (50, 95, 99)]
    rate = (len(f) / floor.seconds) / (len(h) / http.seconds)
    return [name, *cells, f"{rate:.1f}x"]


def busiest(townships: Counter[str]) -> tuple[str, str]:
    """The county with the most seeded applications, and its busiest township (prefixes)."""
    counties: Counter[str] = Counter()
    for code, n in townships.items():
        counties[code[:6]] += n
    county = counties.most_common(1)[0][0]
    township = max((c for c in townships if c.startswith(county)), key=lambda c: townships[c])
    return county, township[:9]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=100_000, help="seeded")
    parser.add_argument("--batch-size", type=int, default=500, help="applications a statement")
    parser.add_argument("--templates", type=int, default=60, help="households snapshotted")
    parser.add_argument("--requests", type=int, default=1000, help="per route, counted")
    parser.add_argument("--warmup", type=int, default=200, help="per route, not counted")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0, help="cap per route and phase")
    parser.add_argument("--cases", type=int, default=500, help="case ids drawn")
    parser.add_argument("--overdue-on", type=date.fromisoformat, default=date(2026, 11, 1))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="hhgraph serve --workers")
    parser.add_argument("--keep", action="store_true", help="keep the seeded applications")
    args = parser.parse_args()
    rng = Random(args.seed)  # noqa: S311 - synthetic data and test ids, not security
    print("load average at the start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    with connect(timeout_s=300) as graph:
        homes = load_homes(graph)
        if not homes:
            raise SystemExit("no households in region 44: run bench/load_throughput.py first")
        if old := unseed(graph):
            print(f"deleted {old:,} applications an earlier run kept")
        try:
            run(args, graph, homes, rng)
        finally:
            if not args.keep:
                started = time.perf_counter()
                gone = unseed(graph)
                print(
                    f"deleted the {gone:,} seeded applications in "
                    f"{time.perf_counter() - started:.1f} s"
                )


def run(args: argparse.Namespace, graph: Graph, homes: list[Home], rng: Random) -> None:
    calendar, policy = Calendar.from_graph(graph), default_policy()
    snapshots = templates(graph, homes, args.templates, date(2026, 6, 1), rng)
    seeder = Seeder(homes, snapshots, calendar, policy, rng)
    seeded = seed(graph, seeder, args.applications, args.batch_size)
    print(
        f"seeded {seeded.applications:,} applications with {seeded.steps:,} steps "
        f"({seeded.data_bytes / seeded.steps:,.0f} bytes of data a step on average, "
        f"{seeded.investigation_bytes / max(seeded.investigations, 1):,.0f} an investigation's) on "
        f"{len(homes):,} households in {len(seeded.townships):,} townships in "
        f"{seeded.seconds:.1f} s"
    )
    county, township = busiest(seeded.townships)
    print(
        f"county {county}: {sum(n for c, n in seeded.townships.items() if c.startswith(county)):,} "
        f"applications; township {township}: {seeded.townships[township.ljust(12, '0')]:,}"
    )
    cases = draw_cases(graph, county, args.cases, rng)
    overdue = args.overdue_on.isoformat()
    routes = [
        Route(
            "county list",
            lambda: "/v1/applications?limit=100",
            "county",
            list_floor(graph, county, None),
        ),
        Route(
            "township list",
            lambda: "/v1/applications?limit=100",
            "township",
            list_floor(graph, township, None),
        ),
        Route(
            "county overdue list",
            lambda: f"/v1/applications?overdue_on={overdue}&limit=100",
            "county",
            list_floor(graph, county, args.overdue_on),
        ),
        Route(
            "case page",
            lambda: f"/v1/applications/{rng.choice(sorted(cases))}",
            "county",
            case_floor(graph, county, cases, rng),
        ),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        secret = secrets.token_urlsafe(48)
        port = free_port()
        api = start_api(port, secret, Path(tmp) / "audit", Path(tmp) / "serve.log", args.workers)
        try:
            tokens = {
                "county": mint_token(secret, "county", county.ljust(12, "0"), SUB),
                "township": mint_token(secret, "township", township.ljust(12, "0"), SUB),
            }
            cpu = CpuMeter(api.pid, local_server_pid(server_uri()))
            measured = []
            for route in routes:
                http = asyncio.run(measure_http(args, port, tokens[route.client], route, cpu))
                measured.append((route.name, http, measure_floor(args, route, cpu)))
        finally:
            stop_api(api)
    print(
        f"{args.concurrency} concurrent clients (raw keep-alive HTTP; floor: "
        f"{args.concurrency} driver threads), {args.requests} requests per route after "
        f"{args.warmup} not counted; {len(cases)} case ids drawn"
    )
    headers = ["route", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s"]
    headers += ["CPU ms/req api", "neo4j", "client"]
    rows = []
    for name, http, floor in measured:
        rows += [http.row(name), floor.row("  floor")]
    print(table(headers, rows))
    print("load average at the end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    print(
        table(
            ["HTTP / floor", "p50", "p95", "p99", "req/s floor/HTTP"],
            [ratio_row(name, http.phase, floor.phase) for name, http, floor in measured],
        )
    )


if __name__ == "__main__":
    main()
