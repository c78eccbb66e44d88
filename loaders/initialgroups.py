"""The figures' group cells (M1-M5, RULES S1, S2; docs/stats.md "The rollup") of an initial
import (issue 20), counted in memory from the accepted records and handed to Neo4j's
importer as `StatDay` and `StatMonth` nodes.

The transactional loader keeps these cells batch by batch (`loaders.write`, through
`stats.groups.write_groups`); an import writes the store directly, so it counts them once
from what it accepted, by the same pure function and the same rules as
`stats.groups.rebuild_groups` counting them from the store: a household's cells are
`stats.groups.household_cells` of its village, its own enrolments in the groups' programmes
and each of its memberships (`from`, `to`) with that member's enrolments
(`cypher/stats/groups_of_households` reads the same intervals from the graph), and each
village's cells go to the village and every region above it (`stats.rollup.regions_of`), as
`stats.rollup.apply` adds them. Month cells are the sums of the day cells by month; a cell
whose sum is 0 is left out, as `apply` leaves it out (a stock reads the same without it).

Memory: only what `household_cells` needs is kept, each enrolment as one entry of its
subject's dict, `{(programme, from): to}` (the later record of a key wins, as the upsert's
SET does); the households' villages and the memberships are those the checks already hold
(`loaders.initial.Accepted`). The cells are summed in one Counter by (region, key, day).
"""

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from loaders.importcsv import STAT_DAY, STAT_MONTH, Line, line
from loaders.records import EnrollmentIn
from stats.groups import GROUP_KEYS, GROUPS, household_cells
from stats.rollup import Cells, regions_of

__all__ = ["Dated", "Enrolled", "cell_lines", "group_cells", "household_intervals"]

# {(a household id or a programme, from): to (None: open-ended)}: a person's memberships
# (`Accepted.memberships`) or a subject's enrolments.
Dated = dict[tuple[str, date], date | None]
Interval = dict[str, Any]  # what `household_cells` reads: {program?, from, to, enrolled?}


@dataclass(slots=True)
class Enrolled:
    """The accepted enrolments in the groups' programmes (`stats.groups.GROUPS`; temporary
    relief is no group), by subject: a person's if a person of the subject's id was
    accepted, else the household's (upsert_enrollments' coalesce; the persons feed comes
    before the enrolments)."""

    persons: dict[str, Dated] = field(default_factory=dict)
    households: dict[str, Dated] = field(default_factory=dict)

    def add(self, record: EnrollmentIn, is_person: bool) -> None:
        if record.program not in GROUPS:
            return
        subjects = self.persons if is_person else self.households
        subjects.setdefault(record.subject_id, {})[(record.program, record.from_)] = record.to


def _enrolments(held: Dated | None) -> list[Interval]:
    if not held:
        return []
    return [
        {"program": program, "from": start, "to": end} for (program, start), end in held.items()
    ]


def household_intervals(
    villages: Mapping[str, str], memberships: Mapping[str, Dated], enrolled: Enrolled
) -> Iterator[tuple[str, list[Interval], list[Interval]]]:
    """(village, own enrolments, memberships with their persons' enrolments) of every
    household that has an enrolment of the groups' programmes of its own or of a person who
    was ever its member (the others have no cells), as `cypher/stats/groups_of_households`
    returns them. O(memberships + enrolments); the households' memberships are gathered
    for those households only, as (person, from, to)."""
    members: dict[str, list[tuple[str, date, date | None]]] = {h: [] for h in enrolled.households}
    for person_id in enrolled.persons:
        for household_id, _ in memberships.get(person_id, {}):
            members.setdefault(household_id, [])
    for person_id, held in memberships.items():
        for (household_id, start), end in held.items():
            found = members.get(household_id)
            if found is not None:
                found.append((person_id, start, end))
    for household_id, memberships_of in members.items():
        own = _enrolments(enrolled.households.get(household_id))
        of_members = [
            {"from": start, "to": end, "enrolled": _enrolments(enrolled.persons.get(person_id))}
            for person_id, start, end in memberships_of
        ]
        yield villages[household_id], own, of_members


def group_cells(
    villages: Mapping[str, str], memberships: Mapping[str, Dated], enrolled: Enrolled
) -> Cells:
    """The group cells of every household (`household_cells`), by (region, key, day) for
    each village and the regions above it (`regions_of`), as `stats.rollup.apply` would add
    them to an empty rollup. Zero sums stay in the Counter (`cell_lines` leaves them out)."""
    by_village: Cells = Counter()
    for village, own, of_members in household_intervals(villages, memberships, enrolled):
        by_village.update(household_cells(village, own, of_members))
    cells: Cells = Counter()
    above: dict[str, tuple[str, ...]] = {}  # each village's regions, computed once
    keys = {key: key for key in GROUP_KEYS}  # one string per key and one date per day held
    days: dict[date, date] = {}
    for (village, key, day), n in by_village.items():
        regions = above.get(village)
        if regions is None:
            regions = above[village] = regions_of(village)
        key, day = keys[key], days.setdefault(day, day)
        for region in regions:
            cells[(region, key, day)] += n
    return cells


def cell_lines(cells: Cells) -> Iterator[Line]:
    """The importer lines of the rollup's group cells: a `StatDay {region, key, day, n}`
    for each non-zero day cell and a `StatMonth {region, key, month, n}` for each month
    whose day cells do not sum to 0 (`apply`'s rows, typed as its parameters are stored:
    dates as `date`, `n` as `long`)."""
    months: Counter[tuple[str, str, date]] = Counter()
    quoted: dict[tuple[str, str], str] = {}  # the two string cells, quoted once per pair

    def start(region: str, key: str) -> str:
        found = quoted.get((region, key))
        if found is None:
            found = quoted[(region, key)] = line(region, key) + ","
        return found

    # The last two cells are a date and an int: written as `line` writes them (`cell`),
    # without its dispatch by type, which was a third of this step.
    for (region, key, day), n in cells.items():
        if n:
            yield (STAT_DAY.name, f"{start(region, key)}{day.isoformat()},{n:d}")
            months[(region, key, day.replace(day=1))] += n
    for (region, key, month), n in months.items():
        if n:
            yield (STAT_MONTH.name, f"{start(region, key)}{month.isoformat()},{n:d}")
