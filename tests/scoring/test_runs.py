"""One rescoring run at a time, one open warning per household, runs known to be dead
(RULES W6, W7; issue 14 items 3 and 10), against the real server with real racing threads."""

import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from neo4j.exceptions import ConstraintError

from graph.db import Graph
from loaders.files import load_file
from loaders.records import FEEDS
from scoring import rescore, runs
from scoring.rescore import Mode, level_params, rescore_households
from scoring.ruleset import default_ruleset
from scoring.score import score_params
from scoring.workdays import Calendar
from synthetic import generate
from tests.scoring.test_rescore import close_open_warning, setup

RULES = default_ruleset()
ROUNDS = 12


def open_warnings_per_household(graph: Graph) -> dict[str, int]:
    rows = graph.driver.execute_query(
        "MATCH (w:Warning {status: 'open'}) RETURN w.household_id AS h, count(w) AS n",
        database_="neo4j",
    ).records
    return {r["h"]: r["n"] for r in rows}


def load_generated(graph: Graph, folder: Path, households: int) -> None:
    generate(households, folder, seed=3)
    for feed in FEEDS:
        load_file(graph, feed, folder / f"{feed}.jsonl")


def race(*calls: Callable[[], Any]) -> list[Any]:
    """Run `calls` at once (a barrier releases them together); their results or errors."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def start(i: int, call: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[i] = call()
        except Exception as exc:
            results[i] = exc

    threads = [threading.Thread(target=start, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_issue14_item3_W6_the_store_refuses_a_second_open_warning_for_a_household(
    graph: Graph,
) -> None:
    setup(graph)
    rescore_households(
        graph, date(2026, 9, 30), Mode.FULL, RULES, Calendar.from_graph(graph).due_date
    )
    second = (
        "CREATE (:Warning {warning_id: 'H1-x', household_id: 'H1', status: 'open', open_key: 'H1'})"
    )
    with pytest.raises(ConstraintError):
        graph.driver.execute_query(second, database_="neo4j")
    close_open_warning(graph, "H1", date(2026, 10, 1))  # closed: its key is gone
    graph.driver.execute_query(second, database_="neo4j")
    assert open_warnings_per_household(graph)["H1"] == 1


def test_issue14_item3_W6_batches_of_two_runs_racing_for_the_same_households_issue_one_warning(
    graph: Graph, tmp_path: Path
) -> None:
    """Without the lock (the store's own guard): two runs' batches with different as-of
    dates over the same households at once, many times over."""
    load_generated(graph, tmp_path, 60)
    (page,) = graph.read(rescore.HOUSEHOLD_IDS_PAGE, {"after": "", "limit": 100})
    ids = page["household_ids"]
    calendar = Calendar.from_graph(graph)

    def batch(as_of: date) -> Callable[[], dict[str, int]]:
        params = score_params(RULES, as_of) | {
            "levels": level_params(RULES, as_of, calendar.due_date),
            "ruleset": RULES.version,
            "run_id": f"race-{as_of}",
            "household_ids": ids,
        }
        return lambda: rescore._rescore_batch(graph, params)

    for round_ in range(ROUNDS):
        graph.driver.execute_query("MATCH (w:Warning) DETACH DELETE w", database_="neo4j")
        outcomes = race(batch(date(2026, 10, 1)), batch(date(2026, 11, 1) + timedelta(days=round_)))
        assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
        per_household = open_warnings_per_household(graph)
        assert per_household, "the data set has warned households"
        assert set(per_household.values()) == {1}, round_


def test_issue14_item3_two_runs_at_once_one_runs_and_the_other_is_refused_with_its_id(
    graph: Graph, tmp_path: Path
) -> None:
    load_generated(graph, tmp_path, 200)
    calendar = Calendar.from_graph(graph)

    def run(as_of: date) -> Callable[[], Any]:
        return lambda: rescore_households(
            graph, as_of, Mode.FULL, RULES, calendar.due_date, batch_size=20, workers=1
        )

    refused = 0
    for round_ in range(ROUNDS):
        later = timedelta(days=round_)
        outcomes = race(run(date(2026, 10, 1) + later), run(date(2026, 11, 1) + later))
        done = [o for o in outcomes if isinstance(o, rescore.RunSummary)]
        busy = [o for o in outcomes if isinstance(o, runs.RescoreBusy)]
        assert len(done) + len(busy) == 2, outcomes  # nothing else went wrong
        assert done, outcomes
        assert all(b.holder in {d.run_id for d in done} for b in busy)
        refused += len(busy)
        assert set(open_warnings_per_household(graph).values()) == {1}, round_
    assert refused > 0  # the races did overlap


def test_issue14_item10_a_run_that_lost_the_lock_stops_and_leaves_it_to_the_new_holder(
    graph: Graph, tmp_path: Path
) -> None:
    load_generated(graph, tmp_path, 30)

    def taken_over(done: int, total: int) -> None:
        if done == 1:  # the run looked dead, and another took the lock
            graph.write(runs.LOCK_TAKE, {"run_id": "run-other", "reason": "looked dead"})

    with pytest.raises(runs.RunInterrupted):
        rescore_households(
            graph,
            date(2026, 11, 1),
            Mode.FULL,
            RULES,
            Calendar.from_graph(graph).due_date,
            batch_size=1,
            workers=1,
            on_progress=taken_over,
        )
    rows = graph.driver.execute_query(
        "MATCH (r:RescoreRun) RETURN r.status AS status, r.done AS done", database_="neo4j"
    ).records
    assert len(rows) == 1
    assert rows[0]["status"] == "interrupted"
    assert rows[0]["done"] <= 3  # of 30: the batch that saw it, and one in flight
    holder = graph.driver.execute_query(
        "MATCH (l:RescoreLock) RETURN l.run_id AS holder", database_="neo4j"
    ).records
    assert holder[0]["holder"] == "run-other"  # the finishing run left the new holder's lock


def test_issue14_item10_owner_dead_knows_this_hosts_processes() -> None:
    me = runs.this_process("cli")
    assert not runs.owner_dead(me.host, me.pid, me.token)
    assert runs.owner_dead(me.host, me.pid, "an earlier life of this pid")
    assert not runs.owner_dead("another-host", me.pid, "any")  # only its heartbeat can tell
    assert runs.owner_dead(me.host, 2**22 + 7, "gone")  # above Linux's pid_max
