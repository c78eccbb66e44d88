"""The figures' rollup (S1, S2; docs/stats.md): counts that cannot be read fast from the
resources themselves, kept as deltas in cells that the writers update in their own
transactions.

A cell is `(:StatDay {region, key, day, n})` and `(:StatMonth {region, key, month, n})`: the
net change of the count `key` on that day (in that month) in `region`, written for the
township a resource is routed to and for its county, city and province (I2: the codes say
which), so that a region's figure is read from its own cells, never summed over its
townships. A stock as of D (open warnings by level, applications by status, overdue
warnings, cases and referrals) is the sum of the cells up to D; a flow in a month (visits
on time, late) is the month's cells. Reading is O(months of history × keys) per region,
whatever the households.

Every writer follows one pattern, retract and assert: read what the rollup counts of the
resources it is about to change (`warning_cells`, `application_cells`, `deadline_cells`),
change them, read
them again, and add the difference (`apply`), all in its transaction. So a resource's whole
history moves with it (a warning rerouted to another township) and a writer run again
(managed transactions retry) adds nothing twice: it reads the state its own earlier attempt
never committed.

Writers: rescoring's batches (issue, escalation, the move of an open warning, W5, W6), a
verification and a guidance call (W6, P4), the reroute after a households load (W5), the
deadline recount (W4), an application's intake and each of its steps (P1-P8), a
discovery's filing and outcome (P4), a referral's sending and each answer (P11); for the group
counts (`stats.groups`) the enrolments, memberships and households feeds, a grant and a review
that ends an enrolment.
`rebuild` recounts every cell from the resources, for a store older than migration 019 (or
than the group cells, or than the steps' deadlines behind the overdue cases). The group
counts (M1-M5) are kept by `stats.groups` with `apply`.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, NamedTuple

from neo4j import ManagedTransaction

from core.errors import NotOne
from cypher import Query as NamedQuery
from cypher import query
from graph.db import Graph
from graph.values import plain

__all__ = [
    "WARNING_KEYS",
    "Cells",
    "Rebuilt",
    "application_cells",
    "apply",
    "deadline_cells",
    "rebuild",
    "regions_of",
    "status_on",
    "warning_cells",
    "warnings_by_id",
    "warnings_of_households",
    "write_warning",
]

ROLLUP_ADD = query("stats/rollup_add")
WARNINGS_OF_HOUSEHOLDS = query("stats/warnings_of_households")
WARNINGS_BY_ID = query("stats/warnings_by_id")
WARNINGS_ALL_PAGE = query("stats/warnings_all_page")
APPLICATIONS_ALL_PAGE = query("stats/applications_all_page")
DISCOVERIES_ALL_PAGE = query("stats/discoveries_all_page")
REFERRALS_ALL_PAGE = query("stats/referrals_all_page")
ROLLUP_CLEAR = query("stats/rollup_clear")

LEVELS = ("red", "orange", "yellow", "blue", "green")
WARNING_KEYS = (
    *(f"warnings_open:{level}" for level in LEVELS),
    "warnings_overdue",
    "verifications_on_time",
    "verifications_late",
)
DAY = timedelta(days=1)

# (township code, or the village of a household for the group counts; key; day) -> delta
Cells = Counter[tuple[str, str, date]]


def regions_of(code: str) -> tuple[str, ...]:
    """The region of a cell (a township, or a village for the group counts) and the
    township, county, city and province above it (I2: 2+2+2+3+3 digits)."""
    return tuple(dict.fromkeys(code[:width].ljust(12, "0") for width in (12, 9, 6, 4, 2)))


def _closed_on(w: Mapping[str, Any]) -> date | None:
    """The day a closed warning stopped being open: its visit, else its guidance call (W6)."""
    if w.get("status") != "closed":
        return None
    closed: date | None = w.get("visited_on") or w.get("guidance_called_on")
    return closed


def _level_on(days: Sequence[date], levels: Sequence[str], day: date) -> str:
    """The level of the last issue or escalation (in the order recorded) on or before `day`."""
    found = [level for on, level in zip(days, levels, strict=True) if on <= day]
    return found[-1] if found else levels[0]


def warning_cells(w: Mapping[str, Any]) -> Cells:
    """What one warning adds to the rollup (W3, W6): open from `issued_on` until the day it
    was closed (its visit or guidance call), at the level of its last issue or escalation on
    or before each day (`level_on`, `level_seq`; a warning older than them counts at its
    level from its issue); overdue while open from the day after `due_on`; a visit on or
    before `due_on` on time, after it late (a green warning has no visit deadline: on
    time). The stocks are written where they change: the state of each day on which an
    input changes, against the state before it."""
    cells: Cells = Counter()
    issued: date | None = w.get("issued_on")
    town: str | None = w.get("township_code")
    if issued is None or town is None:
        return cells
    closed = _closed_on(w)
    due: date | None = w.get("due_on")
    days = list(w.get("level_on") or [issued])
    levels = list(w.get("level_seq") or [w.get("level")])

    def state(day: date) -> set[str]:
        if day < issued or (closed is not None and day >= closed):
            return set()
        keys = {f"warnings_open:{_level_on(days, levels, day)}"}
        return keys | ({"warnings_overdue"} if due is not None and due < day else set())

    points = {issued, *days} | ({closed} if closed else set()) | ({due + DAY} if due else set())
    previous: set[str] = set()
    for day in sorted(points):
        now = state(day)
        for key in now - previous:
            cells[(town, key, day)] += 1
        for key in previous - now:
            cells[(town, key, day)] -= 1
        previous = now
    visited: date | None = w.get("visited_on")
    if closed is not None and visited is not None:
        late = due is not None and visited > due
        cells[(town, "verifications_late" if late else "verifications_on_time", visited)] += 1
    return cells


def status_on(steps: Sequence[Mapping[str, Any]], day: date) -> str | None:
    """An application's status on `day`: what the last step (by seq) of that day or before
    produced (P12; None before its first step)."""
    found = [s for s in steps if s["on"] <= day]
    return max(found, key=lambda s: s["seq"])["produced"] if found else None


def deadline_cells(
    township_code: str, key: str, steps: Sequence[Mapping[str, Any]], due_now: date | None
) -> Cells:
    """One count of `key` (`cases_overdue`, `referrals_overdue`) for each day a case was
    overdue (RULES §6 preamble: from the day after its due date; P4, P7, P11): on day D the
    last step (by seq) dated on or before D left a running deadline (`due_on`, the earliest,
    as the resource showed it after that step) before D. A later step that replaces or
    clears the deadline (a decision, an outcome) ends the count on its own day, so a case
    overdue at a past month end stays counted there. A step recorded before steps kept
    their deadline has none, except the last, which has the resource's `due_now`.
    O(steps): the state changes only on a step's day or the day after a deadline."""
    cells: Cells = Counter()
    ordered = sorted(steps, key=lambda s: s["seq"])
    if not ordered:
        return cells
    dues: list[date | None] = [s.get("due_on") for s in ordered]
    dues[-1] = dues[-1] or due_now

    def overdue(day: date) -> bool:
        running: date | None = None  # that of the last step by seq dated by `day`
        for step, due in zip(ordered, dues, strict=True):
            if step["on"] <= day:
                running = due
        return running is not None and running < day

    points = {s["on"] for s in ordered} | {due + DAY for due in dues if due is not None}
    previous = False
    for day in sorted(points):
        now = overdue(day)
        if now != previous:
            cells[(township_code, key, day)] += 1 if now else -1
        previous = now
    return cells


def application_cells(
    township_code: str, steps: Sequence[Mapping[str, Any]], due_now: date | None = None
) -> Cells:
    """What one application adds to the rollup: one count of `applications:<status>` from
    each day its status (`status_on`) became that status until the day it changed (P1-P8),
    and its days overdue (`deadline_cells`, `cases_overdue`; `due_now` the application's
    `due_on` as it stands after the last of `steps`)."""
    cells = deadline_cells(township_code, "cases_overdue", steps, due_now)
    previous: str | None = None
    for day in sorted({s["on"] for s in steps}):
        status = status_on(steps, day)
        if status == previous:
            continue
        if previous is not None:
            cells[(township_code, f"applications:{previous}", day)] -= 1
        cells[(township_code, f"applications:{status}", day)] += 1
        previous = status
    return cells


def _total(items: Iterable[Cells]) -> Cells:
    total: Cells = Counter()
    for cells in items:
        total.update(cells)
    return total


def warnings_of_households(tx: ManagedTransaction, household_ids: list[str]) -> Cells:
    """The rollup's cells of the open warnings of `household_ids`, read in `tx`."""
    rows = tx.run(WARNINGS_OF_HOUSEHOLDS.text, {"household_ids": household_ids})
    return _total(warning_cells(plain(r["warning"])) for r in rows)


def total_of_warnings(warnings: Iterable[Mapping[str, Any]]) -> Cells:
    """The rollup's cells of warnings projected as `warnings_of_households` reads them
    (a rescoring batch returns those it changes, as they were before it)."""
    return _total(warning_cells(plain(w)) for w in warnings)


def warnings_by_id(tx: ManagedTransaction, warning_ids: list[str]) -> Cells:
    """The rollup's cells of the warnings `warning_ids`, read in `tx`."""
    rows = tx.run(WARNINGS_BY_ID.text, {"warning_ids": warning_ids})
    return _total(warning_cells(plain(r["warning"])) for r in rows)


def apply(tx: ManagedTransaction, before: Cells, after: Cells) -> int:
    """Add `after - before` to the cells of each region (township or village) and the
    regions above it, in
    `tx`; how many cells changed. Rows go sorted, so concurrent writers lock in one order."""
    delta: Counter[tuple[str, str, date]] = Counter()
    for (town, key, day), n in after.items():
        for region in regions_of(town):
            delta[(region, key, day)] += n
    for (town, key, day), n in before.items():
        for region in regions_of(town):
            delta[(region, key, day)] -= n
    days = [
        {"region": region, "key": key, "day": day, "n": n}
        for (region, key, day), n in sorted(delta.items())
        if n
    ]
    by_month: Counter[tuple[str, str, date]] = Counter()
    for (region, key, day), n in delta.items():
        by_month[(region, key, day.replace(day=1))] += n
    # A month whose days cancel out is left as it is: its sum does not change.
    months = [
        {"region": region, "key": key, "month": month, "n": n}
        for (region, key, month), n in sorted(by_month.items())
        if n
    ]
    if days:
        tx.run(ROLLUP_ADD.text, {"days": days, "months": months}).consume()
    return len(days)


def write_warning(
    graph: Graph, change: NamedQuery, params: Mapping[str, Any], warning_id: str
) -> dict[str, Any] | None:
    """Run `change` (a query that writes one warning and returns at most one row: a
    verification, a guidance call) in one transaction with the rollup's update of that
    warning; its row with Python dates, or None."""

    def work(tx: ManagedTransaction) -> dict[str, Any] | None:
        before = warnings_by_id(tx, [warning_id])
        rows = [plain(r.data()) for r in tx.run(change.text, dict(params))]
        if len(rows) > 1:
            raise NotOne(f"{change.name} gave {len(rows)} rows; at most one was expected")
        apply(tx, before, warnings_by_id(tx, [warning_id]))
        return rows[0] if rows else None

    return graph.execute_write(work)


def _warning_page(rows: list[dict[str, Any]]) -> tuple[Cells, list[str]]:
    cells = _total(warning_cells(r["warning"]) for r in rows)
    return cells, [r["warning"]["warning_id"] for r in rows]


def _application_page(rows: list[dict[str, Any]]) -> tuple[Cells, list[str]]:
    cells = _total(application_cells(r["township_code"], r["steps"], r["due_on"]) for r in rows)
    return cells, [r["application_id"] for r in rows]


def _discovery_page(rows: list[dict[str, Any]]) -> tuple[Cells, list[str]]:
    cells = _total(
        deadline_cells(r["township_code"], "cases_overdue", r["steps"], r["due_on"]) for r in rows
    )
    return cells, [r["id"] for r in rows]


def _referral_page(rows: list[dict[str, Any]]) -> tuple[Cells, list[str]]:
    cells = _total(
        deadline_cells(r["township_code"], "referrals_overdue", r["steps"], r["due_on"])
        for r in rows
    )
    return cells, [r["id"] for r in rows]


class Rebuilt(NamedTuple):
    """What `rebuild` counted."""

    resources: int  # warnings, applications, discoveries and referrals
    households: int  # households read for the group counts (M1-M5)


def rebuild(graph: Graph, page: int = 5_000) -> Rebuilt:
    """Every cell counted again from the warnings, the applications, the discoveries, the
    referrals and the households' enrolments and memberships (a store older than migration
    019, than the group cells or than the overdue cases' cells, or a check). The old cells
    are deleted first: run it while nothing writes. O(warnings + cases and referrals ×
    steps + households), in pages of `page` per transaction."""
    from stats.groups import rebuild_groups  # stats.groups builds on this module

    deleted = page
    while deleted:  # a page per transaction, until a page finds nothing to delete
        deleted = graph.value(ROLLUP_CLEAR, {"limit": page}, write=True)
    counted = 0
    for source, count in (
        (WARNINGS_ALL_PAGE, _warning_page),
        (APPLICATIONS_ALL_PAGE, _application_page),
        (DISCOVERIES_ALL_PAGE, _discovery_page),
        (REFERRALS_ALL_PAGE, _referral_page),
    ):
        after = ""
        while True:

            def work(
                tx: ManagedTransaction,
                after: str = after,
                source: NamedQuery = source,
                count: Any = count,
            ) -> list[str]:
                rows = [
                    plain(r.data()) for r in tx.run(source.text, {"after": after, "limit": page})
                ]
                cells, ids = count(rows)
                apply(tx, Counter(), cells)
                return list(ids)

            ids = graph.execute_write(work)
            if not ids:
                break
            counted += len(ids)
            after = ids[-1]
    return Rebuilt(counted, rebuild_groups(graph, page))
