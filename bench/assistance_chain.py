"""The assistance chain of one household (一户一条救助链, issue 18) at 8 concurrent clients
against its Cypher floor, measured in the same run.

    NEO4J_URI=... .venv/bin/python bench/assistance_chain.py [--applications 100000]
        [--referrals 20000] [--relief 5000] [--requests 1000] [--keep]

Uses the households of the database as they are (load them first with
`bench/load_throughput.py --households 100000`). Seeds `--applications` applications with
their timelines (bench/application_seed.py), `--referrals` referrals on random households
(2–3 departments, a few needs, timelines `sent`, `acknowledged`, `done`, each with its running
deadline by `referrals.due_fields`) and `--relief` relief cases with their standby-fund
payments (bench/relief_seed.py), then draws `--households` households that hold a seeded
referral or relief case and asks for their chains, each request one household drawn at random:

- **service**: `assistance.assistance_chain` (the chain query, the means test and the members'
  destitute checks, then the pure assembly), from `--concurrency` threads;
- **floor**: `cypher/assistance/chain.cypher` alone through the driver from as many threads,
  the same parameters (the query that walks the chain);
- **three-query floor**: the chain query, `eligibility/household_means_test` and
  `persons/supporters` through the driver, what the service runs before its Python.

Then the county's overdue-referral list (P11, `GET /v1/referrals?overdue_on=`): the county
with the most seeded referrals, pages of 50 from cursors drawn among its overdue referrals,
`referrals.list_referrals` against `cypher/referrals/list.cypher` through the driver.

Prints p50/p95/p99/mean ms, requests/s and the ratios. In process, no HTTP (the route adds
what every route adds: bench/latency.py). Deletes what it seeded unless `--keep`.
"""

import argparse
import json
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from random import Random
from typing import Any

from application_seed import Seeder, load_homes, seed, templates, unseed
from benchlib import connect, table
from latency import percentile
from relief_seed import seed_relief, unseed_relief

from assistance import assistance_chain
from assistance.service import CHAIN
from graph.db import Graph
from procedure.policy import ProcedurePolicy, default_policy
from referrals import Filters, due_fields, list_referrals
from referrals.service import LIST as REFERRALS
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


def referral_rows(
    homes: list[Any], count: int, rng: Random, policy: ProcedurePolicy, calendar: Calendar
) -> list[dict[str, Any]]:
    """`count` referrals on random households, each with its running deadline (P11)."""
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
                "due_on": due_fields({"sent_on": sent, "status": status}, policy, calendar)[
                    "due_on"
                ],
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
        referral.update(due_fields(referral, policy, calendar))
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


def seed_all(args: argparse.Namespace, graph: Graph, rng: Random) -> list[str]:
    """Seed the applications, referrals and relief cases; the households of the referrals
    and relief cases (the chains drawn from)."""
    homes = load_homes(graph)
    if not homes:
        raise SystemExit("no households in region 44: run bench/load_throughput.py first")
    started = time.perf_counter()
    policy, calendar = default_policy(), Calendar.from_graph(graph)
    applications = 0
    if args.applications:
        snapshots = templates(graph, homes, args.templates, date(2026, 6, 1), rng)
        seeder = Seeder(homes, snapshots, calendar, policy, rng)
        applications = seed(graph, seeder, args.applications, 500).applications
    rows = referral_rows(homes, args.referrals, rng, policy, calendar)
    for i in range(0, len(rows), 1000):
        graph.driver.execute_query(
            SEED_REFERRALS, {"rows": rows[i : i + 1000]}, database_=graph.database
        )
    relief, statuses = seed_relief(graph, homes, args.relief, rng, policy, calendar)
    print(
        f"seeded {applications:,} applications, {len(rows):,} referrals and {len(relief):,} "
        f"relief cases ({dict(sorted(statuses.items()))}) on {len(homes):,} households in "
        f"{time.perf_counter() - started:.1f} s"
    )
    ids = {r["referral"]["household_id"] for r in rows}
    ids |= {r["relief"]["household_id"] for r in relief}
    return rng.sample(sorted(ids), min(args.households, len(ids)))


def run(args: argparse.Namespace, graph: Graph, rng: Random) -> None:
    ids = seed_all(args, graph, rng)
    as_of = args.as_of

    def service(household_id: str) -> object:
        return assistance_chain(graph, "44", household_id, as_of)

    def params(household_id: str) -> dict[str, Any]:
        return {"household_id": household_id, "region_prefix": "44", "as_of": as_of}

    def floor(household_id: str) -> Any:
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
    phases = [("service", service), ("floor: chain.cypher", floor), ("floor: three queries", three)]
    report(args, phases, ids, f"{len(ids)} households")
    overdue(args, graph)


def report(
    args: argparse.Namespace, phases: Sequence[tuple[str, Callable[[str], object]]], ids: list[str],
    drawn: str,
) -> None:  # fmt: skip
    """Warm up and measure each phase in turn; the table and each floor's ratio."""
    results = []
    for name, call in phases:
        measure(call, ids, args.warmup, args.concurrency, args.seed + 1)
        times, wall = measure(call, ids, args.requests, args.concurrency, args.seed)
        results.append((name, times, wall))
    print(f"{args.concurrency} clients, {args.requests} requests, {drawn}:")
    print(table(["", "p50 ms", "p95 ms", "p99 ms", "mean ms", "req/s"],
                [row(n, t, w) for n, t, w in results]))  # fmt: skip
    first = results[0][1]
    for name, times, _ in results[1:]:
        print(
            f"{results[0][0]} / {name}: p50 {percentile(first, 50) / percentile(times, 50):.2f}x,"
            f" p95 {percentile(first, 95) / percentile(times, 95):.2f}x"
        )


COUNTY_REFERRALS = """
MATCH (r:Referral)
WHERE r.referral_id STARTS WITH 'RF-BENCH-'
RETURN substring(r.township_code, 0, 6) AS county, count(*) AS n
ORDER BY n DESC LIMIT 1
"""
OVERDUE_IDS = """
MATCH (r:Referral)
WHERE r.township_code STARTS WITH $county AND r.due_on < $overdue_on
RETURN r.referral_id AS id ORDER BY id
"""


def overdue(args: argparse.Namespace, graph: Graph) -> None:
    """The county's overdue-referral list (P11, `GET /v1/referrals?overdue_on=`), pages of 50
    from cursors drawn among its overdue referrals: `referrals.list_referrals` against
    `referrals/list.cypher` through the driver."""
    db = graph.database
    found = graph.driver.execute_query(COUNTY_REFERRALS, database_=db).records[0]
    county, on = found["county"], args.as_of
    overdue_ids = [r["id"] for r in graph.driver.execute_query(
        OVERDUE_IDS, {"county": county, "overdue_on": on}, database_=db).records]  # fmt: skip
    total = graph.driver.execute_query(
        "MATCH (r:Referral) WHERE r.due_on < $on RETURN count(*) AS n", {"on": on}, database_=db
    ).records[0]["n"]
    print(
        f"county {county}: {found['n']:,} referrals, {len(overdue_ids):,} overdue on {on} "
        f"({total:,} in the province)"
    )
    cursors = ["", *overdue_ids[:: max(1, len(overdue_ids) // 200)]]
    filters = Filters(overdue_on=on)

    def service(cursor: str) -> object:
        return list_referrals(graph, county, filters, cursor, 50)

    def floor(cursor: str) -> object:
        params = {"region_prefix": county, "department": None, "status": None,
                  "overdue_on": on, "cursor": cursor, "limit": 50}  # fmt: skip
        return graph.driver.execute_query(REFERRALS.text, params, database_=db, routing_="r")

    phases = [("overdue list", service), ("floor: list.cypher", floor)]
    report(args, phases, cursors, f"{len(cursors)} cursors of county {county}, pages of 50")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=100_000, help="seeded")
    parser.add_argument("--referrals", type=int, default=20_000, help="seeded")
    parser.add_argument("--relief", type=int, default=5_000, help="seeded relief cases")
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
        if old := unseed(graph) + unseed_referrals(graph) + unseed_relief(graph):
            print(f"deleted {old:,} cases an earlier run kept")
        try:
            run(args, graph, rng)
        finally:
            if not args.keep:
                gone = unseed(graph) + unseed_referrals(graph) + unseed_relief(graph)
                print(f"deleted the {gone:,} seeded cases")
    print("load average at the end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
