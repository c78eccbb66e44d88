"""Validated records to the CSV files of Neo4j's bulk importer (issue 20): one header file and
one data file per label and relationship type, with typed columns and id spaces.

The graph written is the one the transactional upserts (cypher/loaders/upsert_*.cypher) make:
each record's properties come from its own `row()`, the rows those queries take, so the two
paths cannot drift apart field by field; the mapping below says only which row fields are
the node's key, which node or relationship they go to, and each property's type:

    Region   code:ID(Region)             -[:IN]->         Region (its parent, I2)
    Standard :ID(Standard)               -[:FOR_REGION]-> Region
    Household household_id:ID(Household) -[:IN]->        Region (its village)
    Person   person_id:ID(Person)        -[:MEMBER_OF {from, to, relation}]-> Household
                                         -[:PARENT_OF {basis, from, to}]->    Person
                                         -[:SPOUSE_OF {from, to}]->           Person
                                         -[:SERVES {role, from, to}]->        Region
    Enrollment :ID(Enrollment)           -[:OF]->         Person or Household
    Event    :ID(Event)                  -[:ABOUT]->      Person or Household
    CalendarDay :ID(CalendarDay)
    StatDay {region, key, day, n}, StatMonth {region, key, month, n}: the figures' group
                                         cells (no id: nothing points to them)

Nodes and edges the upserts stamp get `updated_at` (the import's start, UTC) and `updated_by`
(the actor), as a first load does. A null is an empty cell, which the importer leaves out, as
Neo4j stores no null property; every string is quoted, so an empty string stays one.
"""

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from graph.bulkimport import ImportFiles, ImportGroup
from loaders.records import (
    CalendarDayIn,
    EnrollmentIn,
    EventIn,
    FeedRecord,
    HouseholdIn,
    KinshipIn,
    MembershipIn,
    OfficialIn,
    PersonIn,
    RegionIn,
    StandardIn,
)

STAMP = ("updated_at:datetime", "updated_by")


@dataclass(frozen=True, slots=True)
class Target:
    """One importer input: a label (nodes) or a relationship type, and its header columns."""

    name: str  # the file name's stem
    kind: str  # "nodes" or "relationships"
    labels: str
    columns: tuple[str, ...]


def _node(name: str, label: str, *columns: str, stamped: bool = True) -> Target:
    return Target(name, "nodes", label, columns + (STAMP if stamped else ()))


def _rel(name: str, rel_type: str, *columns: str, stamped: bool = False) -> Target:
    return Target(name, "relationships", rel_type, columns + (STAMP if stamped else ()))


REGION = _node("region", "Region", "code:ID(Region)", "name", "level")
REGION_IN = _rel("region_in", "IN", ":START_ID(Region)", ":END_ID(Region)")
MONEY = (
    "dibao_urban_monthly:double",
    "dibao_rural_monthly:double",
    "per_capita_disposable_income_annual:double",
    "marginal_multiplier:double",
    "expenditure_ratio:double",
)
STANDARD = _node(
    "standard", "Standard", ":ID(Standard)", "region_code", "effective_from:date", *MONEY
)
STANDARD_FOR = _rel("standard_for", "FOR_REGION", ":START_ID(Standard)", ":END_ID(Region)")
HOUSEHOLD = _node(
    "household",
    "Household",
    "household_id:ID(Household)",
    "region_code",
    "hukou",
    "address",
    "assets_ok:boolean",
    "rigid_expenditure_annual:double",
)
HOUSEHOLD_IN = _rel("household_in", "IN", ":START_ID(Household)", ":END_ID(Region)")
PERSON = _node(
    "person",
    "Person",
    "person_id:ID(Person)",
    "name",
    "sex",
    "birth_date:date",
    "annual_income:double",
    "disability_grade:long",
    "disability_type",
    "major_disease:boolean",
    "legal_status",
    "death_date:date",
)


def _person_edge(name: str, rel_type: str, end: str, *columns: str) -> Target:
    """A stamped edge from a person, dated `from`/`to` (memberships, kinship, officials)."""
    return _rel(name, rel_type, ":START_ID(Person)", f":END_ID({end})", *columns, stamped=True)


DATED = ("from:date", "to:date")
MEMBER_OF = _person_edge("member_of", "MEMBER_OF", "Household", *DATED, "relation")
PARENT_OF = _person_edge("parent_of", "PARENT_OF", "Person", "basis", *DATED)
SPOUSE_OF = _person_edge("spouse_of", "SPOUSE_OF", "Person", *DATED)
ENROLLMENT = _node(
    "enrollment", "Enrollment", ":ID(Enrollment)", "subject_id", "program", "from:date", "to:date"
)
ENROLLMENT_OF_PERSON = _rel(
    "enrollment_of_person", "OF", ":START_ID(Enrollment)", ":END_ID(Person)"
)
ENROLLMENT_OF_HOUSEHOLD = _rel(
    "enrollment_of_household", "OF", ":START_ID(Enrollment)", ":END_ID(Household)"
)
EVENT = _node(
    "event",
    "Event",
    ":ID(Event)",
    "source",
    "event_id",
    "indicator",
    "occurred_on:date",
    "note",
    "subject_id",
    "subject_kind",
)
EVENT_ABOUT_PERSON = _rel("event_about_person", "ABOUT", ":START_ID(Event)", ":END_ID(Person)")
EVENT_ABOUT_HOUSEHOLD = _rel(
    "event_about_household", "ABOUT", ":START_ID(Event)", ":END_ID(Household)"
)
CALENDAR_DAY = _node("calendar_day", "CalendarDay", ":ID(CalendarDay)", "date:date", "kind")
SERVES = _person_edge("serves", "SERVES", "Region", "role", *DATED)
# The figures' group cells (stats.rollup; loaders.initialgroups counts them): no id, unstamped.
STAT_DAY = _node("stat_day", "StatDay", "region", "key", "day:date", "n:long", stamped=False)
STAT_MONTH = _node(
    "stat_month", "StatMonth", "region", "key", "month:date", "n:long", stamped=False
)

TARGETS = (
    REGION,
    REGION_IN,
    STANDARD,
    STANDARD_FOR,
    HOUSEHOLD,
    HOUSEHOLD_IN,
    PERSON,
    MEMBER_OF,
    PARENT_OF,
    SPOUSE_OF,
    ENROLLMENT,
    ENROLLMENT_OF_PERSON,
    ENROLLMENT_OF_HOUSEHOLD,
    EVENT,
    EVENT_ABOUT_PERSON,
    EVENT_ABOUT_HOUSEHOLD,
    CALENDAR_DAY,
    SERVES,
    STAT_DAY,
    STAT_MONTH,
)

BY_NAME = {target.name: target for target in TARGETS}
Line = tuple[str, str]  # a target's name and a data line (no newline) of its file
CHILD_BIRTH = "\x00child-birth"  # a parent edge's null `from`, until the child's birth is known


def cell(value: Any) -> str:
    """One CSV cell as the importer reads it: empty for null, strings always quoted."""
    if value is None:
        return ""
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, date):  # a datetime is a date too
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    raise TypeError(f"no CSV cell for {type(value).__name__}")


def line(*values: Any) -> str:
    return ",".join(map(cell, values))


def stamp_cells(at: datetime, by: str | None) -> str:
    """What every stamped node and edge gets, `updated_at` and `updated_by`, as the cells
    that end its line."""
    return "," + line(at, by)


def lines(record: FeedRecord, stamp: str) -> tuple[Line, ...]:
    """The importer lines of one valid record, as far as the record alone tells them (worker
    processes make them): a parent edge with a null `from` holds `CHILD_BIRTH`, and an
    enrolment's edge goes to a person, until `resolved` knows better. `stamp`: `stamp_cells`."""
    row = record.row()
    props = row.get("props", {})
    s = stamp
    values: Sequence[Any]
    match record:
        case RegionIn():
            out: tuple[Line, ...] = (
                ("region", line(row["code"], props["name"], props["level"]) + s),
            )
            if row["parent_code"]:
                out += (("region_in", line(row["code"], row["parent_code"])),)
            return out
        case StandardIn():
            node = f"{row['region_code']}|{row['effective_from']}"
            values = [props.get(c.split(":")[0]) for c in MONEY]
            return (
                ("standard", line(node, row["region_code"], row["effective_from"], *values) + s),
                ("standard_for", line(node, row["region_code"])),
            )
        case HouseholdIn():
            values = [props[c.split(":")[0]] for c in HOUSEHOLD.columns[1:-2]]
            return (
                ("household", line(row["household_id"], *values) + s),
                ("household_in", line(row["household_id"], props["region_code"])),
            )
        case PersonIn():
            values = [props[c.split(":")[0]] for c in PERSON.columns[1:-2]]
            return (("person", line(row["person_id"], *values) + s),)
        case MembershipIn():
            values = (row["person_id"], row["household_id"], row["from"], props["to"])
            return (("member_of", line(*values, props["relation"]) + s),)
        case KinshipIn() if record.kind == "spouse":
            return (("spouse_of", line(row["a"], row["b"], props["from"], props["to"]) + s),)
        case KinshipIn():
            start = props["from"] if props["from"] is not None else CHILD_BIRTH
            values = (row["a"], row["b"], props["basis"], start, props["to"])
            return (("parent_of", line(*values) + s),)
        case EnrollmentIn():
            # The program (a fixed word) and the date first: any subject id keeps it unique.
            node = f"{row['program']}|{row['from']}|{row['subject_id']}"
            values = (node, row["subject_id"], row["program"], row["from"], props["to"])
            edge = line(node, row["subject_id"])
            return (("enrollment", line(*values) + s), ("enrollment_of_person", edge))
        case EventIn():
            node = f"{row['source']}|{row['event_id']}"  # a source is a fixed word
            person = props["subject_kind"] == "person"
            about = "event_about_person" if person else "event_about_household"
            fields = [props[c.split(":")[0]] for c in EVENT.columns[3:-2]]
            values = [node, row["source"], row["event_id"], *fields]
            return (("event", line(*values) + s), (about, line(node, props["subject_id"])))
        case CalendarDayIn():
            return (("calendar_day", line(row["date"], row["date"], props["kind"]) + s),)
        case OfficialIn():
            values = (row["person_id"], row["region_code"], row["role"], row["from"])
            return (("serves", line(*values, props["to"]) + s),)
    raise TypeError(f"no importer lines for {type(record).__name__}")


# What an import knows of the persons once they are loaded (loaders.initial).
BirthOf = Callable[[str], str]  # a person's birth date (ISO)
IsPerson = Callable[[str], bool]  # an enrolment's subject: a person, else a household


def resolved(
    out: tuple[Line, ...], record: FeedRecord, birth_of: BirthOf, is_person: IsPerson
) -> tuple[Line, ...]:
    """`lines(record)` with what the graph tells: a parent edge's null `from` is the child's
    birth (upsert_kinship_parent's coalesce); an enrolment's subject is the person of that id
    if there is one, else the household (upsert_enrollments' coalesce)."""
    if isinstance(record, KinshipIn) and record.kind == "parent" and record.from_ is None:
        ((target, text),) = out
        return ((target, text.replace(cell(CHILD_BIRTH), birth_of(record.b))),)
    if isinstance(record, EnrollmentIn) and not is_person(record.subject_id):
        node, (_, edge) = out
        return (node, ("enrollment_of_household", edge))
    return out


class CsvWriter:
    """The importer's files in `directory`: `<target>.header.csv` and `<target>.csv` for each
    target that gets a line; `files()` lists them for the importer (`graph.bulkimport`)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self._out: dict[str, TextIO] = {}  # by target name: a str hashes once, a Target each time
        self.multiline = False

    def write(self, batch: Iterable[Line]) -> None:
        opened = self._out
        for name, text in batch:
            out = opened.get(name)
            if out is None:
                out = self._open(BY_NAME[name])
            if "\n" in text or "\r" in text:
                self.multiline = True  # a quoted value spans lines: the importer must know
            out.write(text)
            out.write("\n")

    def _open(self, target: Target) -> TextIO:
        header = self.directory / f"{target.name}.header.csv"
        header.write_text(",".join(target.columns) + "\n", encoding="utf-8")
        fd = os.open(
            self.directory / f"{target.name}.csv", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600
        )
        out = open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed by close())
        self._out[target.name] = out
        return out

    def __enter__(self) -> "CsvWriter":
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        """On an error, the files closed (the caller's `close` gives them on success)."""
        if kind is not None:
            self.close()

    def close(self) -> ImportFiles:
        """Close every file; what the importer is to read."""
        for out in self._out.values():
            out.close()
        files = ImportFiles(multiline=self.multiline)
        for target in TARGETS:
            if target.name in self._out:
                header = self.directory / f"{target.name}.header.csv"
                data = (self.directory / f"{target.name}.csv",)
                files.groups.append(ImportGroup(target.kind, target.labels, header, data))
        return files
