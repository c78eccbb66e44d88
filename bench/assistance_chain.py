"""The assistance chain of one household (一户一条救助链, issue 18) at 8 concurrent clients
against its Cypher floor, measured in the same run.

    NEO4J_URI=... .venv/bin/python bench/assistance_chain.py [--applications 100000]
        [--referrals 20000] [--requests 1000] [--keep]

Uses the households of the database as they are (load them first with
`bench/load_throughput.py --households 100000`). Seeds `--applications` applications with
their timelines (bench/application_seed.py) and `--referrals` referrals on random households
(2–3 departments, a few needs, timelines `sent`, `acknowledged`, `done`), then draws
`--households` households that hold a seeded referral and asks for their chains, each request
one household drawn at random:

- **service**: `assistance.assistance_chain` (the chain query, the means test and the members'
  destitute checks, then the pure assembly), from `--concurrency` threads;
- **floor**: `cypher/assistance/chain.cypher` alone through the driver from as many threads,
  the same parameters (the query that walks the chain);
- **three-query floor**: the chain query, `eligibility/household_means_test` and
  `persons/supporters` through the driver, what the service runs before its Python.

Prints p50/p95/p99/mean ms, requests/s and the ratios. In process, no HTTP (the route adds
what every route adds: bench/latency.py). Deletes what it seeded unless `--keep`.
"""

import argparse
import json
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from random import Random
from typing import Any

from application_seed import Seeder, load_homes, seed, templates, unseed
from benchlib import connect, table
from latency import percentile

from assistance import assistance_chain
from assistance.service import CHAIN
from graph.db import Graph
from procedure.policy import default_policy
from scoring.eligibility import DEFAULTS
from scoring.eligibility import QUERY as MEANS_TEST
from scoring.support import QUERY as SUPPORTERS
from scoring.workdays import Calendar

SEEDED_BY = "bench-chain"
DEPARTMENTS = ["housing", "medical_security", "education", "health", "human_resources"]
NEEDS = ["危房改造", "大病医疗费用", "子女助学", "慢病随访", "就业帮扶"]
SEED_REFERRALS = """
UNWIND $rows AS row
MATCH (h:Household {household_id: row.referral.household_id})
CREATE (r:Referral)
SET r = row.referral, r.version = 1, r.created_at = datetime()
CREATE (r)-[:FOR]->(h)
WITH r, row
UNWIND row.steps AS step
CREATE (r)-[:HAS_STEP]->(s:CaseStep)
SET s = step, s.recorded_at = datetime()
RETURN count(DISTINCT r) AS referrals
"""
UNSEED_REFERRALS = """
MATCH (r:Referral)-[:HAS_STEP]->(:CaseStep {seq: 1, by: $by})
WITH r LIMIT $chunk
CALL (r) { MATCH (r)-[:HAS_STEP]->(s:CaseStep) DETACH DELETE s }
DETACH DELETE r
RETURN count(*) AS deleted
"""


def referral_rows(homes: list[Any], count: int, rng: Random) -> list[dict[str, Any]]:
    rows = []
    for n in range(count):
        home = rng.choice(homes)
        sent = date(2025, 11, 1) + timedelta(days=rng.randrange(360))
        ref_id = f"RF-BENCH-{n:07d}"
        statuses = rng.choice([["sent"], ["sent", "acknowledged"], ["sent", "done"],
                               ["sent", "acknowledged", "done"]])  # fmt: skip
        steps = [
            {
                "step_id": f"{ref_id}-{seq:03d}",
                "seq": seq,
                "step": status,
                "on": sent + timedelta(days=2 * (seq - 1)),
                "by": SEEDED_BY,
                "role": "township" if seq == 1 else "department",
                "rules": ["P11"],
                "produced": status,
                "data": json.dumps({}),
            }
            for seq, status in enumerate(statuses, start=1)
        ]
        referral = {
            "referral_id": ref_id,
            "household_id": home.household_id,
            "person_id": None,
            "department": rng.choice(DEPARTMENTS),
            "need": rng.choice(NEEDS),
            "sent_on": sent,
            "township_code": home.township_code,
            "source_id": "A-BENCH",
            "source_kind": "application",
            "status": statuses[-1],
            "status_since": sent,
            "outcome": "已办结" if statuses[-1] == "done" else None,
        }
        rows.append({"referral": referral, "steps": steps})
    return rows


def unseed_referrals(graph: Graph, chunk: int = 2_000) -> int:
    total, deleted = 0, chunk
    while deleted:
        result = graph.driver.execute_query(
            UNSEED_REFERRALS, {"by": SEEDED_BY, "chunk": chunk}, database_=graph.database
        )
        deleted = result.records[0]["deleted"]
        total += deleted
    return total


def measure(
    call: Callable[[str], object], ids: list[str], requests: int, concurrency: int, seed: int
) -> tuple[list[float], float]:
    """Latencies (ms, sorted) of `requests` calls from `concurrency` threads, and wall s."""
    rng, lock = Random(seed), threading.Lock()  # noqa: S311 - which household to ask for
    picks = [rng.choice(ids) for _ in range(requests)]
    times: list[float] = []

    def one(household_id: str) -> None:
        started = time.perf_counter()
        call(household_id)
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            times.append(elapsed)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, picks))
    return sorted(times), time.perf_counter() - started


def row(name: str, times: list[float], wall: float) -> list[str]:
    return [
        name,
        f"{percentile(times, 50):.1f}",
        f"{percentile(times, 95):.1f}",
        f"{percentile(times, 99):.1f}",
        f"{sum(times) / len(times):.1f}",
        f"{len(times) / wall:.0f}",
    ]


def run(args: argparse.Namespace, graph: Graph, rng: Random) -> None:
    homes = load_homes(graph)
    if not homes:
        raise SystemExit("no households in region 44: run bench/load_throughput.py first")
    started = time.perf_counter()
    snapshots = templates(graph, homes, args.templates, date(2026, 6, 1), rng)
    seeder = Seeder(homes, snapshots, Calendar.from_graph(graph), default_policy(), rng)
    seeded = seed(graph, seeder, args.applications, 500)
    rows = referral_rows(homes, args.referrals, rng)
    for i in range(0, len(rows), 1000):
        graph.driver.execute_query(
            SEED_REFERRALS, {"rows": rows[i : i + 1000]}, database_=graph.database
        )
    print(
        f"seeded {seeded.applications:,} applications ({seeded.steps:,} steps) and "
        f"{len(rows):,} referrals on {len(homes):,} households in "
        f"{time.perf_counter() - started:.1f} s"
    )
    ids = sorted({r["referral"]["household_id"] for r in rows})
    ids = rng.sample(ids, min(args.households, len(ids)))
    as_of = args.as_of

    def service(household_id: str) -> object:
        return assistance_chain(graph, "44", household_id, as_of)

    def params(household_id: str) -> dict[str, Any]:
        return {"household_id": household_id, "region_prefix": "44", "as_of": as_of}

    def floor(household_id: str) -> object:
        return graph.driver.execute_query(
            CHAIN.text, params(household_id), database_=graph.database, routing_="r"
        )

    def three(household_id: str) -> object:
        found = floor(household_id).records[0]
        graph.driver.execute_query(
            MEANS_TEST.text,
            {
                "household_ids": [household_id],
                "region_prefix": "44",
                "as_of": as_of,
                "default_marginal_multiplier": DEFAULTS.marginal_multiplier,
                "default_expenditure_ratio": DEFAULTS.expenditure_ratio,
                "law_effective_from": DEFAULTS.law_effective_from,
            },
            database_=graph.database,
            routing_="r",
        )
        return graph.driver.execute_query(
            SUPPORTERS.text,
            {"person_ids": found["members"], "as_of": as_of, "region_prefix": "44"},
            database_=graph.database,
            routing_="r",
        )

    sizes = [len(assistance_chain(graph, "44", h, as_of).items) for h in ids[:50]]
    print(f"items a chain (first 50 drawn): mean {sum(sizes) / len(sizes):.1f}, max {max(sizes)}")
    results = []
    for name, call in (("service", service), ("floor: chain.cypher", floor),
                       ("floor: three queries", three)):  # fmt: skip
        measure(call, ids, args.warmup, args.concurrency, args.seed + 1)
        times, wall = measure(call, ids, args.requests, args.concurrency, args.seed)
        results.append((name, times, wall))
    print(f"{args.concurrency} clients, {args.requests} requests, {len(ids)} households:")
    print(table(["", "p50 ms", "p95 ms", "p99 ms", "mean ms", "req/s"],
                [row(n, t, w) for n, t, w in results]))  # fmt: skip
    service_p50 = percentile(results[0][1], 50)
    for name, times, _ in results[1:]:
        print(f"service / {name}: p50 {service_p50 / percentile(times, 50):.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=100_000, help="seeded")
    parser.add_argument("--referrals", type=int, default=20_000, help="seeded")
    parser.add_argument("--templates", type=int, default=60, help="households snapshotted")
    parser.add_argument("--households", type=int, default=500, help="chains drawn from")
    parser.add_argument("--requests", type=int, default=1000, help="per phase, counted")
    parser.add_argument("--warmup", type=int, default=200, help="per phase, not counted")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 1))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep what was seeded")
    args = parser.parse_args()
    rng = Random(args.seed)  # noqa: S311 - synthetic data, not security
    print("load average at the start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    with connect(timeout_s=300) as graph:
        if old := unseed(graph) + unseed_referrals(graph):
            print(f"deleted {old:,} cases an earlier run kept")
        try:
            run(args, graph, rng)
        finally:
            if not args.keep:
                gone = unseed(graph) + unseed_referrals(graph)
                print(f"deleted the {gone:,} seeded cases")
    print("load average at the end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
