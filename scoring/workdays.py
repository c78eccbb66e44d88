"""Working days (工作日) of mainland China for visit deadlines (RULES W3, W4).

A day is a working day when it is Monday to Friday and not a statutory holiday (法定节假日), or a
weekend day made up as a working day (调休). Three sources decide, first match wins:

1. the project's `calendar` feed, `(:CalendarDay {date, kind})`: official entries loaded by
   department systems; they override everything for their date;
2. the `chinese_calendar` package, for the years it covers (it raises `NotImplementedError`
   for the others; version 1.11.0 covers 2004–2026);
3. plain Monday to Friday.

A day is *known* when the package covers its year or the feed holds an entry for that very
day: a year the package lacks is known only as far as the feed covers it, day by day (issue 13
item 9: one entry, say 1 January, says nothing about July). A department that loads the
official calendar of such a year feeds each of its days, `workday` or `holiday` (weekends
included). A deadline is *provisional* when any day counted while computing it is not known.
Each deadline keeps its *basis*, the feed entries it looked at; `scoring.deadlines` recounts
every open deadline whose basis no longer matches the feed (a day newly covered or
corrected) and every provisional one (W4).

The package emits no warnings on import or use (checked for 1.11.0), so nothing is filtered.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

import chinese_calendar

from cypher import query
from graph.db import Graph

Kind = Literal["workday", "holiday"]
KINDS: frozenset[str] = frozenset({"workday", "holiday"})
DAY = timedelta(days=1)
QUERY_DAYS = query("calendar/days")


@dataclass(frozen=True, slots=True)
class Deadline:
    """A visit deadline (W3): the day it falls on, whether a day not known was counted, and
    the feed entries counted (`"YYYY-MM-DD:kind"`, by date) that a recount compares with the
    feed of the day (W4). Two deadlines are equal when they fall alike, whatever their basis."""

    due_on: date
    provisional: bool
    basis: tuple[str, ...] = field(default=(), compare=False)


@lru_cache(maxsize=8192)  # distinct days are few (365 a year); the package scans its table
def package_workday(day: date) -> bool | None:
    """Whether `chinese_calendar` says `day` is a working day; None for a year it does not cover.

    Rule W4 (source 2). O(H) on the first call for a day (the package checks its range against
    its whole holiday table, H entries), O(1) after.
    """
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # the package's way of saying "no data for this year"
        return None


def package_covers(year: int) -> bool:
    """Whether `chinese_calendar` holds the official calendar of `year` (W4). O(1) amortised."""
    return package_workday(date(year, 1, 1)) is not None


@dataclass(frozen=True, slots=True)
class Calendar:
    """The official calendar entries read from the feed, and the answers built on them (W4).

    `scope` is the set of years whose feed entries were read (None: every year). Asking about a
    day outside it raises `ValueError`: the feed may hold entries for that year that this
    calendar never saw, so any answer could be wrong.
    """

    workdays: frozenset[date] = frozenset()
    holidays: frozenset[date] = frozenset()
    scope: frozenset[int] | None = None
    feed_years: frozenset[int] = field(init=False)

    def __post_init__(self) -> None:
        if clash := self.workdays & self.holidays:
            raise ValueError(f"days both workday and holiday: {sorted(clash)}")
        years = frozenset(d.year for d in self.workdays | self.holidays)
        if self.scope is not None and (outside := years - self.scope):
            raise ValueError(f"entries for years outside the scope: {sorted(outside)}")
        object.__setattr__(self, "feed_years", years)  # frozen: set once, derived from fields

    @classmethod
    def from_entries(
        cls, entries: Mapping[date, str], scope: Iterable[int] | None = None
    ) -> "Calendar":
        """A calendar from `{date: "workday" | "holiday"}` feed entries (W4). O(len(entries))."""
        if bad := {d: k for d, k in entries.items() if k not in KINDS}:
            raise ValueError(f"unknown calendar kinds: {bad}")
        return cls(
            workdays=frozenset(d for d, k in entries.items() if k == "workday"),
            holidays=frozenset(d for d, k in entries.items() if k == "holiday"),
            scope=None if scope is None else frozenset(scope),
        )

    @classmethod
    def from_graph(cls, graph: Graph, years: Iterable[int] | None = None) -> "Calendar":
        """The calendar of the `CalendarDay` nodes of `years` (every year when None), read with
        the named query `calendar/days` (W4). O(E) for the E entries read.

        A deadline may run into the next year: include `issued_on.year + 1` in `years`.
        """
        scope = None if years is None else sorted(set(years))
        rows = graph.read(QUERY_DAYS, {"years": scope})
        return cls.from_entries({r["date"]: r["kind"] for r in rows}, scope)

    def _check_scope(self, year: int) -> None:
        if self.scope is not None and year not in self.scope:
            raise ValueError(
                f"calendar entries of {year} were not read (scope {sorted(self.scope)})"
            )

    def is_known_year(self, year: int) -> bool:
        """Whether the official calendar of all of `year` is known: the package covers it or
        the feed holds an entry for every one of its days (W4, issue 13 item 9). O(1) for a
        year the package covers, else O(E) for the E feed entries."""
        self._check_scope(year)
        if package_covers(year):
            return True
        if year not in self.feed_years:
            return False
        days = (date(year + 1, 1, 1) - date(year, 1, 1)).days
        fed = sum(1 for d in self.workdays | self.holidays if d.year == year)
        return fed == days

    def is_known_day(self, day: date) -> bool:
        """Whether the official calendar says what `day` is: the package covers its year or
        the feed holds an entry for the day itself (W4, issue 13 item 9). O(1)."""
        self._check_scope(day.year)
        return day in self.workdays or day in self.holidays or package_covers(day.year)

    def is_workday(self, day: date) -> bool:
        """Whether `day` is a working day: feed entry, else package, else Monday–Friday (W4).
        O(1)."""
        self._check_scope(day.year)
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        from_package = package_workday(day)
        return day.weekday() < 5 if from_package is None else from_package

    def is_provisional(self, day: date) -> bool:
        """Whether the answer for `day` is only Monday–Friday, the day not known (W4). O(1)."""
        return not self.is_known_day(day)

    def entry(self, day: date) -> str | None:
        """The feed entry of `day` as a deadline's basis keeps it, `"YYYY-MM-DD:kind"`. O(1)."""
        if day in self.workdays:
            return f"{day.isoformat()}:workday"
        if day in self.holidays:
            return f"{day.isoformat()}:holiday"
        return None

    def classify(self, day: date) -> tuple[bool, bool]:
        """(is a working day, provisional) for `day` (W4). O(1)."""
        return self.is_workday(day), self.is_provisional(day)

    def due_date(self, issued_on: date, working_days: int) -> Deadline:
        """The `working_days`-th working day after `issued_on` (W3 deadlines, W4 counting).

        The issue day never counts, working day or not. Provisional when any day looked at
        after the issue day, up to and including the due day, is not known. The basis is the
        feed entries of those days: only they can change the answer (a day after the due day
        is never looked at). O(D) for the D calendar days from the issue day to the due day.
        """
        if working_days < 1:
            raise ValueError(f"working_days must be at least 1, got {working_days}")
        day, counted, provisional = issued_on, 0, False
        basis: list[str] = []
        while counted < working_days:
            day += DAY
            workday, unknown = self.classify(day)
            if workday:
                counted += 1
            provisional = provisional or unknown
            if (entry := self.entry(day)) is not None:
                basis.append(entry)
        return Deadline(due_on=day, provisional=provisional, basis=tuple(basis))

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days lie in (start, end], as W4 counts them. O(end - start)."""
        return sum(self.is_workday(start + DAY * i) for i in range(1, (end - start).days + 1))


def known_years(calendar: Calendar, years: Iterable[int]) -> frozenset[int]:
    """The years among `years` whose official calendar is known for every day (W4).
    O(len(years) × E) for the E feed entries."""
    return frozenset(y for y in years if calendar.is_known_year(y))
