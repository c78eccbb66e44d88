"""The supervision figures (S1-S2, issue 19): `GET /v1/stats` of the province and of one
county, p50/p95 with 8 concurrent clients against a real `hhgraph serve`, and in the same run
the floor: the same figures computed in-process with no HTTP (`stats.region_stats`), and each
of its counting queries alone (the rollup's cells read for every group, warning and
application figure), plus the recounts that the rollup replaces.

    NEO4J_URI=... .venv/bin/python bench/stats_figures.py --households 100000 # generate, load
    NEO4J_URI=... .venv/bin/python bench/stats_figures.py                     # the loaded one

With `--households` the database is emptied, the generated set loaded and rescored once on
`--as-of` (which writes the warnings and their rollup cells); without, the database is used as
it is (the rollup rebuilt first with `--rebuild`).
"""

import argparse
import asyncio
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import httpx
from benchlib import connect, prepare, table
from latency import HttpxGetter, percentile, run_phase, start_api, stop_api

from api.security import mint_token
from core.ids import region_prefix
from cypher import query
from graph.db import Graph
from scoring.deadlines import visit_deadlines
from scoring.rescore import Mode, rescore_households
from scoring.ruleset import default_ruleset
from stats import rebuild, region_stats
from stats.figures import month_days
from stats.groups import GROUP_NAMES, GROUPS

GROUPS_QUERY = query("stats/groups")
DECISIONS_QUERY = query("stats/decisions")
FUNDS_QUERY = query("stats/funds")
ROLLUP_READ = query("stats/rollup_read")
RECOUNT = query("stats/recount")
PROVINCE = "440000000000"


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of each of `repeat` calls of `fn`, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)


def floor_rows(graph: Graph, code: str, name: str, as_of: date, repeat: int) -> list[list[str]]:
    """In-process figures and each counting query of `code`, p50 and p95 in ms."""
    days = month_days(as_of, 12)
    prefix = region_prefix(code)
    width = {2: 4, 4: 6, 6: 9, 9: 12}.get(len(prefix), 12)
    base = {"prefix": prefix, "width": width, "days": days, "last": as_of}
    children = graph.driver.execute_query(
        "MATCH (c:Region)-[:IN]->(:Region {code: $code}) RETURN collect(c.code) AS codes",
        {"code": code},
        database_=graph.database,
    ).records[0]["codes"]
    parts: dict[str, Callable[[], object]] = {
        "figures (no HTTP)": lambda: region_stats(graph, code, as_of, 12),
        "  decisions (the median's)": lambda: graph.read(
            DECISIONS_QUERY, base | {"first": days[0].replace(day=1)}
        ),
        "  funds": lambda: graph.read(FUNDS_QUERY, base),
        "  rollup cells (groups, warnings, applications, overdue)": lambda: graph.read(
            ROLLUP_READ,
            {"regions": [code, *children], "first": days[0].replace(day=1), "as_of": as_of},
        ),
        "recount the rollup replaces: warnings, applications, overdue (1 day)": lambda: graph.read(
            RECOUNT, {"prefix": prefix, "day": as_of}
        ),
        "recount the rollup replaces: groups M1-M5 (12 month ends)": lambda: graph.read(
            GROUPS_QUERY, base | {"groups": dict(GROUPS), "names": list(GROUP_NAMES)}
        ),
    }
    rows = []
    for label, fn in parts.items():
        ms = timed(fn, repeat)
        rows.append([f"{name}: {label}", f"{percentile(ms, 50):.1f}", f"{percentile(ms, 95):.1f}"])
    return rows


async def http_rows(
    port: int, token: str, urls: dict[str, str], requests: int, concurrency: int
) -> list[list[str]]:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    headers = {"Authorization": f"Bearer {token}"}
    rows = []
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}", headers=headers, limits=limits, timeout=120
    ) as client:
        getter = HttpxGetter(client)
        for name, url in urls.items():
            await getter.get(url)  # plans compiled, page cache warm
            phase = await run_phase(getter, lambda url=url: url, requests, concurrency, 600)
            ms = sorted(phase.latencies_ms)
            rows.append(
                [
                    name,
                    f"{len(ms):,}",
                    str(phase.errors),
                    f"{percentile(ms, 50):.0f}",
                    f"{percentile(ms, 95):.0f}",
                    f"{statistics.mean(ms):.0f}",
                    f"{len(ms) / phase.seconds:.2f}",
                ]
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=None)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 1))
    parser.add_argument("--requests", type=int, default=80, help="per route")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=10, help="floor calls per query")
    parser.add_argument("--workers", type=int, default=2, help="hhgraph serve --workers")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the rollup first")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, connect(timeout_s=300) as graph:
        prepare(graph, args.households, args.seed, 5_000, Path(tmp))
        if args.households is not None:
            started = time.perf_counter()
            rescore_households(
                graph, args.as_of, Mode.FULL, default_ruleset(), visit_deadlines(graph)
            )
            print(f"rescored (warnings and their rollup) in {time.perf_counter() - started:.1f} s")
        if args.rebuild:
            started = time.perf_counter()
            counted = rebuild(graph)
            print(
                f"rollup rebuilt from {counted.resources:,} warnings and applications and "
                f"{counted.households:,} households in {time.perf_counter() - started:.1f} s"
            )
        county = graph.driver.execute_query(
            "MATCH (c:Region {level: 'county'})<-[:IN]-(:Region)<-[:IN]-(:Region)<-[:IN]-(h) "
            "RETURN c.code AS code, count(h) AS n ORDER BY n DESC LIMIT 1",
            database_=graph.database,
        ).records[0]
        counts = graph.driver.execute_query(
            "MATCH (h:Household) WITH count(h) AS h "
            "MATCH (w:Warning) WITH h, count(w) AS w "
            "OPTIONAL MATCH (c:StatDay) RETURN h, w, count(c) AS cells",
            database_=graph.database,
        ).records[0]
        print(
            f"{counts['h']:,} households, {counts['w']:,} warnings, {counts['cells']:,} day "
            f"cells; the county {county['code']} holds {county['n']:,} households"
        )
        floor = floor_rows(graph, PROVINCE, "province", args.as_of, args.repeat)
        floor += floor_rows(graph, county["code"], "county", args.as_of, args.repeat)
        print(table(["in-process (floor)", "p50 ms", "p95 ms"], floor))
        secret = secrets.token_urlsafe(48)
        token = mint_token(secret, "province", PROVINCE, "bench")
        port = 8000 + secrets.randbelow(1000)
        with tempfile.TemporaryDirectory() as api_tmp:
            api = start_api(
                port, secret, Path(api_tmp) / "audit", Path(api_tmp) / "api.log", args.workers
            )
            try:
                urls = {
                    "GET /v1/stats province": f"/v1/stats?region={PROVINCE}&as_of={args.as_of}",
                    "GET /v1/stats county": f"/v1/stats?region={county['code']}&as_of={args.as_of}",
                }
                rows = asyncio.run(http_rows(port, token, urls, args.requests, args.concurrency))
            finally:
                stop_api(api)
        headers = ["route (8 clients)", "requests", "errors", "p50 ms", "p95 ms", "mean", "req/s"]
        print(table(headers, rows))


if __name__ == "__main__":
    main()
