"""A small builder of families for the support tests (RULES §3): persons, households,
kinship and enrolments in the contract's feed fields, loaded through the real loader.

Two cities: 广州 (440100) with one county, one township and two villages, and 深圳 (440300)
with one village; each city has its own standard (E7).
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from core.ids import make_resident_id
from graph.db import Graph
from loaders.pipeline import load_records
from loaders.read import RawRecord
from loaders.records import PersonIn
from loaders.write import write_batch
from scoring.support import DestituteCheck
from tests.reference.support import RefSupporter, RefVerdict

Record = dict[str, Any]
AS_OF = date(2026, 6, 1)
GZ_VILLAGE = "440103001001"
GZ_VILLAGE_2 = "440103001002"
SZ_VILLAGE = "440304001001"
REGIONS = [
    ("440000000000", "广东省"),
    ("440100000000", "广州市"),
    ("440103000000", "荔湾区"),
    ("440103001000", "沙面街道"),
    (GZ_VILLAGE, "沙面社区"),
    (GZ_VILLAGE_2, "二社区"),
    ("440300000000", "深圳市"),
    ("440304000000", "福田区"),
    ("440304001000", "南园街道"),
    (SZ_VILLAGE, "南园社区"),
]
# Guangzhou: urban 1500, rural 1200 a month, per-capita disposable income 80000 a year.
GZ_STANDARD: Record = {
    "region_code": "440100000000",
    "effective_from": "2020-01-01",
    "dibao_urban_monthly": 1500,
    "dibao_rural_monthly": 1200,
    "per_capita_disposable_income_annual": 80000,
}
SZ_STANDARD: Record = {
    "region_code": "440300000000",
    "effective_from": "2020-01-01",
    "dibao_urban_monthly": 1600,
    "dibao_rural_monthly": 1600,
    "per_capita_disposable_income_annual": 90000,
}


def years_before(day: date, years: int, days: int = 0) -> date:
    """`day` minus whole years (29 Feb becomes 28 Feb), minus `days`."""
    try:
        shifted = day.replace(year=day.year - years)
    except ValueError:
        shifted = day.replace(year=day.year - years, day=28)
    return date.fromordinal(shifted.toordinal() - days)


def born_aged(age: int, as_of: date = AS_OF, days: int = 0) -> date:
    """A birth date that makes a person exactly `age` on `as_of` (a birthday), or `days`
    earlier."""
    return years_before(as_of, age, days)


@dataclass
class Family:
    """Feed records of one test family; `load` sends them through the loader."""

    standards: list[Record] = field(default_factory=lambda: [dict(GZ_STANDARD), dict(SZ_STANDARD)])
    households: list[Record] = field(default_factory=list)
    persons: list[Record] = field(default_factory=list)
    memberships: list[Record] = field(default_factory=list)
    kinship: list[Record] = field(default_factory=list)
    enrollments: list[Record] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    untyped: list[str] = field(default_factory=list)  # for `without_type` after loading
    _sequence: int = 0

    def household(
        self, household_id: str, village: str = GZ_VILLAGE, hukou: str = "urban", **extra: Any
    ) -> str:
        self.households.append(
            {
                "household_id": household_id,
                "region_code": village,
                "hukou": hukou,
                "address": f"{household_id} 号",
                "assets_ok": True,
                "rigid_expenditure_annual": 0,
            }
            | extra
        )
        return household_id

    def person(
        self,
        name: str,
        born: date,
        household: str | None = None,
        sex: str = "M",
        member_from: date | None = None,
        member_to: date | None = None,
        **extra: Any,
    ) -> str:
        """A person (a resident id from birth date and sex), a member of `household` from
        `member_from` (default: birth) when one is given."""
        self._sequence += 1
        pid = make_resident_id("440103", born, self._sequence * 2 + (1 if sex == "M" else 0))
        self.persons.append(
            {
                "person_id": pid,
                "name": name,
                "sex": sex,
                "birth_date": born.isoformat(),
                "annual_income": 0,
                "disability_grade": None,
                "disability_type": None,
                "major_disease": False,
                "legal_status": "normal",
                "death_date": None,
            }
            | {k: v.isoformat() if isinstance(v, date) else v for k, v in extra.items()}
        )
        self.names[name] = pid
        if household is not None:
            self.member(pid, household, member_from or born, member_to)
        return pid

    def member(self, pid: str, household: str, start: date, end: date | None = None) -> None:
        self.memberships.append(
            {
                "person_id": pid,
                "household_id": household,
                "from": start.isoformat(),
                "to": end.isoformat() if end else None,
                "relation": "other",
            }
        )

    def parent(
        self,
        parent: str,
        child: str,
        basis: str = "birth",
        start: date | None = None,
        end: date | None = None,
    ) -> None:
        """`parent` is a parent of `child` from `start` (default: the child's birth)."""
        born = next(p["birth_date"] for p in self.persons if p["person_id"] == child)
        self.kinship.append(
            {
                "kind": "parent",
                "a": parent,
                "b": child,
                "basis": basis,
                "from": start.isoformat() if start else born,
                "to": end.isoformat() if end else None,
            }
        )

    def spouse(
        self, a: str, b: str, start: date = date(2000, 1, 1), end: date | None = None
    ) -> None:
        self.kinship.append(
            {
                "kind": "spouse",
                "a": a,
                "b": b,
                "from": start.isoformat(),
                "to": end.isoformat() if end else None,
            }
        )

    def enrol(
        self,
        subject: str,
        program: str,
        start: date = date(2020, 1, 1),
        end: date | None = None,
    ) -> None:
        self.enrollments.append(
            {
                "subject_id": subject,
                "program": program,
                "from": start.isoformat(),
                "to": end.isoformat() if end else None,
            }
        )

    def feeds(self) -> dict[str, list[Record]]:
        return {
            "regions": [{"code": c, "name": n} for c, n in REGIONS],
            "standards": self.standards,
            "households": self.households,
            "persons": self.persons,
            "memberships": self.memberships,
            "kinship": self.kinship,
            "enrollments": self.enrollments,
        }

    def load(self, graph: Graph) -> None:
        for feed, records in self.feeds().items():
            report = load_records(graph, feed, [RawRecord(i, r) for i, r in enumerate(records)])
            assert report.rejected == [], (feed, report.rejected)


def rewrite_person(graph: Graph, record: Record) -> None:
    """Write a persons-feed record straight through the loader's write path, past its checks:
    a disability grade without a type (CONTRACT §2, issue 13 item 4), which the feed accepts
    since issue 13 item 4 and older graphs hold, is written exactly as the loader writes it."""
    fields = dict(record)
    for name in ("birth_date", "death_date"):
        if isinstance(fields.get(name), str):
            fields[name] = date.fromisoformat(fields[name])
    write_batch(graph, [(0, PersonIn.model_construct(**fields))])


def without_type(graph: Graph, records: list[Record], *person_ids: str) -> None:
    """Rewrite the named persons of `records` with their disability grade and no type."""
    for record in records:
        if record["person_id"] in person_ids:
            rewrite_person(graph, record | {"disability_type": None})


def as_reference(check: DestituteCheck) -> RefVerdict:
    """A Cypher result (`scoring.support`) in the reference model's terms, to compare them."""
    return RefVerdict(
        person_id=check.person.person_id,
        no_labor=frozenset(check.person.no_labor),
        no_income=check.no_income_source,
        no_capable_supporter=check.no_capable_supporter,
        eligible=check.eligible,
        category=check.category,
        supporters=frozenset(
            RefSupporter(
                s.facts.person_id, s.relation, s.order, s.obligation, frozenset(s.facts.unable)
            )
            for s in check.supporters
        ),
    )
