"""The group counts of the figures' rollup (M1-M5, RULES S1, S2; docs/stats.md): monitored
households and persons by group, a stock on each day, kept as day and month cells by every
writer that changes an enrolment, a membership or a household's village, in that writer's
own transaction, by the rollup's one pattern (retract and assert, `stats.rollup.apply`).

A household's cells are computed from its intervals alone (`household_cells`, a pure
function); a writer locks the persons and households it is about to change (`lock`), reads
their cells (`cells_of`), changes them, reads the cells again and adds the difference. The
households read are the ones named and every household a named person was ever a member
of: an enrolment of a person counts in the household the person was a member of on each
day. A household that moves to another village takes its whole history with it: its cells
are read in the old village before the move and in the new one after.

Writers: the enrolments, memberships and households feeds (`loaders.write`, one read of the
batch's households before and one after), a grant (`applications.service`), a review's
adjust or terminate (`reviews.service`). `rebuild` counts the cells of every household again,
page by page. `hhgraph import --initial` counts them once in memory from the records it
imports, with `household_cells` (`loaders.initialgroups`). The recount they must equal is
`cypher/stats/groups` (the tests compare both).
"""

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any, Final

from neo4j import ManagedTransaction

from cypher import query
from graph.db import Graph
from graph.values import plain
from stats.rollup import Cells, apply

__all__ = [
    "GROUPS",
    "GROUP_KEYS",
    "GROUP_NAMES",
    "cells_of",
    "household_cells",
    "lock",
    "rebuild_groups",
    "write_groups",
]

GROUPS_OF_HOUSEHOLDS = query("stats/groups_of_households")
LOCK_GROUPS = query("stats/lock_groups")
HOUSEHOLDS_PAGE = query("stats/households_page")
CLEAR_GROUPS = query("stats/rollup_clear_groups")

# M1-M5 (RULES §1) by the programme of an open enrolment; temporary relief is no group.
GROUPS: Final[Mapping[str, str]] = {
    "dibao": "M1",
    "single_person_dibao": "M1",
    "tekun": "M2",
    "marginal": "M3",
    "expenditure_hardship": "M4",
    "other": "M5",
}
GROUP_NAMES: Final = ("M1", "M2", "M3", "M4", "M5")
GROUP_KEYS: Final = (
    *(f"households:{g}" for g in GROUP_NAMES),
    *(f"persons:{g}" for g in GROUP_NAMES),
)
DAY = timedelta(days=1)
Interval = Mapping[str, Any]  # {from, to (None: open-ended), ...}


def _open(interval: Interval, day: date) -> bool:
    end: date | None = interval.get("to")
    return bool(interval["from"] <= day and (end is None or end >= day))


def _state(own: Sequence[Interval], members: Sequence[Interval], day: date) -> Counter[str]:
    """The household's counts on `day`, as `cypher/stats/groups` counts them."""
    whole = {GROUPS[e["program"]] for e in own if _open(e, day)}
    alone = [
        {GROUPS[e["program"]] for e in m["enrolled"] if _open(e, day)}
        for m in members
        if _open(m, day)
    ]
    counts: Counter[str] = Counter()
    for group in GROUP_NAMES:
        enrolled_alone = sum(group in groups for groups in alone)
        if group in whole or enrolled_alone:
            counts[f"households:{group}"] = 1
            counts[f"persons:{group}"] = len(alone) if group in whole else enrolled_alone
    return counts


def household_cells(village: str, own: Sequence[Interval], members: Sequence[Interval]) -> Cells:
    """What one household adds to the rollup's group cells (M1-M5, S1), as +1/-1 deltas by
    (village, key, day).

    The rule (docs/stats.md, `cypher/stats/groups`): on day D the household counts once in
    each group with an enrolment open on D (`from` <= D <= `to`, `to` None: open-ended) of
    one of the group's programmes (`GROUPS`), its own (`own`) or a member's (`members`:
    each membership's `from`, `to` and its person's `enrolled` intervals; a member counts on
    D while the membership is open on D); `persons:<group>` is then every member on D if
    the household's own enrolment is in the group, else the members on D enrolled in it
    themselves. Key `households:<group>` and `persons:<group>`.

    The counts only change on a day an interval begins (`from`) or the day after one ends
    (`to` + 1): the state is evaluated on each such day, oldest first, and each key's
    change against the state before it is a cell. A stock on D is then the sum of the cells
    up to D. O(P × (E + M × E_m)) for P change days, E own enrolments, M memberships and
    E_m enrolments per member; a household with no enrolment of the groups adds nothing.
    """
    points: set[date] = set()
    for interval in (*own, *members, *(e for m in members for e in m["enrolled"])):
        points.add(interval["from"])
        if interval.get("to") is not None:
            points.add(interval["to"] + DAY)
    cells: Cells = Counter()
    if not own and not any(m["enrolled"] for m in members):
        return cells
    previous: Counter[str] = Counter()
    for day in sorted(points):
        now = _state(own, members, day)
        for key in now.keys() | previous.keys():
            if now[key] != previous[key]:
                cells[(village, key, day)] += now[key] - previous[key]
        previous = now
    return cells


def _total(rows: Iterable[Mapping[str, Any]]) -> Cells:
    total: Cells = Counter()
    for row in rows:
        if row["village"] is not None:
            total.update(household_cells(row["village"], row["own"], row["members"]))
    return total


def cells_of(
    tx: ManagedTransaction, household_ids: Iterable[str], person_ids: Iterable[str] = ()
) -> Cells:
    """The group cells of `household_ids` and of every household a person of `person_ids`
    was ever a member of, read in `tx` (one query)."""
    params = {
        "household_ids": sorted(set(household_ids)),
        "person_ids": sorted(set(person_ids)),
        "programs": list(GROUPS),
    }
    return _total(plain(r.data()) for r in tx.run(GROUPS_OF_HOUSEHOLDS.text, params))


def lock(
    tx: ManagedTransaction, household_ids: Iterable[str], person_ids: Iterable[str] = ()
) -> None:
    """Lock the persons, then the households (those named and those of the persons), each
    in id order, for the rest of `tx` (concurrent writers lock in one order)."""
    params = {"household_ids": sorted(set(household_ids)), "person_ids": sorted(set(person_ids))}
    tx.run(LOCK_GROUPS.text, params).consume()


@contextmanager
def write_groups(
    tx: ManagedTransaction, household_ids: Iterable[str], person_ids: Iterable[str] = ()
) -> Iterator[None]:
    """The retract-and-assert of the group cells around a change made in `tx` inside the
    `with` block (S1, S2): lock the persons and households (`lock`), read their cells, let
    the block change them, read the cells again and add the difference. A block that raises
    adds nothing (its transaction is rolled back)."""
    households, persons = sorted(set(household_ids)), sorted(set(person_ids))
    if not households and not persons:
        yield
        return
    lock(tx, households, persons)
    before = cells_of(tx, households, persons)
    yield
    apply(tx, before, cells_of(tx, households, persons))


def rebuild_groups(graph: Graph, page: int = 5_000, *, clear: bool = False) -> int:
    """The group cells of every household counted again and added; how many households
    were read. The old group cells must be gone: deleted by the caller (`stats.rollup.
    rebuild` deletes every cell), or here first with `clear` (the group cells only; the
    warnings' and applications' stay). A page of `page` households per transaction, in id
    order: O(households × their enrolments and memberships) in all, feasible at 1M
    households. Run it while nothing writes."""
    deleted = page if clear else 0
    while deleted:  # a page per transaction, until a page finds nothing to delete
        deleted = graph.value(CLEAR_GROUPS, {"limit": page}, write=True)
    after = ""
    counted = 0
    while True:
        ids: list[str] = graph.value(HOUSEHOLDS_PAGE, {"after": after, "limit": page})
        if not ids:
            return counted

        def work(tx: ManagedTransaction, ids: list[str] = ids) -> None:
            apply(tx, Counter(), cells_of(tx, ids))

        graph.execute_write(work)
        counted += len(ids)
        after = ids[-1]
