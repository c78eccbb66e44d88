"""Temporary relief (CONTRACT §4; RULES R1–R4, R7): one model per direction. Bodies carry the
contract's names; `conference_id` (R4, R6), `filed_on` and `facts` (the emergency's facts,
事实经过, stripped, at most 2000 characters) are additions."""

from datetime import date
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from api.dates import Day
from relief import Cause, FollowOnKind, Track
from relief import Status as ReliefStatus
from relief.records import FACTS_MAX

__all__ = [
    "ReliefAdvanceIn",
    "ReliefDecisionIn",
    "ReliefFollowOnIn",
    "ReliefIn",
    "ReliefPage",
    "ReliefPaperworkIn",
    "ReliefPublic",
    "ReliefSummary",
]

Yuan = Field(gt=0, le=100_000_000)
Facts = Annotated[str, StringConstraints(strip_whitespace=True, max_length=FACTS_MAX)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReliefIn(_Body):
    """R1, R2: filed by the township where the emergency happened; exactly one of
    `household_id` / `person_id`, of any region."""

    township_code: str = Field(pattern=r"^[0-9]{12}$")
    household_id: str | None = Field(default=None, min_length=1, max_length=64)
    person_id: str | None = Field(default=None, min_length=18, max_length=18)
    track: Track
    cause: Cause
    occurred_on: Day
    persons: int = Field(ge=1, le=100)
    requested_amount: float = Yuan
    conference_id: str | None = Field(default=None, min_length=1, max_length=64)
    filed_on: Day | None = None
    facts: Facts | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> Self:
        if (self.household_id is None) == (self.person_id is None):
            raise ValueError("exactly one of household_id and person_id")
        return self


class ReliefAdvanceIn(_Body):
    """R3: advance relief paid from the township's standby fund (R5)."""

    paid_on: Day
    amount: float = Yuan


class ReliefPaperworkIn(_Body):
    """R3's investigation record (P5)."""

    on: Day
    investigators: list[str] = Field(min_length=1, max_length=10)
    findings: str = Field(min_length=1, max_length=4000)


class ReliefDecisionIn(_Body):
    """The decision; `amount` is the case's total, the advance included (R3)."""

    decided_on: Day
    grant: bool
    amount: float | None = Field(default=None, gt=0, le=100_000_000)
    instalments: int | None = Field(default=None, ge=1, le=24)
    reason: str | None = Field(default=None, max_length=2000)


class ReliefFollowOnIn(_Body):
    """R7: an application or a referral of the household (`ref_id`), or none with a reason."""

    on: Day
    kind: FollowOnKind
    ref_id: str | None = Field(default=None, min_length=1, max_length=64)
    reason: str | None = Field(default=None, max_length=2000)


class ReliefSummary(BaseModel):
    relief_id: str
    township_code: str
    household_id: str | None
    person_id: str | None
    subject_kind: str
    track: Track
    cause: Cause
    occurred_on: date
    persons: int
    requested_amount: float
    paid_amount: float
    decided_amount: float | None
    status: ReliefStatus
    due_on: date | None
    due_step: str | None
    due_on_provisional: bool | None


class ReliefPage(BaseModel):
    items: list[ReliefSummary]
    next_cursor: str | None


class ReliefStep(BaseModel):
    step_id: str
    step: str
    on: date
    by: str
    role: str
    rules: list[str]
    produced: str
    details: dict[str, Any]


class ReliefPublic(ReliefSummary):
    """The case with its caps, its timeline (P12) and its subject person's name (R1)."""

    name: str | None
    filed_on: date
    standard_monthly: float
    advance_cap: float
    case_cap: float
    conference_id: str | None
    facts: str | None
    repeated_cause: bool
    paid_on: date | None
    publicity_last_day: date | None
    decided_on: date | None
    decided_by: str | None
    follow_on_kind: str | None
    follow_on_ref: str | None
    timeline: list[ReliefStep]
