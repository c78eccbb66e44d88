"""Open warnings' deadlines counted again when the calendar feed changes (RULES W3, W4;
issue 13 item 9), through the real loader and rescoring, against the real server."""

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import chinese_calendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.db import Graph
from loaders.pipeline import load_records
from loaders.read import RawRecord
from scoring.deadlines import visit_deadlines
from scoring.rescore import Mode, rescore_households
from scoring.ruleset import default_ruleset
from scoring.workdays import Calendar, Deadline
from tests.loaders import family
from tests.scoring.test_rescore import run, setup, warnings

DAY = timedelta(days=1)
PACKAGE_YEARS = range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)


def load_days(graph: Graph, entries: dict[date, str]) -> int:
    """Load calendar entries through the real loader; how many deadlines it recounted."""
    records = [
        RawRecord(i, {"date": d.isoformat(), "kind": k}) for i, (d, k) in enumerate(entries.items())
    ]
    report = load_records(graph, "calendar", records)
    assert report.rejected == []
    return report.deadlines_recomputed


def red_deadline(graph: Graph) -> tuple[date, bool]:
    red = next(w for w in warnings(graph) if w["household_id"] == "H1")
    return red["due_on"].to_native(), red["due_on_provisional"]


def test_issue13_item9_W4_a_provisional_deadline_is_final_only_when_its_days_are_loaded(
    graph: Graph,
) -> None:
    setup(graph)
    graph.driver.execute_query("MATCH (d:CalendarDay) DETACH DELETE d", database_="neo4j")
    run(graph, date(2026, 12, 30))  # red: Thu 31 Dec, then 2027 counted Monday-Friday
    # 1 January 2027 a holiday moves the third working day, but 2-5 January stay unknown.
    assert load_days(graph, {date(2027, 1, 1): "holiday"}) == 1
    assert red_deadline(graph) == (date(2027, 1, 5), True)
    weekend = {date(2027, 1, 2): "holiday", date(2027, 1, 3): "holiday"}
    assert load_days(graph, weekend | {date(2027, 1, 4): "workday"}) == 0
    assert red_deadline(graph) == (date(2027, 1, 5), True)
    assert load_days(graph, {date(2027, 1, 5): "workday"}) == 1
    assert red_deadline(graph) == (date(2027, 1, 5), False)


def test_issue13_item9_W4_correcting_a_known_day_recounts_the_open_deadlines_it_touches(
    graph: Graph,
) -> None:
    setup(graph)
    run(graph, date(2026, 9, 30))  # red due Sat 10 Oct 2026 (Thu 8, Fri 9, Sat 10 made up)
    assert red_deadline(graph) == (date(2026, 10, 10), False)
    assert load_days(graph, {date(2026, 10, 9): "holiday"}) == 1  # 2026: the package's year
    assert red_deadline(graph) == (date(2026, 10, 12), False)  # Thu 8, Sat 10, Mon 12
    assert load_days(graph, {date(2026, 11, 20): "holiday"}) == 0  # after the due day
    assert load_days(graph, {date(2026, 10, 9): "workday"}) == 1  # corrected back
    assert red_deadline(graph) == (date(2026, 10, 10), False)


def oracle(entries: dict[date, str], start: date, working_days: int) -> tuple[date, bool]:
    """W4 counted by hand: a fed day as fed, else the package for its years, else
    Monday-Friday and provisional."""
    day, counted, provisional = start, 0, False
    while counted < working_days:
        day += DAY
        if day in entries:
            counted += entries[day] == "workday"
        elif day.year in PACKAGE_YEARS:
            counted += chinese_calendar.is_workday(day)
        else:
            counted += day.weekday() < 5
            provisional = True
    return day, provisional


def open_deadlines(graph: Graph) -> list[dict[str, Any]]:
    return [w for w in warnings(graph) if w["status"] == "open" and w.get("deadline_days")]


span = st.dates(date(2026, 12, 20), date(2027, 1, 31))
loads = st.lists(
    st.dictionaries(span, st.sampled_from(["workday", "holiday"]), min_size=1, max_size=25),
    min_size=1,
    max_size=3,
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(as_of=st.dates(date(2026, 12, 18), date(2026, 12, 31)), batches=loads)
def test_issue13_item9_W4_open_deadlines_follow_every_calendar_load(
    graph: Graph, as_of: date, batches: list[dict[date, str]]
) -> None:
    """Whatever days are loaded, corrected or left out, in any order, every open deadline
    is the one counted by hand from the feed as it now stands."""
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
    setup(graph)
    run(graph, as_of)
    fed = {date.fromisoformat(r["date"]): r["kind"] for r in family.calendar()}
    for batch in batches:
        load_days(graph, batch)
        fed |= batch
        found = open_deadlines(graph)
        assert found, "the family has a red warning with a deadline"
        for w in found:
            expected = oracle(fed, w["deadline_from"].to_native(), w["deadline_days"])
            assert (w["due_on"].to_native(), w["due_on_provisional"]) == expected, (w, fed)


def test_issue13_item9_W4_a_calendar_load_while_a_run_runs_is_counted_at_its_end(
    graph: Graph,
) -> None:
    """The run counts deadlines with the calendar read before it started; a load landing
    after that read (its own recount saw no warning yet) is caught by the run's end."""
    setup(graph)
    stale = Calendar.from_graph(graph)
    assert load_days(graph, {date(2026, 10, 9): "holiday"}) == 0  # no warning yet
    rescore_households(graph, date(2026, 9, 30), Mode.FULL, default_ruleset(), stale.due_date)
    assert red_deadline(graph) == (date(2026, 10, 12), False)  # not the stale 10 Oct


# --- issue 15 item 9: the deadline policy composed in one place ------------------------------


def test_issue15_item9_visit_deadlines_counts_with_the_calendar_feed_of_the_graph(
    graph: Graph,
) -> None:
    load_days(graph, {date(2025, 10, 9): "holiday", date(2025, 10, 12): "workday"})
    due = visit_deadlines(graph)
    assert due(date(2025, 9, 30), 3) == Deadline(date(2025, 10, 12), False)
    assert due(date(2025, 9, 30), 3).basis == ("2025-10-09:holiday", "2025-10-12:workday")


def _composes(source: str) -> bool:
    return "Calendar.from_graph(" in source or ".due_date" in source


def test_issue15_item9_no_product_module_composes_the_deadline_policy_itself() -> None:
    """The CLI, the API and the recounts all take `visit_deadlines`: a second composition
    (a calendar read and its `due_date` elsewhere) could count one deadline two ways."""
    root = Path(__file__).resolve().parents[2]
    allowed = {root / "scoring" / "deadlines.py", root / "scoring" / "workdays.py"}
    packages = ("core", "graph", "cypher", "scoring", "loaders", "synthetic", "api", "hhgraph")
    composing = [
        str(path.relative_to(root))
        for package in packages
        for path in sorted((root / package).rglob("*.py"))
        if path not in allowed and _composes(path.read_text(encoding="utf-8"))
    ]
    assert composing == []
