"""One pydantic model per feed of the contract (CONTRACT §2): parse, validate, nothing more.

Field rules live on the fields; rules that compare fields of one record live in `problems()`,
which names the field each problem is about. Rules that need the graph (a referenced person
exists, memberships do not overlap) are in `loaders.checks`.
"""

from collections.abc import Hashable
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from core.dates import EARLIEST, LATEST, MONEY_LIMIT
from core.ids import (
    Level,
    birth_date_of,
    normalise_region_code,
    region_level,
    region_parent,
    resident_id_problem,
    sex_of,
)
from core.terms import KinshipBasis, KinshipKind, LegalStatus, Relation
from scoring.ruleset import Department, default_ruleset

Problem = tuple[str, str]  # (field, message)


def _iso_date(value: object) -> object:
    """Dates only as ISO `YYYY-MM-DD` text (or a date): never a number read as a timestamp."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"{value!r} is not an ISO date YYYY-MM-DD") from exc
    if isinstance(value, date) or value is None:
        return value
    raise ValueError("must be an ISO date YYYY-MM-DD")


def _within_bounds(value: date | None) -> date | None:
    """Issue 14 item 11: a date like 9999-12-31 was accepted and broke /changes for good."""
    if value is not None and not EARLIEST <= value <= LATEST:
        raise ValueError(f"{value} is not between {EARLIEST} and {LATEST}")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date), AfterValidator(_within_bounds)]
OptionalDate = Annotated[date | None, BeforeValidator(_iso_date), AfterValidator(_within_bounds)]
Text = Annotated[str, Field(min_length=1, max_length=200)]
# Issue 14 item 11: an income above ~9.2e16 overflowed the means test. Yuan below MONEY_LIMIT.
Money = Annotated[float, Field(ge=0, lt=MONEY_LIMIT, allow_inf_nan=False)]
PositiveMoney = Annotated[float, Field(gt=0, lt=MONEY_LIMIT, allow_inf_nan=False)]


def _resident_id(value: str) -> str:
    problem = resident_id_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _region_code(value: str) -> str:
    try:
        code = normalise_region_code(value)
        region_level(code)
    except ValueError as exc:
        raise ValueError(f"{exc} (I2)") from exc
    return code


ResidentId = Annotated[str, BeforeValidator(str), Field(max_length=18)]
RegionCode = Annotated[str, BeforeValidator(str)]


class FeedRecord(BaseModel):
    """Base of every feed record: unknown fields are errors; `from` is spelled `from`."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)

    feed: ClassVar[str]
    key_fields: ClassVar[tuple[str, ...]]

    def problems(self) -> list[Problem]:
        """Rules across fields of this one record; empty when it is consistent."""
        return []

    def key(self) -> dict[str, Any]:
        data = self.model_dump(by_alias=True, mode="json")
        return {name: data[name] for name in self.key_fields}

    def locks(self) -> tuple[Hashable, ...]:
        """Keys that two batches written at the same time must not share (`loaders.pipeline`):
        its own natural key, so that the later of two records with one key wins, and the keys
        of the records of its feed that its checks read (a parent region, a person's other
        memberships)."""
        return ((self.feed, *(getattr(self, _attribute(f)) for f in self.key_fields)),)


def _attribute(field_name: str) -> str:
    return "from_" if field_name == "from" else field_name


def _range_problems(start: date | None, end: date | None) -> list[Problem]:
    if start is not None and end is not None and end < start:
        return [("to", f"{end} is before from {start}")]
    return []


class RegionIn(FeedRecord):
    """A region (I2): 12-digit code, name. Its parent follows from the code."""

    feed: ClassVar[str] = "regions"
    key_fields: ClassVar[tuple[str, ...]] = ("code",)

    code: RegionCode
    name: Text

    _code = field_validator("code")(_region_code)

    @property
    def level(self) -> Level:
        return region_level(self.code)

    def locks(self) -> tuple[Hashable, ...]:
        """Its code, and its parent's, which must be written before it is checked."""
        return (self.code, self.parent_code) if self.parent_code else (self.code,)

    @property
    def parent_code(self) -> str | None:
        return region_parent(self.code)


class StandardIn(FeedRecord):
    """Local standards effective from a date (E7, T3, T6)."""

    feed: ClassVar[str] = "standards"
    key_fields: ClassVar[tuple[str, ...]] = ("region_code", "effective_from")

    region_code: RegionCode
    effective_from: IsoDate
    dibao_urban_monthly: PositiveMoney
    dibao_rural_monthly: PositiveMoney
    per_capita_disposable_income_annual: PositiveMoney
    marginal_multiplier: Annotated[float, Field(gt=1, le=5)] | None = None
    expenditure_ratio: Annotated[float, Field(gt=0, le=1)] | None = None

    _code = field_validator("region_code")(_region_code)


class HouseholdIn(FeedRecord):
    """A household (户), which sits in a village (I2)."""

    feed: ClassVar[str] = "households"
    key_fields: ClassVar[tuple[str, ...]] = ("household_id",)

    household_id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[\w\-]+$")]
    region_code: RegionCode
    hukou: Literal["urban", "rural"]
    address: Text
    assets_ok: bool
    rigid_expenditure_annual: Money

    _code = field_validator("region_code")(_region_code)

    def problems(self) -> list[Problem]:
        if region_level(self.region_code) is not Level.VILLAGE:
            return [
                (
                    "region_code",
                    f"{self.region_code} is not a village: households sit in villages (I2)",
                )
            ]
        return []


DisabilityType = Literal[
    "physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple"
]


class PersonIn(FeedRecord):
    """A person, keyed by resident id (I1)."""

    feed: ClassVar[str] = "persons"
    key_fields: ClassVar[tuple[str, ...]] = ("person_id",)

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

    _pid = field_validator("person_id")(_resident_id)

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


class MembershipIn(FeedRecord):
    """A person's membership of a household over an inclusive date range (E1, W1)."""

    feed: ClassVar[str] = "memberships"
    key_fields: ClassVar[tuple[str, ...]] = ("person_id", "household_id", "from")

    person_id: ResidentId
    household_id: Annotated[str, Field(min_length=1, max_length=64)]
    from_: IsoDate = Field(alias="from")
    to: OptionalDate = None
    relation: Relation

    _pid = field_validator("person_id")(_resident_id)

    def problems(self) -> list[Problem]:
        return _range_problems(self.from_, self.to)

    def locks(self) -> tuple[Hashable, ...]:
        """The person: the overlap check (E1) reads all the person's memberships."""
        return (("membership", self.person_id),)


class KinshipIn(FeedRecord):
    """A spouse edge (symmetric) or a parent edge (`a` is a parent of `b`) (T4, T5).

    `from` is a spouse edge's marriage date (required); a parent edge's adoption or step
    date, or null for "from the child's birth" (CONTRACT §2), which the write resolves to the
    child's birth date, so that every rule reads one kind of edge."""

    feed: ClassVar[str] = "kinship"
    key_fields: ClassVar[tuple[str, ...]] = ("kind", "a", "b")

    kind: KinshipKind
    a: ResidentId
    b: ResidentId
    basis: KinshipBasis | None = None
    from_: OptionalDate = Field(default=None, alias="from")
    to: OptionalDate = None

    _ids = field_validator("a", "b")(_resident_id)

    def problems(self) -> list[Problem]:
        found = _range_problems(self.from_, self.to)
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

    subject_id: Annotated[str, Field(min_length=1, max_length=64)]
    program: Program
    from_: IsoDate = Field(alias="from")
    to: OptionalDate = None

    def problems(self) -> list[Problem]:
        return _range_problems(self.from_, self.to)


class EventIn(FeedRecord):
    """A department event about a person or a household (RULES §4)."""

    feed: ClassVar[str] = "events"
    key_fields: ClassVar[tuple[str, ...]] = ("source", "event_id")

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
        return None if value is None else _resident_id(value)

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


class CalendarDayIn(FeedRecord):
    """An official working-day calendar entry (W4)."""

    feed: ClassVar[str] = "calendar"
    key_fields: ClassVar[tuple[str, ...]] = ("date",)

    date: IsoDate
    kind: Literal["workday", "holiday"]


FeedName = Literal[
    "regions",
    "standards",
    "households",
    "persons",
    "memberships",
    "kinship",
    "enrollments",
    "events",
    "calendar",
]

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
    )
}
