"""Working days and visit deadlines (RULES W3, W4): feed entries, chinese_calendar, Mon–Fri."""

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.db import Graph
from loaders.pipeline import load_records
from loaders.read import RawRecord
from scoring.workdays import Calendar, Deadline, known_years, package_covers

DAY = timedelta(days=1)
EMPTY = Calendar.from_entries({})
# The package's range, read from its own table: the test's oracle, independent of workdays.py.
PACKAGE_YEARS = range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)
# The first year after the package's data: what it is depends on the installed version.
UNCOVERED = PACKAGE_YEARS.stop
MONDAY, THURSDAY, FRIDAY, SATURDAY = 0, 3, 4, 5


def first_weekday(year: int, month: int, weekday: int) -> date:
    """The first day of `month` that falls on `weekday` (0 = Monday)."""
    day = date(year, month, 1)
    return day + DAY * ((weekday - day.weekday()) % 7)


def load_calendar(graph: Graph, entries: dict[date, str]) -> None:
    records = [{"date": d.isoformat(), "kind": k} for d, k in entries.items()]
    report = load_records(graph, "calendar", [RawRecord(i, r) for i, r in enumerate(records)])
    assert report.rejected == []
    assert report.applied == len(records)


# --- counting (W4: the issue day does not count) -----------------------------------------


def test_friday_plus_three_working_days_is_next_wednesday() -> None:
    assert EMPTY.due_date(date(2025, 3, 7), 3) == Deadline(date(2025, 3, 12), provisional=False)


def test_the_issue_day_does_not_count_even_when_it_is_a_working_day() -> None:
    monday = date(2025, 3, 3)
    assert EMPTY.is_workday(monday)
    assert EMPTY.due_date(monday, 1).due_on == date(2025, 3, 4)


def test_a_weekend_is_skipped() -> None:
    thursday = date(2025, 3, 6)
    assert EMPTY.due_date(thursday, 2).due_on == date(2025, 3, 10)  # Fri, then Mon


def test_an_issue_day_on_a_weekend_counts_from_monday() -> None:
    assert EMPTY.due_date(date(2025, 3, 8), 1).due_on == date(2025, 3, 10)


def test_working_days_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        EMPTY.due_date(date(2025, 3, 3), 0)


# --- chinese_calendar: statutory holidays and make-up days -------------------------------


def test_the_installed_package_has_the_2025_national_day_schedule() -> None:
    # What the deadlines below rely on, so that a changed package shows up here first.
    assert not any(chinese_calendar.is_workday(date(2025, 10, d)) for d in range(1, 9))
    assert chinese_calendar.is_workday(date(2025, 9, 28))  # Sunday, made up
    assert chinese_calendar.is_workday(date(2025, 10, 11))  # Saturday, made up


def test_a_made_up_sunday_before_national_day_counts() -> None:
    friday = date(2025, 9, 26)
    assert EMPTY.due_date(friday, 3) == Deadline(date(2025, 9, 30), provisional=False)


def test_national_day_2025_is_skipped_and_the_made_up_saturday_counts() -> None:
    tuesday = date(2025, 9, 30)
    assert EMPTY.due_date(tuesday, 3) == Deadline(date(2025, 10, 11), provisional=False)
    assert EMPTY.due_date(tuesday, 5).due_on == date(2025, 10, 14)  # Thu, Fri, Sat, Mon, Tue


@pytest.mark.skipif(2026 not in PACKAGE_YEARS, reason="the installed package lacks 2026")
def test_spring_festival_and_national_day_2026() -> None:
    # Spring Festival: Sat 14 Feb made up, 15–23 Feb off; National Day: 1–7 Oct off, Sat 10 Oct
    # made up.
    assert EMPTY.due_date(date(2026, 2, 13), 3) == Deadline(date(2026, 2, 25), provisional=False)
    assert EMPTY.due_date(date(2026, 9, 30), 3) == Deadline(date(2026, 10, 10), provisional=False)


def test_a_feed_entry_overrides_the_package() -> None:
    calendar = Calendar.from_entries({date(2025, 10, 9): "holiday", date(2025, 10, 12): "workday"})
    assert chinese_calendar.is_workday(date(2025, 10, 9))
    assert not chinese_calendar.is_workday(date(2025, 10, 12))
    assert calendar.classify(date(2025, 10, 9)) == (False, False)
    assert calendar.classify(date(2025, 10, 12)) == (True, False)
    # Thu 9 is now off; Fri 10, Sat 11 (made up), Sun 12 (fed as a working day).
    assert calendar.due_date(date(2025, 9, 30), 3) == Deadline(date(2025, 10, 12), False)


# --- years neither source covers ---------------------------------------------------------


def test_a_year_neither_source_covers_counts_monday_to_friday_provisionally() -> None:
    assert not package_covers(UNCOVERED)
    assert not EMPTY.is_known_year(UNCOVERED)
    friday = first_weekday(UNCOVERED, 10, FRIDAY)
    assert EMPTY.classify(friday) == (True, True)
    assert EMPTY.classify(friday + DAY) == (False, True)
    assert EMPTY.due_date(friday, 3) == Deadline(friday + 5 * DAY, provisional=True)


def test_a_deadline_running_into_an_unknown_year_is_provisional() -> None:
    issued = date(UNCOVERED - 1, 12, 28)  # Dec 29–31 hold at most 3 working days
    deadline = EMPTY.due_date(issued, 5)
    assert deadline.due_on.year == UNCOVERED
    assert deadline.provisional
    assert not EMPTY.due_date(issued, 1).provisional


def test_issue13_item9_W4_one_feed_entry_makes_only_its_own_day_known() -> None:
    new_year = date(UNCOVERED, 1, 1)
    calendar = Calendar.from_entries({new_year: "holiday"})
    assert not calendar.is_known_year(UNCOVERED)
    assert not calendar.is_provisional(new_year)
    assert calendar.is_provisional(date(UNCOVERED, 7, 1))
    assert calendar.is_provisional(new_year + DAY)
    # Counting past 1 January into days the feed did not cover stays provisional.
    assert calendar.due_date(new_year - DAY, 3).provisional
    assert known_years(calendar, [UNCOVERED - 1, UNCOVERED, UNCOVERED + 1]) == {UNCOVERED - 1}


def whole_year(year: int) -> dict[date, str]:
    """Every day of `year` as a feed entry: weekends off, weekdays working."""
    days = (date(year + 1, 1, 1) - date(year, 1, 1)).days
    first = date(year, 1, 1)
    return {
        first + DAY * i: "holiday" if (first + DAY * i).weekday() >= 5 else "workday"
        for i in range(days)
    }


def test_issue13_item9_W4_a_year_is_known_once_the_feed_covers_every_day() -> None:
    entries = whole_year(UNCOVERED)
    assert Calendar.from_entries(entries).is_known_year(UNCOVERED)
    del entries[date(UNCOVERED, 12, 31)]
    partial = Calendar.from_entries(entries)
    assert not partial.is_known_year(UNCOVERED)
    assert partial.is_provisional(date(UNCOVERED, 12, 31))
    assert not partial.is_provisional(date(UNCOVERED, 12, 30))


def test_W4_a_deadline_keeps_the_feed_entries_it_counted_as_its_basis() -> None:
    calendar = Calendar.from_entries({date(2025, 10, 9): "holiday", date(2025, 10, 12): "workday"})
    deadline = calendar.due_date(date(2025, 9, 30), 3)
    assert deadline.basis == ("2025-10-09:holiday", "2025-10-12:workday")
    assert calendar.due_date(date(2025, 10, 13), 3).basis == ()  # no entry in its span


def test_bad_entries_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown calendar kinds"):
        Calendar.from_entries({date(2025, 1, 1): "weekend"})
    with pytest.raises(ValueError, match="both workday and holiday"):
        Calendar(workdays=frozenset({date(2025, 1, 1)}), holidays=frozenset({date(2025, 1, 1)}))
    with pytest.raises(ValueError, match="outside the scope"):
        Calendar.from_entries({date(2025, 1, 1): "holiday"}, scope=[2024])


# --- from the graph, loaded through the real loader --------------------------------------


def test_from_graph_reads_feed_entries_that_override_the_package(graph: Graph) -> None:
    load_calendar(graph, {date(2025, 10, 9): "holiday", date(2025, 10, 12): "workday"})
    calendar = Calendar.from_graph(graph)
    assert calendar.holidays == {date(2025, 10, 9)}
    assert calendar.workdays == {date(2025, 10, 12)}
    assert calendar.due_date(date(2025, 9, 30), 3) == Deadline(date(2025, 10, 12), False)


def test_loading_an_unknown_years_calendar_makes_its_deadline_final(graph: Graph) -> None:
    monday = first_weekday(UNCOVERED, 10, MONDAY)
    before = Calendar.from_graph(graph, [UNCOVERED])
    assert before.due_date(monday, 3) == Deadline(monday + 3 * DAY, provisional=True)

    # Tue–Thu off (a statutory holiday), Saturday made up: the days of that week as fed.
    week = {monday + DAY * i: "workday" for i in (4, 5, 7)}
    week |= {monday + DAY * i: "holiday" for i in (1, 2, 3, 6)}
    load_calendar(graph, week)
    after = Calendar.from_graph(graph, [UNCOVERED])
    assert not after.is_known_year(UNCOVERED)  # only that week is known
    # Fri, Sat (made up), Mon.
    assert after.due_date(monday, 3) == Deadline(monday + 7 * DAY, provisional=False)


def test_issue13_item9_W4_a_deadline_into_a_new_year_is_final_only_once_its_days_are_fed(
    graph: Graph,
) -> None:
    issued = date(UNCOVERED - 1, 12, 28)
    years = [UNCOVERED - 1, UNCOVERED]
    assert Calendar.from_graph(graph, years).due_date(issued, 5).provisional
    load_calendar(graph, {date(UNCOVERED, 1, 1): "holiday"})
    assert Calendar.from_graph(graph, years).due_date(issued, 5).provisional
    january = {d: k for d, k in whole_year(UNCOVERED).items() if d.month == 1 and d.day > 1}
    load_calendar(graph, january)
    assert not Calendar.from_graph(graph, years).due_date(issued, 5).provisional


def test_from_graph_reads_only_the_years_asked_for(graph: Graph) -> None:
    load_calendar(graph, {date(2025, 10, 9): "holiday", date(UNCOVERED, 1, 1): "holiday"})
    calendar = Calendar.from_graph(graph, [UNCOVERED])
    assert calendar.holidays == {date(UNCOVERED, 1, 1)}
    assert calendar.feed_years == {UNCOVERED}
    # 2025's entries were not read: any answer for 2025 could be wrong, so there is none.
    with pytest.raises(ValueError, match="were not read"):
        calendar.is_workday(date(2025, 10, 9))
    with pytest.raises(ValueError, match="were not read"):
        calendar.is_known_year(2025)


# --- properties ----------------------------------------------------------------------------

# A calendar with an override in a covered year and a loaded year the package lacks.
MIXED = Calendar.from_entries(
    {
        date(2025, 10, 9): "holiday",
        date(2025, 10, 12): "workday",
        first_weekday(UNCOVERED, 10, THURSDAY): "holiday",
        first_weekday(UNCOVERED, 10, SATURDAY): "workday",
    }
)
issue_days = st.dates(date(PACKAGE_YEARS.start - 2, 1, 1), date(UNCOVERED + 2, 12, 31))
visit_days = st.sampled_from([3, 5, 7, 10])


@given(issued=issue_days, n=visit_days)
def test_the_due_day_is_the_nth_working_day_after_the_issue_day(issued: date, n: int) -> None:
    deadline = MIXED.due_date(issued, n)
    assert deadline.due_on > issued
    assert MIXED.working_days_between(issued, deadline.due_on) == n
    assert MIXED.is_workday(deadline.due_on)
    days = [issued + DAY * i for i in range(1, (deadline.due_on - issued).days + 1)]
    fed = {d: "workday" for d in MIXED.workdays} | {d: "holiday" for d in MIXED.holidays}
    unknown = [d for d in days if d.year not in PACKAGE_YEARS and d not in fed]
    assert deadline.provisional == bool(unknown)
    assert list(deadline.basis) == [f"{d}:{fed[d]}" for d in days if d in fed]


@given(issued=st.dates(date(PACKAGE_YEARS.start, 1, 1), date(PACKAGE_YEARS.stop - 1, 11, 30)))
def test_without_feed_entries_the_package_decides(issued: date) -> None:
    # Oracle: count with the package directly (late November leaves room within its range).
    day, counted = issued, 0
    while counted < 5:
        day += DAY
        counted += chinese_calendar.is_workday(day)
    assert EMPTY.due_date(issued, 5) == Deadline(day, provisional=False)
