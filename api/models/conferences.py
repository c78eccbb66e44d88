"""Case conferences (CONTRACT §4; RULES R6): one model per direction."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from api.dates import Day
from api.models.referrals import ReferralStep
from core.terms import Department

__all__ = [
    "ConferenceIn",
    "ConferencePage",
    "ConferencePublic",
    "ConferenceSummary",
    "SignatureIn",
    "TaskIn",
]


class TaskIn(BaseModel):
    """What one department is to do: a referral once signed (P11); `consent_on` records the
    household's consent, which a charity task needs."""

    model_config = ConfigDict(extra="forbid")

    department: Department
    need: str = Field(min_length=1, max_length=2000)
    consent_on: Day | None = None


class ConferenceIn(BaseModel):
    """R6: one of `relief_id` / `household_id` / `person_id` (the last two for a conference
    held before a filing); the departments present, facts, decision, amount (yuan), tasks."""

    model_config = ConfigDict(extra="forbid")

    held_on: Day
    departments: list[Department] = Field(min_length=1, max_length=16)
    facts: str = Field(min_length=1, max_length=4000)
    decision: str = Field(min_length=1, max_length=4000)
    amount: float = Field(ge=0, allow_inf_nan=False)
    relief_id: str | None = Field(default=None, min_length=1, max_length=64)
    household_id: str | None = Field(default=None, min_length=1, max_length=64)
    person_id: str | None = Field(default=None, min_length=18, max_length=18)
    tasks: list[TaskIn] = Field(default_factory=list, max_length=32)


class SignatureIn(BaseModel):
    """The county signs the conference (R6): read-only from then on."""

    model_config = ConfigDict(extra="forbid")

    signed_on: Day


class ConferenceSummary(BaseModel):
    conference_id: str
    county_code: str
    township_code: str | None
    status: str
    held_on: date
    signed_on: date | None
    amount: float
    relief_id: str | None
    household_id: str | None
    person_id: str | None
    departments: list[Department]
    decision: str


class ConferencePage(BaseModel):
    items: list[ConferenceSummary]
    next_cursor: str | None


class TaskPublic(BaseModel):
    department: Department
    need: str
    consent_on: date | None


class ConferencePublic(ConferenceSummary):
    """The conference with its tasks, the referrals its signature sent, and its timeline."""

    facts: str
    tasks: list[TaskPublic]
    referral_ids: list[str]
    timeline: list[ReferralStep]  # the same step shape (P12)
