"""The C3 check of one household (`officials.related_officials`) in a store with many officials,
against its floor: the same three queries through the driver directly, measured in the same run.

    NEO4J_URI=... .venv/bin/python bench/officials_check.py [--households N] [--officials 50000]

With `--households`, the scratch database is emptied and N generated households are loaded
first (`benchlib.prepare`, the generated officials among them). Then `--officials` more are
made (persons of the store, drawn at random, each serving a county, township or village drawn
at random) and loaded through the real loader. The households measured are those of the
township with the most officials serving it (C3: the township, its villages and its county),
taken in turn: the wall time of `related_officials` per household (p50, p95, mean) and of the
floor (`officials/serving`, `officials/members_on` and `officials/relatives` run one after
another by `driver.execute_query`, with the same parameters, no conversion of rows), and their
ratio. Writes only the officials it adds.
"""

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from random import Random
from typing import Any

from benchlib import connect, prepare, table

from core.ids import Level, region_prefix
from graph.db import Graph
from loaders.pipeline import load_records
from loaders.read import RawRecord
from officials.filings import MEMBERS_ON, related_officials
from officials.relatives import RELATIVES
from officials.serving import SERVING, officials_serving

ON = date(2026, 11, 1)
ROLES = {"county": "handler", "township": "assistant", "village": "committee_member"}


def add_officials(graph: Graph, count: int, seed: int) -> None:
    """`count` officials: random persons of the store (drawn with replacement), each serving a
    random county, township or village from a random day of 2016–2025, loaded through the
    real loader."""
    rng = Random(seed)  # noqa: S311 - synthetic data, not security
    persons = [
        r["id"]
        for r in graph.driver.execute_query(
            "MATCH (p:Person) RETURN p.person_id AS id ORDER BY id", database_=graph.database
        ).records
    ]
    regions = [
        (r["code"], r["level"])
        for r in graph.driver.execute_query(
            "MATCH (r:Region) WHERE r.level IN ['county', 'township', 'village'] "
            "RETURN r.code AS code, r.level AS level ORDER BY code",
            database_=graph.database,
        ).records
    ]
    first, last = date(2016, 1, 1).toordinal(), date(2025, 12, 31).toordinal()
    records = []
    for i in range(count):  # a person may hold several seats, as in a small store they must
        person_id, (code, level) = rng.choice(persons), rng.choice(regions)
        start = date.fromordinal(rng.randint(first, last)).isoformat()
        records.append(
            RawRecord(
                i,
                {
                    "person_id": person_id,
                    "role": ROLES[level],
                    "region_code": code,
                    "from": start,
                    "to": None,
                },
            )
        )
    started = time.perf_counter()
    report = load_records(graph, "officials", records)
    seconds = time.perf_counter() - started
    print(
        f"loaded {report.received:,} officials in {seconds:.1f} s "
        f"({report.accepted:,} accepted, {report.rejected_count} rejected)"
    )


def busiest_township(graph: Graph) -> tuple[str, int]:
    """The township with the most officials serving it on ON, and their number."""
    townships = [
        r["code"]
        for r in graph.driver.execute_query(
            "MATCH (r:Region {level: 'township'}) RETURN r.code AS code ORDER BY code",
            database_=graph.database,
        ).records
    ]
    counts = {code: len(officials_serving(graph, code, ON)) for code in townships}
    best = max(counts, key=lambda code: (counts[code], code))
    return best, counts[best]


def households_of(graph: Graph, township: str, limit: int) -> list[str]:
    return [
        r["id"]
        for r in graph.driver.execute_query(
            "MATCH (h:Household) WHERE h.region_code STARTS WITH $prefix "
            "RETURN h.household_id AS id ORDER BY id LIMIT $limit",
            {"prefix": region_prefix(township), "limit": limit},
            database_=graph.database,
        ).records
    ]


def floor(graph: Graph, household_id: str, township: str) -> int:
    """The same three queries, by the driver alone: the number of relation rows."""
    run = graph.driver.execute_query
    db = graph.database
    serving = run(
        SERVING.text,
        {
            "county_code": township[: Level.COUNTY.value].ljust(12, "0"),
            "township_prefix": region_prefix(township),
            "on": ON,
        },
        database_=db,
    ).records
    members = run(MEMBERS_ON.text, {"household_id": household_id, "on": ON}, database_=db)
    member_ids = [r["person_id"] for r in members.records]
    if not serving or not member_ids:
        return 0
    params = {
        "official_ids": sorted({r["person_id"] for r in serving}),
        "member_ids": member_ids,
        "on": ON,
        "scope": "wide",
    }
    return len(run(RELATIVES.text, params, database_=db).records)


def timed(work: Callable[[str], Any], households: list[str], rounds: int) -> list[float]:
    """Milliseconds per call of `work(household)`, the households taken in turn."""
    times = []
    for n in range(rounds):
        started = time.perf_counter()
        work(households[n % len(households)])
        times.append((time.perf_counter() - started) * 1000)
    return times


def row(name: str, ms: list[float]) -> list[str]:
    p95 = statistics.quantiles(ms, n=20)[-1]
    return [
        name,
        str(len(ms)),
        f"{statistics.median(ms):.2f}",
        f"{p95:.2f}",
        f"{statistics.fmean(ms):.2f}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=None)
    parser.add_argument("--officials", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with connect(timeout_s=600) as graph, tempfile.TemporaryDirectory() as tmp:
        prepare(graph, args.households, args.seed, 5_000, Path(tmp))
        if args.officials:
            add_officials(graph, args.officials, args.seed)
        total = graph.driver.execute_query(
            "MATCH ()-[s:SERVES]->() RETURN count(s) AS n", database_=graph.database
        ).records[0]["n"]
        township, serving = busiest_township(graph)
        households = households_of(graph, township, 50)
        hits = sum(len(related_officials(graph, h, township, ON)) for h in households)
        print(
            f"{total:,} SERVES edges; township {township}: {serving:,} officials serving it "
            f"on {ON}, {len(households)} households measured, {hits} C3 hits among them"
        )

        def check(household_id: str) -> object:
            return related_officials(graph, household_id, township, ON)

        def bare(household_id: str) -> object:
            return floor(graph, household_id, township)

        timed(check, households, 30)  # warm the plans and the page cache
        timed(bare, households, 30)
        ours, base = [], []
        for _ in range(3):  # taking turns, so that a busy moment hits both
            ours += timed(check, households, args.rounds // 3)
            base += timed(bare, households, args.rounds // 3)
    print(
        table(
            ["C3 check of one household", "calls", "p50 ms", "p95 ms", "mean ms"],
            [row("related_officials", ours), row("floor (driver, same Cypher)", base)],
        )
    )
    print(
        f"ratio p50 {statistics.median(ours) / statistics.median(base):.2f}x, "
        f"mean {statistics.fmean(ours) / statistics.fmean(base):.2f}x"
    )


if __name__ == "__main__":
    main()
