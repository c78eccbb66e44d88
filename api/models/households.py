"""The household routes (CONTRACT §3): a household with its members and enrolments, its
composition changes and its warning score (RULES §4)."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from core.terms import Level

__all__ = [
    "ChangePublic",
    "ContributionPublic",
    "EnrollmentPublic",
    "HouseholdPublic",
    "MemberPublic",
    "ScorePublic",
]


class ChangePublic(BaseModel):
    """One composition change of a household (contract §3, /changes)."""

    date: date
    kind: Literal["joined", "left", "born", "died", "married", "divorced"]
    person_id: str
    relation: str


class ContributionPublic(BaseModel):
    """An indicator's points (once) and the events behind it, as `source:event_id`."""

    indicator: str
    points: int
    event_ids: list[str]


class ScorePublic(BaseModel):
    """`GET /v1/households/{id}/score` (contract §3, RULES §4)."""

    household_id: str
    as_of: date
    score: int
    level: Level
    visit_within_working_days: int | None
    contributions: list[ContributionPublic]
    ruleset: str


class MemberPublic(BaseModel):
    """A current member of a household, as the officers of its region see them. A member on an
    earlier as-of date who lives outside the caller's region today is `masked`: masked id and
    name, relation and membership start only (issue 14 item 7)."""

    person_id: str
    name: str
    sex: Literal["M", "F"] | None = None
    birth_date: date | None = None
    relation: str
    member_from: date = Field(serialization_alias="from")
    annual_income: float | None = None
    disability_grade: int | None = None
    disability_type: str | None = None
    major_disease: bool | None = None
    legal_status: str | None = None
    death_date: date | None = None
    masked: bool = False


class EnrollmentPublic(BaseModel):
    subject_id: str
    program: str
    enrolled_from: date = Field(serialization_alias="from")
    to: date | None = None


class HouseholdPublic(BaseModel):
    """`GET /v1/households/{id}` (contract §3): the household, current members, enrolments."""

    household_id: str
    region_code: str
    hukou: Literal["urban", "rural"]
    address: str
    assets_ok: bool
    rigid_expenditure_annual: float
    as_of: date
    members: list[MemberPublic]
    enrollments: list[EnrollmentPublic]
