"""Referrals to departments (CONTRACT §4; RULES P11): one model per direction."""

from datetime import date
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.dates import Day
from core.terms import Department
from referrals import Answer

__all__ = ["ReferralIn", "ReferralPage", "ReferralPublic", "ReferralSummary", "StatusIn"]


class ReferralIn(BaseModel):
    """P11: exactly one of `household_id` / `person_id`; `consent_on` for charity."""

    model_config = ConfigDict(extra="forbid")

    source_id: str = Field(min_length=1, max_length=64)
    household_id: str | None = Field(default=None, min_length=1, max_length=64)
    person_id: str | None = Field(default=None, min_length=18, max_length=18)
    department: Department
    need: str = Field(min_length=1, max_length=2000)
    sent_on: Day
    consent_on: Day | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> Self:
        if (self.household_id is None) == (self.person_id is None):
            raise ValueError("exactly one of household_id and person_id")
        return self


class StatusIn(BaseModel):
    """The department's answer: `outcome` says why a rejection, or what was given (P11)."""

    model_config = ConfigDict(extra="forbid")

    status: Answer
    on: Day
    outcome: str | None = Field(default=None, max_length=2000)


class ReferralSummary(BaseModel):
    referral_id: str
    source_id: str
    source_kind: str
    household_id: str
    person_id: str | None
    township_code: str
    department: Department
    need: str
    sent_on: date
    status: str
    acknowledged_on: date | None
    outcome_on: date | None
    outcome: str | None
    due_on: date | None
    due_step: str | None
    due_on_provisional: bool | None


class ReferralPage(BaseModel):
    items: list[ReferralSummary]
    next_cursor: str | None


class ReferralStep(BaseModel):
    step_id: str
    step: str
    on: date
    by: str
    role: str
    rules: list[str]
    produced: str
    details: dict[str, Any]


class ReferralPublic(ReferralSummary):
    """The referral with its timeline (P12)."""

    consent_on: date | None
    timeline: list[ReferralStep]
