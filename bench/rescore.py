"""Full and incremental rescoring time on the loaded database (RULES §4, W1–W7).

    NEO4J_URI=... .venv/bin/python bench/load_throughput.py --households 100000
    NEO4J_URI=... .venv/bin/python bench/rescore.py --as-of 2026-11-01 [--new-events 10000]

Prints: the floor (one plain Cypher scan reading every event once), a full rescore, then
`--new-events` new events loaded through the loader and an incremental rescore. It writes
warnings: run it on a scratch database. Warnings and runs of earlier bench runs are removed
first so that the full run starts from no open warning.
"""

import argparse
import random
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

from graph.db import Graph, graph_for, open_driver
from graph.schema import migrate
from hhgraph.settings import get_settings
from loaders.pipeline import load_records
from loaders.read import RawRecord
from scoring.rescore import rescore_households
from scoring.ruleset import default_ruleset
from scoring.workdays import Calendar

T = TypeVar("T")
FLOOR = """
MATCH (e:Event)
RETURN count(e) AS events, count(DISTINCT e.indicator) AS indicators
"""


def timed(label: str, work: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = work()
    print(f"{label:<34} {time.perf_counter() - started:>8.1f} s")
    return result


def new_events(graph: Graph, n: int, as_of: date, seed: int) -> list[RawRecord]:
    rows = graph.driver.execute_query(
        "MATCH (p:Person)-[m:MEMBER_OF]->() WHERE m.to IS NULL RETURN p.person_id AS id LIMIT $n",
        {"n": n * 3},
        database_="neo4j",
    ).records
    ids = [r["id"] for r in rows]
    rng = random.Random(seed)  # noqa: S311 - synthetic bench data, not security
    return [
        RawRecord(
            i,
            {
                "source": "human_resources",
                "event_id": f"BENCH-{seed}-{i}",
                "indicator": "unemployment_registered",
                "person_id": rng.choice(ids),
                "occurred_on": (as_of - timedelta(days=rng.randrange(30))).isoformat(),
            },
        )
        for i in range(n)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 1))
    parser.add_argument("--new-events", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=2_000)
    args = parser.parse_args()
    settings = get_settings()
    rules = default_ruleset()
    with open_driver(settings) as driver:
        graph = graph_for(driver, settings)
        migrate(graph)  # incremental runs need the updated_at indexes
        with driver.session(database=graph.database) as session:
            session.run(
                "MATCH (n) WHERE n:Warning OR n:RescoreRun "
                "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
            ).consume()
        calendar = Calendar.from_graph(graph)
        floor = timed(
            "floor: scan every event once",
            lambda: driver.execute_query(FLOOR, database_=graph.database).records[0],
        )
        print(f"  {floor['events']:,} events")
        full = timed(
            "full rescore",
            lambda: rescore_households(
                graph, args.as_of, "full", rules, calendar.due_date, batch_size=args.batch_size
            ),
        )
        print(f"  {full.households:,} households, {full.counts}")
        events = new_events(graph, args.new_events, args.as_of, seed=int(time.time()))
        timed(f"load {len(events):,} new events", lambda: load_records(graph, "events", events))
        inc = timed(
            "incremental rescore",
            lambda: rescore_households(
                graph,
                args.as_of,
                "incremental",
                rules,
                calendar.due_date,
                batch_size=args.batch_size,
            ),
        )
        print(f"  {inc.households:,} households, {inc.counts}")


if __name__ == "__main__":
    main()
