"""Rules a record can only be checked against with the graph (CONTRACT §2): the persons,
households and regions it names exist, memberships of one person do not overlap, a parent is
born before the child. Each check returns the problems of each record by its index.

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
from loaders.records import (
    EnrollmentIn,
    EventIn,
    FeedRecord,
    HouseholdIn,
    KinshipIn,
    MembershipIn,
    PersonIn,
    Problem,
    RegionIn,
    StandardIn,
)

Indexed = tuple[int, FeedRecord]
FAR_FUTURE = date.max
EXISTING_REFERENCES = query("loaders/existing_references")


@dataclass
class Known:
    """What exists of the keys a batch names: persons with birth dates (and, for a load
    within a region, their home villages), households with their villages, regions."""

    persons: dict[str, str] = field(default_factory=dict)  # birth date, YYYY-MM-DD
    households: dict[str, str] = field(default_factory=dict)  # village code
    regions: set[str] = field(default_factory=set)
    homes: dict[str, str | None] = field(default_factory=dict)  # village code, None: none


def _wanted(records: Sequence[Indexed], scoped: bool) -> dict[str, list[str]]:
    persons: set[str] = set()
    households: set[str] = set()
    regions: set[str] = set()
    for _, r in records:
        if isinstance(r, RegionIn) and r.parent_code:
            regions.add(r.parent_code)
        elif isinstance(r, StandardIn | HouseholdIn):
            regions.add(r.region_code)
            if scoped and isinstance(r, HouseholdIn):
                households.add(r.household_id)  # its village now (the region rule)
        elif isinstance(r, MembershipIn):
            persons.add(r.person_id)
            households.add(r.household_id)
        elif isinstance(r, KinshipIn):
            persons.update((r.a, r.b))
        elif isinstance(r, EnrollmentIn):
            persons.add(r.subject_id)
            households.add(r.subject_id)
        elif isinstance(r, EventIn):
            (persons if r.person_id else households).add(r.subject_id)
        elif scoped and isinstance(r, PersonIn):
            persons.add(r.person_id)  # their home (the region rule)
    return {
        "person_ids": sorted(persons),
        "household_ids": sorted(households),
        "region_codes": sorted(regions),
    }


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
    """The names in `record` that do not exist (in the graph, or earlier in the batch)."""
    found: list[Problem] = []
    if isinstance(record, RegionIn):
        if record.parent_code and record.parent_code not in known.regions:
            found.append(
                (
                    "code",
                    f"parent region {record.parent_code} does not exist (load regions top-down)",
                )
            )
    elif isinstance(record, StandardIn | HouseholdIn):
        if record.region_code not in known.regions:
            found.append(("region_code", f"region {record.region_code} does not exist"))
    elif isinstance(record, MembershipIn):
        found += _person(record.person_id, "person_id", known)
        if record.household_id not in known.households:
            found.append(("household_id", f"household {record.household_id} does not exist"))
    elif isinstance(record, KinshipIn):
        found += _person(record.a, "a", known) + _person(record.b, "b", known)
        if not found and record.kind == "parent":
            found += _parent_born_first(record, known)
    elif isinstance(record, EnrollmentIn):
        if record.subject_id not in known.persons and record.subject_id not in known.households:
            found.append(("subject_id", f"no person or household {record.subject_id}"))
    elif isinstance(record, EventIn):
        if record.person_id:
            found += _person(record.person_id, "person_id", known)
        elif record.subject_id not in known.households:
            found.append(("household_id", f"household {record.subject_id} does not exist"))
    return found


def _person(person_id: str, name: str, known: Known) -> list[Problem]:
    if person_id in known.persons:
        return []
    return [(name, f"person {person_id} does not exist (load persons first)")]


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
