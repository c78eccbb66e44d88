"""Rules a record can only be checked against with the graph (CONTRACT §2): the persons,
households and regions it names exist, memberships of one person do not overlap, a parent is
born before the child. Each check returns the problems of each record by its index.

What a record names, and what to say when a name does not exist, the record says itself
(`FeedRecord.names()`, issue 15 item 7): the checks here know no feed but kinship's own rule.

The overlap check runs inside the write transaction, on memberships read after the persons
are locked (`loaders.write`): run before it, two loads at once each passed it (issue 14 item 4).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from core.dates import today_in_china
from cypher import query
from graph.db import Graph
from loaders.names import Kind, Name
from loaders.records import FeedRecord, KinshipIn, MembershipIn, Problem

Indexed = tuple[int, FeedRecord]
FAR_FUTURE = date.max
EXISTING_REFERENCES = query("loaders/existing_references")
# The parameter lists of existing_references each kind of name is looked up in.
LOOKED_UP_IN: dict[Kind, tuple[str, ...]] = {
    "person": ("person_ids",),
    "household": ("household_ids",),
    "region": ("region_codes",),
    "subject": ("person_ids", "household_ids"),
}


@dataclass
class Known:
    """What exists of the keys a batch names: persons with birth dates (and, for a load
    within a region, their home villages), households with their villages, regions."""

    persons: dict[str, str] = field(default_factory=dict)  # birth date, YYYY-MM-DD
    households: dict[str, str] = field(default_factory=dict)  # village code
    regions: set[str] = field(default_factory=set)
    homes: dict[str, str | None] = field(default_factory=dict)  # village code, None: none

    def has(self, name: Name) -> bool:
        """Whether the key `name` exists: a subject as a person or as a household."""
        if name.kind == "person":
            return name.value in self.persons
        if name.kind == "household":
            return name.value in self.households
        if name.kind == "region":
            return name.value in self.regions
        return name.value in self.persons or name.value in self.households  # a subject


def _wanted(records: Sequence[Indexed], scoped: bool) -> dict[str, list[str]]:
    """The keys to look up: every name that must exist, and with `scoped` the records' own
    keys too (the region rule reads where they are now)."""
    wanted: dict[str, set[str]] = {
        "person_ids": set(),
        "household_ids": set(),
        "region_codes": set(),
    }
    for _, record in records:
        for name in record.names():
            if name.must_exist or scoped:
                for parameter in LOOKED_UP_IN[name.kind]:
                    wanted[parameter].add(name.value)
    return {parameter: sorted(keys) for parameter, keys in wanted.items()}


def lookup(graph: Graph, records: Sequence[Indexed], scoped: bool = False) -> Known:
    """One query for every key the batch names; `scoped`: also what the region rule needs
    (`loaders.scope`)."""
    wanted = _wanted(records, scoped)
    if not any(wanted.values()):
        return Known()
    params = wanted | {"homes": scoped, "today": today_in_china()}
    row = graph.one(EXISTING_REFERENCES, params)
    return Known(
        persons={pid: born for pid, born, _ in row["persons"]},
        households=dict(row["households"]),
        regions={code for code, _ in row["regions"]},
        homes={pid: home for pid, _, home in row["persons"]},
    )


def reference_problems(record: FeedRecord, known: Known) -> list[Problem]:
    """The names in `record` that do not exist (in the graph, or earlier in the batch), then,
    for a parent edge between existing persons, the birth order."""
    found = [(n.field, n.missing) for n in record.names() if n.must_exist and not known.has(n)]
    if not found and isinstance(record, KinshipIn) and record.kind == "parent":
        found += _parent_born_first(record, known)
    return found


def _parent_born_first(record: KinshipIn, known: Known) -> list[Problem]:
    parent, child = known.persons[record.a], known.persons[record.b]  # ISO text: compares as dates
    found: list[Problem] = []
    if parent >= child:
        found.append(
            (
                "a",
                f"parent {record.a} (born {parent}) is not born before child {record.b} "
                f"(born {child})",
            )
        )
    if record.from_ is None and record.to is not None and record.to.isoformat() < child:
        # A null `from` means the child's birth (CONTRACT §2): the range must still be one.
        found.append(("to", f"{record.to} is before from, the child's birth {child}"))
    return found


Stored = tuple[str, str, str, str | None]  # person_id, household_id, from, to (ISO text)


def membership_overlaps(
    stored: Iterable[Stored], records: Sequence[Indexed]
) -> dict[int, list[Problem]]:
    """The memberships of `records` that would overlap another of the same person: one
    `stored` in the graph or one of `records` that is itself accepted (E1, CONTRACT §2: one
    household at a time). The same key again is an update, not an overlap. Ranges include
    both ends.

    Issue 13 item 3: the verdict must not depend on the order of the batch. Records are
    taken by start date (then household, then index), so an update that ends a stored
    membership is in place before a later one begins, whichever came first in the batch:
    whether two ranges overlap depends only on the end of the earlier one, and that record
    has been decided when the later one is. Of two new records that overlap, the earlier
    start is kept. Only records given here count: a caller passes those that passed every
    other check, so a rejected record never rejects another."""
    mine: dict[str, dict[tuple[str, date], date]] = defaultdict(dict)
    for person_id, household_id, start, to in stored:
        end = date.fromisoformat(to) if to is not None else FAR_FUTURE
        mine[person_id][(household_id, date.fromisoformat(start))] = end
    batch = [(i, r) for i, r in records if isinstance(r, MembershipIn)]
    problems: dict[int, list[Problem]] = {}
    for index, r in sorted(batch, key=lambda ir: (ir[1].from_, ir[1].household_id, ir[0])):
        theirs = mine[r.person_id]
        end = r.to or FAR_FUTURE
        clash = next(
            (
                (household, start)
                for (household, start), other_end in theirs.items()
                if (household, start) != (r.household_id, r.from_)
                and max(start, r.from_) <= min(end, other_end)
            ),
            None,
        )
        if clash is None:
            theirs[(r.household_id, r.from_)] = end
        else:
            problems[index] = [
                (
                    "from",
                    f"overlaps membership of household {clash[0]} from {clash[1]} "
                    "(one household at a time, E1)",
                )
            ]
    return problems
