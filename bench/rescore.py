"""Full and incremental rescoring time on the loaded database (RULES §4, W1–W7).

    NEO4J_URI=... .venv/bin/python bench/load_throughput.py --households 100000
    NEO4J_URI=... .venv/bin/python bench/rescore.py --as-of 2026-11-01 [--new-events 10000]

Prints two floors (one plain Cypher scan reading every event once; the same scan finding
each event's household, the least a score needs), a first full rescore
(every warning created), a second one (the daily steady state: warnings exist, only new
events are looked at for dependents), then `--new-events` new events loaded through the
loader and an incremental rescore. It writes
warnings: run it on a scratch database. Warnings and runs of earlier bench runs are removed
first so that the full run starts from no open warning.
"""

import argparse
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from core.settings import get_settings
from core.terms import RescoreMode
from cypher import migrations
from graph.db import Graph, graph_for, open_driver
from graph.schema import migrate
from loaders.pipeline import load_records
from loaders.read import RawRecord
from scoring.rescore import rescore_households
from scoring.ruleset import default_ruleset
from scoring.score import score_params
from scoring.workdays import Calendar

T = TypeVar("T")
FLOOR = """
MATCH (e:Event)
RETURN count(e) AS events, count(DISTINCT e.indicator) AS indicators
"""
# The least a score needs: every event of the window read once and its household found (the
# household it is about, or its person's household at the time), nothing written.
FLOOR_HOUSEHOLDS = """
MATCH (e:Event)
WHERE $window_start < e.occurred_on <= $as_of
CALL (e) {
  MATCH (e)-[:ABOUT]->(h:Household) RETURN h
  UNION
  MATCH (e)-[:ABOUT]->(:Person)-[m:MEMBER_OF]->(h:Household)
  WHERE m.from <= e.occurred_on AND (m.to IS NULL OR e.occurred_on <= m.to)
  RETURN h
}
RETURN count(*) AS pairs, count(DISTINCT h) AS households
"""


def timed(label: str, work: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = work()
    print(f"{label:<34} {time.perf_counter() - started:>8.1f} s")
    return result


class Phases:
    """When the last batch of a run finished: what follows is the dependents step."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.batches_done = self.started

    def progress(self, done: int, total: int) -> None:
        self.batches_done = time.perf_counter()

    def report(self) -> None:
        ended = time.perf_counter()
        print(
            f"  batches {self.batches_done - self.started:.1f} s, "
            f"dependents {ended - self.batches_done:.1f} s"
        )


SAMPLE = """
MATCH (e:Event)-[:ABOUT]->(s)
WITH e, s ORDER BY rand() LIMIT $n
RETURN e.source AS source, e.indicator AS indicator,
       s.person_id AS person_id, s.household_id AS household_id
"""
UNEMPLOYED = """
MATCH (p:Person)-[m:MEMBER_OF]->() WHERE m.to IS NULL
WITH p ORDER BY rand() LIMIT $n
RETURN 'human_resources' AS source, 'unemployment_registered' AS indicator,
       p.person_id AS person_id, null AS household_id
"""


def new_events(graph: Graph, n: int, as_of: date, seed: int, worst: bool) -> list[RawRecord]:
    """`n` new events of the last 30 days. By default each copies the department, indicator
    and subject of a random loaded event (the data's own mix); with `worst`, every one is a
    registered unemployment of a random current member, which flags all their relatives."""
    rows = graph.driver.execute_query(
        UNEMPLOYED if worst else SAMPLE, {"n": n}, database_=graph.database
    ).records
    rng = random.Random(seed)  # noqa: S311 - synthetic bench data, not security
    events = []
    for i in range(n):
        row = rows[i % len(rows)]
        subject = (
            {"person_id": row["person_id"]}
            if row["person_id"]
            else {"household_id": row["household_id"]}
        )
        day = as_of - timedelta(days=rng.randrange(30))
        events.append(
            RawRecord(
                i,
                {
                    "source": row["source"],
                    "event_id": f"BENCH-{seed}-{i}",
                    "indicator": row["indicator"],
                    "occurred_on": day.isoformat(),
                    **subject,
                },
            )
        )
    return events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 1))
    parser.add_argument("--new-events", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=2_000)
    parser.add_argument(
        "--worst-case",
        action="store_true",
        help="new events are all registered unemployments (every relative flagged)",
    )
    args = parser.parse_args()
    settings = get_settings()
    with open_driver(settings) as driver:
        graph = graph_for(driver, settings)
        migrate(graph, migrations())  # incremental runs need the updated_at indexes
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
        window = score_params(default_ruleset(), args.as_of)
        pairs = timed(
            "floor: events to their households",
            lambda: driver.execute_query(
                FLOOR_HOUSEHOLDS,
                {"window_start": window["window_start"], "as_of": args.as_of},
                database_=graph.database,
            ).records[0],
        )
        print(f"  {pairs['pairs']:,} event-household pairs, {pairs['households']:,} households")
        run = Runner(graph, args.as_of, calendar, args.batch_size)
        run("full rescore", "full")
        run("full rescore again (warnings exist)", "full")
        events = new_events(
            graph, args.new_events, args.as_of, seed=int(time.time()), worst=args.worst_case
        )
        timed(f"load {len(events):,} new events", lambda: load_records(graph, "events", events))
        run("incremental rescore", "incremental")


@dataclass(frozen=True)
class Runner:
    """One timed rescore, printed with its counts and where the time went."""

    graph: Graph
    as_of: date
    calendar: Calendar
    batch_size: int

    def __call__(self, label: str, mode: RescoreMode) -> None:
        phases = Phases()
        summary = timed(
            label,
            lambda: rescore_households(
                self.graph,
                self.as_of,
                mode,
                default_ruleset(),
                self.calendar.due_date,
                batch_size=self.batch_size,
                on_progress=phases.progress,
            ),
        )
        print(
            f"  {summary.households:,} households, {summary.counts}, "
            f"{summary.dependents_flagged:,} dependents flagged"
        )
        phases.report()


if __name__ == "__main__":
    main()
