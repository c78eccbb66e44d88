"""Incremental rescoring gives the warnings a full run gives (RULES W2, W6, W7; issue 13
item 8): also for events that enter or leave the moving window between two runs, and for a
job queued over HTTP."""

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.app import create_app
from core.settings import Settings
from graph.db import Graph
from scoring.ruleset import default_ruleset
from tests.helpers import bearer
from tests.loaders import family
from tests.scoring.test_rescore import close_open_warning, run, warnings
from tests.scoring.test_score import base, event, load

RULES = default_ruleset()
LAST = date(2026, 9, 30)  # the as-of date of the first run
SUBJECTS = [
    {"household_id": "H1"},
    {"household_id": "H2"},
    {"person_id": family.GRANDMA},
    {"person_id": family.CHILD},
    {"person_id": family.UNCLE},
]
INDICATORS = ["accident", "disaster", "death", "birth", "marriage_or_divorce", "petition"]


def test_issue13_item8_W2_an_event_reported_ahead_of_its_date_is_scored_once_in_the_window(
    graph: Graph,
) -> None:
    base(graph)
    # Reported on 30 Sep for 9 Oct: not yet in the window of the 30 Sep run.
    load(graph, "events", [event("accident", date(2026, 10, 9), person_id=family.UNCLE)])
    load(graph, "events", [event("disaster", date(2026, 7, 15), household_id="H2")])
    first = run(graph, LAST)
    assert first.counts["green"] == 1  # H2: the disaster only
    second = run(graph, date(2026, 10, 12), "incremental")  # nothing loaded since
    assert second.households == 1
    h2 = [w for w in warnings(graph) if w["household_id"] == "H2"]
    assert [(w["level"], w["score"]) for w in h2] == [("orange", 8)]


def test_issue13_item8_W2_an_earlier_as_of_brings_older_events_back_into_the_window(
    graph: Graph,
) -> None:
    base(graph)
    load(graph, "events", [event("petition", date(2025, 9, 1), household_id="H1")])
    assert run(graph, LAST).counts == {"none": 2}  # window (2025-09-30, 2026-09-30]
    again = run(graph, date(2026, 8, 15), "incremental")  # (2025-08-15, 2026-08-15]
    assert again.households == 1
    h1 = [w for w in warnings(graph) if w["household_id"] == "H1"]
    assert [(w["level"], w["issued_on"].to_native()) for w in h1] == [("blue", date(2026, 8, 15))]


def test_issue13_item8_W2_W6_a_household_whose_event_left_the_window_is_looked_at(
    graph: Graph,
) -> None:
    """An event leaving the window only lowers a score, and a lower score never lowers nor
    closes a warning (W6): no warning changes. The run looks at the household all the same,
    so that incremental equals full without relying on that argument."""
    base(graph)
    load(graph, "events", [event("petition", date(2025, 10, 5), household_id="H1")])
    run(graph, LAST)  # H1 blue 6, covering the petition
    close_open_warning(graph, "H1", LAST)
    incremental = run(graph, date(2026, 10, 10), "incremental")  # it left on 5 Oct 2026
    assert incremental.households == 1
    assert [w["status"] for w in warnings(graph) if w["household_id"] == "H1"] == ["closed"]


def test_issue13_item8_a_queued_job_records_its_start_and_incremental_follows_it(
    graph: Graph, settings: Settings
) -> None:
    base(graph)
    load(graph, "events", [event("death", date(2026, 9, 1), person_id=family.GRANDMA)])
    client = TestClient(create_app(settings, graph))
    headers = bearer("batch")
    for mode, counts in (("full", {"blue": 1, "none": 1}), ("incremental", {})):
        accepted = client.post(
            "/v1/rescore", json={"as_of": "2026-09-30", "mode": mode}, headers=headers
        )
        assert accepted.status_code == 202, accepted.text
        job = client.get(f"/v1/jobs/{accepted.json()['job_id']}", headers=headers).json()
        # Without a start time the first job was no "last success": the second ran in full.
        assert (job["status"], job["counts"]) == ("succeeded", counts), mode
    started = graph.driver.execute_query(
        "MATCH (r:RescoreRun) RETURN r.started_at IS NOT NULL AS started", database_="neo4j"
    ).records
    assert [r["started"] for r in started] == [True, True]


@dataclass(frozen=True)
class History:
    """Two runs and what happens between them: events loaded before the first run (some
    ahead of its date), a verification of H1's warning, events loaded after it."""

    early: list[dict[str, Any]]
    close_h1: bool
    late: list[dict[str, Any]]
    as_of: date


_ids = count(1)


@st.composite
def histories(draw: st.DrawFn) -> History:
    def events(n: int) -> list[dict[str, Any]]:
        drawn = []
        for _ in range(n):
            indicator = draw(st.sampled_from(INDICATORS))
            offset = draw(st.integers(-420, 420))
            subject = draw(st.sampled_from(SUBJECTS))
            record = event(indicator, LAST + timedelta(days=offset), **subject)
            drawn.append(record | {"event_id": f"X{next(_ids)}"})
        return drawn

    return History(
        early=events(draw(st.integers(0, 6))),
        close_h1=draw(st.booleans()),
        late=events(draw(st.integers(0, 3))),
        as_of=LAST + timedelta(days=draw(st.integers(-60, 420))),
    )


def replay(graph: Graph, history: History, mode: str) -> list[dict[str, Any]]:
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
    base(graph)
    if history.early:
        load(graph, "events", history.early)
    run(graph, LAST)
    if history.close_h1:
        close_open_warning(graph, "H1", LAST)
    if history.late:
        load(graph, "events", history.late)
    run(graph, history.as_of, mode)
    return warnings(graph)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=histories())
def test_issue13_item8_W7_incremental_gives_the_warnings_of_a_full_run(
    graph: Graph, history: History
) -> None:
    assert replay(graph, history, "incremental") == replay(graph, history, "full")
