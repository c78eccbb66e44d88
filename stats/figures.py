"""The supervision figures (督促调度, RULES S1-S2; CONTRACT §4 `GET /v1/stats`): for a region
and each region directly under it on an as-of date, and for the region at each of the last
`months` month ends.

Two sources, chosen per figure (docs/stats.md has the table and the complexity of each):
- the rollup (`stats.rollup`, `stats.groups`): monitored households and persons by group
  (M1-M5), open warnings by level, overdue warnings, visits on time and late, applications
  by status, overdue cases and referrals; read from the cells of each region itself,
  O(months of history × keys) per region however many households it holds;
- counting Cypher over indexed properties, grouped by the level under the region
  (`cypher/stats/decisions`, `funds`): the decisions behind the median working days,
  relief paid and fund balances. One pass answers every day at once;
  the region's own figures are the sum of its children's (the median: of their decisions
  together). `cypher/stats/groups` stays as the recount the group cells must equal.

A flow (visits, relief paid, the median of decisions) is counted in the day's month up to
the day; a stock (everything else) on the day. `findings_by_rule` (X1-X8) comes from the
recorded integrity scans (`stats.findings`): each rule's latest scan on or before the day.
"""

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Final, get_args

from core.ids import Level, region_level, region_prefix
from cypher import query
from graph.db import Graph
from procedure.states import Status
from scoring.workdays import Calendar
from stats.findings import Counted, findings_counted
from stats.groups import GROUP_NAMES, GROUPS
from stats.rollup import LEVELS

__all__ = [
    "GROUPS",
    "LEVEL_ORDER",
    "STATUSES",
    "Figures",
    "Region",
    "Stats",
    "figures_at_level",
    "month_days",
    "region_stats",
    "regions_at",
    "rolled_counts",
]

ROLLUP_READ = query("stats/rollup_read")
DECISIONS_QUERY = query("stats/decisions")
FUNDS_QUERY = query("stats/funds")
REGIONS_AT = query("stats/regions_at")
REGION_ROW = query("regions/children")

STATUSES: Final[tuple[str, ...]] = get_args(Status)
LEVEL_ORDER: Final = (Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE)
Figures = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Stats:
    """The answer of `GET /v1/stats` (CONTRACT §4)."""

    region: Region
    as_of: date
    figures: Figures
    children: tuple[tuple[Region, Figures], ...]
    monthly: tuple[tuple[str, Figures], ...]


@dataclass(slots=True)
class _Partial:
    """The additive parts of the counted figures of one region on one day."""

    relief_paid: float = 0.0
    fund_balance: float = 0.0
    decisions: list[int] = field(default_factory=list)

    def add(self, other: "_Partial") -> None:
        self.relief_paid += other.relief_paid
        self.fund_balance += other.fund_balance
        self.decisions.extend(other.decisions)


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def month_days(as_of: date, months: int) -> list[date]:
    """The last day of each of the `months` months ending with `as_of`'s, the last one
    `as_of` itself (S2), oldest first."""
    firsts = [as_of.replace(day=1)]
    for _ in range(months - 1):
        firsts.insert(0, (firsts[0] - timedelta(days=1)).replace(day=1))
    return [_next_month(first) - timedelta(days=1) for first in firsts[:-1]] + [as_of]


def _width_below(code: str) -> int | None:
    """The significant digits of the level under `code`'s (None under a village)."""
    index = LEVEL_ORDER.index(region_level(code))
    return LEVEL_ORDER[index + 1].value if index + 1 < len(LEVEL_ORDER) else None


def _counted(
    graph: Graph, prefix: str, width: int, days: Sequence[date], calendar: Calendar
) -> dict[tuple[str, date], _Partial]:
    """The counted figures of the regions at `width` digits under `prefix`, by (code, day)."""
    first, last = days[0].replace(day=1), max(days)
    parts: dict[tuple[str, date], _Partial] = defaultdict(_Partial)
    params = {"prefix": prefix, "width": width, "days": list(days), "last": last}
    for row in graph.read(DECISIONS_QUERY, params | {"first": first}):
        code = row["code"].ljust(12, "0")
        decided: date = row["decided_on"]
        # Decided in the month of a day, on or before it: counted for that day (a flow).
        for day in days:
            if day.replace(day=1) <= decided <= day:
                worked = calendar.working_days_between(row["accepted_on"], decided)
                parts[(code, day)].decisions.append(worked)
    for row in graph.read(FUNDS_QUERY, params):
        part = parts[(row["code"].ljust(12, "0"), row["day"])]
        part.fund_balance += float(row["balance"])
        part.relief_paid += float(row["paid"])
    return parts


def rolled_counts(
    graph: Graph, codes: Iterable[str], days: Sequence[date]
) -> dict[tuple[str, date], Counter[str]]:
    """The rollup's figures of each region of `codes` on each day, by (code, day): a stock
    the sum of its cells up to the day, a flow (visits) those of the day's month."""
    first = days[0].replace(day=1)
    rows = graph.read(ROLLUP_READ, {"regions": list(codes), "first": first, "as_of": max(days)})
    cells: dict[str, list[tuple[date | None, str, int]]] = defaultdict(list)
    for row in rows:
        cells[row["region"]].append((row["month"], row["key"], int(row["n"])))
    found: dict[tuple[str, date], Counter[str]] = {}
    for code in codes:
        for day in days:
            month = day.replace(day=1)
            counts: Counter[str] = Counter()
            for cell_month, key, n in cells.get(code, ()):
                if key.startswith("verifications_"):
                    if cell_month == month:
                        counts[key] += n
                elif cell_month is None or cell_month <= month:
                    counts[key] += n
            found[(code, day)] = counts
    return found


def _figures(
    part: _Partial, rolled: Counter[str], routed: bool, scans: Counted, code: str | None
) -> Figures:
    """CONTRACT §4's figures, by its names; those routed to townships (warnings,
    applications, cases, referrals, funds, findings) are null for a village (`routed`
    false). `rolled` holds the rollup's counts of the region on the day (the groups for
    every region), `scans` the integrity scans of the day, `code` the region's at their
    level (None: their sum)."""
    figures: Figures = {
        "households_by_group": {g: rolled[f"households:{g}"] for g in GROUP_NAMES},
        "persons_by_group": {g: rolled[f"persons:{g}"] for g in GROUP_NAMES},
    }
    if not routed:
        return figures | dict.fromkeys(
            (
                "warnings_open_by_level",
                "warnings_overdue",
                "verifications_on_time",
                "verifications_late",
                "applications_by_status",
                "median_working_days_to_decision",
                "cases_overdue",
                "referrals_overdue",
                "relief_paid",
                "fund_balance",
                "findings_by_rule",
                "findings_scanned_on",
            )
        )
    median = statistics.median(part.decisions) if part.decisions else None
    return figures | {
        "warnings_open_by_level": {lv: rolled[f"warnings_open:{lv}"] for lv in LEVELS},
        "warnings_overdue": rolled["warnings_overdue"],
        "verifications_on_time": rolled["verifications_on_time"],
        "verifications_late": rolled["verifications_late"],
        "applications_by_status": {s: rolled[f"applications:{s}"] for s in STATUSES},
        "median_working_days_to_decision": None if median is None else float(median),
        "cases_overdue": rolled["cases_overdue"],
        "referrals_overdue": rolled["referrals_overdue"],
        "relief_paid": round(part.relief_paid, 2),
        "fund_balance": round(part.fund_balance, 2),
        "findings_by_rule": scans.of(code),
        "findings_scanned_on": scans.scanned_on,
    }


def _calendar(graph: Graph, days: Sequence[date]) -> Calendar:
    years = range(days[0].year - 1, max(days).year + 1)
    return Calendar.from_graph(graph, years)


def regions_at(graph: Graph, code: str, level: Level) -> list[Region]:
    """The regions of `level` under region `code` (itself at its own level), in code order."""
    rows = graph.read(REGIONS_AT, {"prefix": region_prefix(code), "level": level.name.lower()})
    return [Region(r["code"], r["name"]) for r in rows]


def region_stats(graph: Graph, code: str, as_of: date, months: int) -> Stats | None:
    """S1 and S2 for region `code` (None if no such region): its figures and its children's
    on `as_of`, and its figures at each of the last `months` month ends."""
    row = graph.one_or_none(
        REGION_ROW, {"parent": code, "region_prefix": "", "after": "", "limit": 10_000}
    )
    if row is None:
        return None
    region = Region(row["parent"]["code"], row["parent"]["name"])
    children = [Region(c["code"], c["name"]) for c in row["children"]]
    days = month_days(as_of, months)
    calendar = _calendar(graph, days)
    width = _width_below(code)
    prefix = region_prefix(code)
    counted = _counted(graph, prefix, width or 12, days, calendar)
    scans = findings_counted(graph, prefix, width or 12, days)
    routed = width is None or width <= Level.TOWNSHIP.value  # children are townships or above
    rolled = rolled_counts(graph, [code, *(c.code for c in children)], days)
    own: dict[date, _Partial] = defaultdict(_Partial)
    for (_, day), part in counted.items():
        own[day].add(part)
    own_routed = region_level(code) is not Level.VILLAGE
    monthly = tuple(
        (
            day.strftime("%Y-%m"),
            _figures(own[day], rolled[(code, day)], own_routed, scans.get(day, Counted()), None),
        )
        for day in days
    )
    kids = tuple(
        (
            child,
            _figures(
                counted.get((child.code, as_of), _Partial()),
                rolled[(child.code, as_of)],
                routed,
                scans.get(as_of, Counted()),
                child.code,
            ),
        )
        for child in children
    )
    return Stats(region, as_of, monthly[-1][1], kids, monthly)


def figures_at_level(
    graph: Graph, code: str, level: Level, as_of: date
) -> list[tuple[Region, Figures]]:
    """S1's figures on `as_of` of every region of `level` under region `code`: one sheet of
    the workbook. O(as `region_stats` for one day, at that level)."""
    regions = regions_at(graph, code, level)
    days = [as_of]
    counted = _counted(graph, region_prefix(code), level.value, days, _calendar(graph, days))
    routed = level is not Level.VILLAGE
    rolled = rolled_counts(graph, [r.code for r in regions], days)
    scans = findings_counted(graph, region_prefix(code), level.value, days).get(as_of, Counted())
    return [
        (
            region,
            _figures(
                counted.get((region.code, as_of), _Partial()),
                rolled[(region.code, as_of)],
                routed,
                scans,
                region.code,
            ),
        )
        for region in regions
    ]
