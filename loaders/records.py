"""One pydantic model per feed of the contract (CONTRACT §2), and what each does.

Field rules live on the fields (`loaders.fields`); rules that compare fields of one record live
in `problems()`, which names the field each problem is about. Rules that need the graph (a
referenced person exists, memberships do not overlap) are in `loaders.checks`.

Each record class carries its behaviour (issue 15 item 7): the upsert query of its feed
(`upsert`, loaded from cypher/ when this module is imported), the keys it names that must
exist (`names()`, checked by `loaders.checks`) and the row its query takes (`row()`, written by
`loaders.write`), instead of a switch over the ten classes in each of those modules.
`FEEDS` is the one list of feeds; `FeedName` derives from it.
"""

from collections.abc import Hashable
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import Field, field_validator

from core.ids import Level, birth_date_of, region_level, region_parent, sex_of
from core.terms import KinshipBasis, KinshipKind, LegalStatus, OfficialRole, Relation
from cypher import Query, query
from loaders import names

# Re-exported: the feeds' callers take the base and its problem type from here.
from loaders.feed_record import FeedRecord as FeedRecord
from loaders.feed_record import Problem as Problem
from loaders.feed_record import range_problems
from loaders.fields import (
    IsoDate,
    Money,
    OptionalDate,
    PositiveMoney,
    RegionCode,
    ResidentId,
    Text,
    valid_region_code,
    valid_resident_id,
)
from loaders.names import Name
from scoring.ruleset import Department, default_ruleset


class RegionIn(FeedRecord):
    """A region (I2): 12-digit code, name. Its parent follows from the code."""

    feed: ClassVar[str] = "regions"
    key_fields: ClassVar[tuple[str, ...]] = ("code",)
    upsert: ClassVar[Query] = query("loaders/upsert_regions")

    code: RegionCode
    name: Text

    _code = field_validator("code")(valid_region_code)

    @property
    def level(self) -> Level:
        return region_level(self.code)

    def locks(self) -> tuple[Hashable, ...]:
        """Its code, and its parent's, which must be written before it is checked."""
        return (self.code, self.parent_code) if self.parent_code else (self.code,)

    @property
    def parent_code(self) -> str | None:
        return region_parent(self.code)

    def names(self) -> tuple[Name, ...]:
        return (names.parent_region("code", self.parent_code),) if self.parent_code else ()

    def row(self) -> dict[str, Any]:
        props = {"name": self.name, "level": self.level.name.lower()}
        return {"code": self.code, "parent_code": self.parent_code, "props": props}


class StandardIn(FeedRecord):
    """Local standards effective from a date (E7, T3, T6)."""

    feed: ClassVar[str] = "standards"
    key_fields: ClassVar[tuple[str, ...]] = ("region_code", "effective_from")
    upsert: ClassVar[Query] = query("loaders/upsert_standards")

    region_code: RegionCode
    effective_from: IsoDate
    dibao_urban_monthly: PositiveMoney
    dibao_rural_monthly: PositiveMoney
    per_capita_disposable_income_annual: PositiveMoney
    marginal_multiplier: Annotated[float, Field(gt=1, le=5)] | None = None
    expenditure_ratio: Annotated[float, Field(gt=0, le=1)] | None = None

    _code = field_validator("region_code")(valid_region_code)

    def names(self) -> tuple[Name, ...]:
        return (names.region("region_code", self.region_code),)

    def row(self) -> dict[str, Any]:
        return {
            "region_code": self.region_code,
            "effective_from": self.effective_from,
            "props": self._properties("region_code", "effective_from"),
        }


class HouseholdIn(FeedRecord):
    """A household (户), which sits in a village (I2)."""

    feed: ClassVar[str] = "households"
    key_fields: ClassVar[tuple[str, ...]] = ("household_id",)
    upsert: ClassVar[Query] = query("loaders/upsert_households")

    household_id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[\w\-]+$")]
    region_code: RegionCode
    hukou: Literal["urban", "rural"]
    address: Text
    assets_ok: bool
    rigid_expenditure_annual: Money

    _code = field_validator("region_code")(valid_region_code)

    def problems(self) -> list[Problem]:
        if region_level(self.region_code) is not Level.VILLAGE:
            return [
                (
                    "region_code",
                    f"{self.region_code} is not a village: households sit in villages (I2)",
                )
            ]
        return []

    def names(self) -> tuple[Name, ...]:
        """Its village, and itself: the village it is in now (the region rule)."""
        return (
            names.region("region_code", self.region_code),
            names.own("household", "household_id", self.household_id),
        )

    def row(self) -> dict[str, Any]:
        return {"household_id": self.household_id, "props": self._properties("household_id")}


DisabilityType = Literal[
    "physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple"
]


class PersonIn(FeedRecord):
    """A person, keyed by resident id (I1)."""

    feed: ClassVar[str] = "persons"
    key_fields: ClassVar[tuple[str, ...]] = ("person_id",)
    upsert: ClassVar[Query] = query("loaders/upsert_persons")

    person_id: ResidentId
    name: Text
    sex: Literal["M", "F"]
    birth_date: IsoDate
    annual_income: Money
    disability_grade: Annotated[int, Field(ge=1, le=4)] | None = None
    disability_type: DisabilityType | None = None
    major_disease: bool
    legal_status: LegalStatus
    death_date: OptionalDate = None

    _pid = field_validator("person_id")(valid_resident_id)

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        if birth_date_of(self.person_id) != self.birth_date:
            found.append(
                (
                    "birth_date",
                    f"{self.birth_date} disagrees with the id's "
                    f"{birth_date_of(self.person_id)} (I1)",
                )
            )
        if sex_of(self.person_id) != self.sex:
            found.append(
                ("sex", f"{self.sex} disagrees with the id's {sex_of(self.person_id)} (I1)")
            )
        # CONTRACT §2: a grade may come without a type (it then counts only where a rule
        # says "any type", E6 and T6); a type without a grade says nothing and is an error.
        if self.disability_type is not None and self.disability_grade is None:
            found.append(
                (
                    "disability_grade",
                    f"disability_type {self.disability_type} needs a disability_grade (1-4)",
                )
            )
        if self.death_date is not None and self.death_date < self.birth_date:
            found.append(("death_date", f"{self.death_date} is before birth {self.birth_date}"))
        return found

    def names(self) -> tuple[Name, ...]:
        """Itself: the home it has now, if it exists (the region rule)."""
        return (names.own("person", "person_id", self.person_id),)

    def row(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "props": self._properties("person_id")}


class MembershipIn(FeedRecord):
    """A person's membership of a household over an inclusive date range (E1, W1)."""

    feed: ClassVar[str] = "memberships"
    key_fields: ClassVar[tuple[str, ...]] = ("person_id", "household_id", "from")
    upsert: ClassVar[Query] = query("loaders/upsert_memberships")

    person_id: ResidentId
    household_id: Annotated[str, Field(min_length=1, max_length=64)]
    from_: IsoDate = Field(alias="from")
    to: OptionalDate = None
    relation: Relation

    _pid = field_validator("person_id")(valid_resident_id)

    def problems(self) -> list[Problem]:
        return range_problems(self.from_, self.to)

    def locks(self) -> tuple[Hashable, ...]:
        """The person: the overlap check (E1) reads all the person's memberships."""
        return (("membership", self.person_id),)

    def names(self) -> tuple[Name, ...]:
        return (
            names.person("person_id", self.person_id),
            names.household("household_id", self.household_id),
        )

    def row(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "household_id": self.household_id,
            "from": self.from_,
            "props": {"to": self.to, "relation": self.relation},
        }


class KinshipIn(FeedRecord):
    """A spouse edge (symmetric) or a parent edge (`a` is a parent of `b`) (T4, T5).

    `from` is a spouse edge's marriage date (required); a parent edge's adoption or step
    date, or null for "from the child's birth" (CONTRACT §2), which the write resolves to the
    child's birth date, so that every rule reads one kind of edge."""

    feed: ClassVar[str] = "kinship"
    key_fields: ClassVar[tuple[str, ...]] = ("kind", "a", "b")
    upsert: ClassVar[Query] = query("loaders/upsert_kinship_parent")
    upsert_spouse: ClassVar[Query] = query("loaders/upsert_kinship_spouse")

    kind: KinshipKind
    a: ResidentId
    b: ResidentId
    basis: KinshipBasis | None = None
    from_: OptionalDate = Field(default=None, alias="from")
    to: OptionalDate = None

    _ids = field_validator("a", "b")(valid_resident_id)

    def problems(self) -> list[Problem]:
        found = range_problems(self.from_, self.to)
        if self.a == self.b:
            found.append(("b", "a person cannot be their own relative"))
        if self.kind == "spouse" and self.from_ is None:
            found.append(("from", "a spouse edge needs the marriage date"))
        if self.kind == "parent" and self.basis is None:
            found.append(("basis", "a parent edge needs a basis"))
        if self.kind == "spouse" and self.basis is not None:
            found.append(("basis", "a spouse edge has no basis"))
        return found

    def locks(self) -> tuple[Hashable, ...]:
        """The stored edge: a spouse edge given both ways is one key."""
        edge = self.canonical()
        return ((self.kind, edge.a, edge.b),)

    def canonical(self) -> "KinshipIn":
        """Spouse edges are stored once, smaller id first."""
        if self.kind == "spouse" and self.b < self.a:
            return self.model_copy(update={"a": self.b, "b": self.a})
        return self

    def names(self) -> tuple[Name, ...]:
        return (names.person("a", self.a), names.person("b", self.b))

    def upsert_query(self) -> Query:
        """A spouse edge and a parent edge are different relationships, each its query."""
        return self.upsert_spouse if self.kind == "spouse" else self.upsert

    def row(self) -> dict[str, Any]:
        """The canonical edge (a spouse edge once, smaller id first); a spouse edge has no
        basis."""
        edge = self.canonical()
        props = edge._properties("kind", "a", "b")
        if edge.kind == "spouse":
            del props["basis"]
        return {"a": edge.a, "b": edge.b, "props": props}


Program = Literal[
    "dibao",
    "single_person_dibao",
    "tekun",
    "marginal",
    "expenditure_hardship",
    "temporary_relief",
    "other",
]


class EnrollmentIn(FeedRecord):
    """An enrolment of a person or a household in a programme (M1–M5)."""

    feed: ClassVar[str] = "enrollments"
    key_fields: ClassVar[tuple[str, ...]] = ("subject_id", "program", "from")
    upsert: ClassVar[Query] = query("loaders/upsert_enrollments")

    subject_id: Annotated[str, Field(min_length=1, max_length=64)]
    program: Program
    from_: IsoDate = Field(alias="from")
    to: OptionalDate = None

    def problems(self) -> list[Problem]:
        return range_problems(self.from_, self.to)

    def names(self) -> tuple[Name, ...]:
        return (names.subject("subject_id", self.subject_id),)

    def row(self) -> dict[str, Any]:
        return {
            "subject_id": self.subject_id,
            "program": self.program,
            "from": self.from_,
            "props": {"to": self.to},
        }


class EventIn(FeedRecord):
    """A department event about a person or a household (RULES §4)."""

    feed: ClassVar[str] = "events"
    key_fields: ClassVar[tuple[str, ...]] = ("source", "event_id")
    upsert: ClassVar[Query] = query("loaders/upsert_events")

    source: Department
    event_id: Annotated[str, Field(min_length=1, max_length=64)]
    indicator: str
    person_id: ResidentId | None = None
    household_id: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    occurred_on: IsoDate
    note: Annotated[str, Field(max_length=2000)] | None = None

    @field_validator("person_id")
    @classmethod
    def _pid(cls, value: str | None) -> str | None:
        return None if value is None else valid_resident_id(value)

    @field_validator("indicator")
    @classmethod
    def _known_indicator(cls, value: str) -> str:
        if default_ruleset().indicator(value) is None:
            raise ValueError(f"{value!r} is not an indicator of RULES §4")
        return value

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        if (self.person_id is None) == (self.household_id is None):
            found.append(("person_id", "exactly one of person_id and household_id is required"))
        indicator = default_ruleset().indicator(self.indicator)
        if indicator is not None and self.source not in indicator.departments:
            allowed = ", ".join(indicator.departments)
            found.append(
                (
                    "source",
                    f"{self.source} may not report {self.indicator} (allowed: {allowed}; RULES §4)",
                )
            )
        return found

    @property
    def subject_id(self) -> str:
        return self.person_id or self.household_id or ""

    def names(self) -> tuple[Name, ...]:
        if self.person_id:
            return (names.person("person_id", self.person_id),)
        return (names.household("household_id", self.subject_id),)

    def row(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "event_id": self.event_id,
            "props": {
                "indicator": self.indicator,
                "occurred_on": self.occurred_on,
                "note": self.note,
                "subject_id": self.subject_id,
                "subject_kind": "person" if self.person_id else "household",
            },
        }


class CalendarDayIn(FeedRecord):
    """An official working-day calendar entry (W4)."""

    feed: ClassVar[str] = "calendar"
    key_fields: ClassVar[tuple[str, ...]] = ("date",)
    upsert: ClassVar[Query] = query("loaders/upsert_calendar")

    date: IsoDate
    kind: Literal["workday", "holiday"]

    def row(self) -> dict[str, Any]:
        return {"date": self.date, "props": {"kind": self.kind}}


class OfficialIn(FeedRecord):
    """An official (C1): a person serving a region in a role over an inclusive date range,
    stored as a `SERVES` edge from the person to the region, keyed by (person, role, region,
    from): one person may serve several regions, or one in several roles, at once."""

    feed: ClassVar[str] = "officials"
    key_fields: ClassVar[tuple[str, ...]] = ("person_id", "role", "region_code", "from")
    upsert: ClassVar[Query] = query("loaders/upsert_officials")

    person_id: ResidentId
    role: OfficialRole
    region_code: RegionCode
    from_: IsoDate = Field(alias="from")
    to: OptionalDate = None

    _pid = field_validator("person_id")(valid_resident_id)
    _code = field_validator("region_code")(valid_region_code)

    def problems(self) -> list[Problem]:
        return range_problems(self.from_, self.to)

    def names(self) -> tuple[Name, ...]:
        return (
            names.person("person_id", self.person_id),
            names.region("region_code", self.region_code),
        )

    def row(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "role": self.role,
            "region_code": self.region_code,
            "from": self.from_,
            "props": {"to": self.to},
        }


# In dependency order: a feed only names what feeds before it hold.
FEEDS: dict[str, type[FeedRecord]] = {
    model.feed: model
    for model in (
        RegionIn,
        StandardIn,
        HouseholdIn,
        PersonIn,
        MembershipIn,
        KinshipIn,
        EnrollmentIn,
        EventIn,
        CalendarDayIn,
        OfficialIn,
    )
}

# The feed names of `POST /v1/ingest/{feed}` (CONTRACT §2), from FEEDS: a Literal, so that
# the OpenAPI document lists them as an enum, in this order. mypy cannot read a Literal built
# at run time: it sees `str`, and the API validates the value against the Literal.
if TYPE_CHECKING:
    FeedName = str
else:
    FeedName = Literal[tuple(FEEDS)]
