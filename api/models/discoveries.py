"""Discovery reports and their outcomes (CONTRACT §4; RULES P4, P12): one model per direction."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.dates import Day
from api.models.applications import StepPublic
from core.dates import today_in_china

__all__ = [
    "DiscoveryIn",
    "DiscoveryPage",
    "DiscoveryPublic",
    "DiscoverySummary",
    "OutcomeIn",
]

Source = Literal["visit", "warning", "committee", "department", "hotline", "public"]
OutcomeKind = Literal["application", "referral", "relief", "no_need"]
Id = Field(default=None, min_length=1, max_length=200)


def not_after_today(value: date) -> date:
    """A day that has not come yet cannot be reported (Asia/Shanghai)."""
    today = today_in_china()
    if value > today:
        raise ValueError(f"must not be after today ({today}, Asia/Shanghai)")
    return value


class DiscoveryIn(BaseModel):
    """A discovery report about a household or a person: exactly one of the two (P4); a
    warning id for the source `warning`, naming a warning found genuine (W6)."""

    model_config = ConfigDict(extra="forbid")

    household_id: str | None = Field(default=None, min_length=1, max_length=64)
    person_id: str | None = Field(default=None, min_length=18, max_length=18)
    source: Source
    found_on: Day
    reporter: str = Field(min_length=1, max_length=200)
    note: str | None = Field(default=None, max_length=4000)
    warning_id: str | None = Id

    _found_on = field_validator("found_on")(not_after_today)


class OutcomeIn(BaseModel):
    """The discovery's one outcome (P4): the id of the application (P1), referral (P11) or
    relief case (R1) it opened, or `no_need` with a reason."""

    model_config = ConfigDict(extra="forbid")

    outcome: OutcomeKind
    on: Day
    reason: str | None = Field(default=None, max_length=4000)
    application_id: str | None = Id
    referral_id: str | None = Id
    relief_id: str | None = Id

    _on = field_validator("on")(not_after_today)


class DiscoverySummary(BaseModel):
    """A discovery as its list shows it; `due_on` while its outcome is due (P4)."""

    discovery_id: str
    status: Literal["open", "closed"]
    township_code: str
    household_id: str
    person_id: str | None
    source: Source
    found_on: date
    reporter: str
    note: str | None
    warning_id: str | None
    outcome: OutcomeKind | None
    due_on: date | None
    due_step: str | None
    due_on_provisional: bool | None


class DiscoveryPublic(DiscoverySummary):
    """A discovery as it now is, with its outcome's ids and its timeline (P4, P12)."""

    outcome_on: date | None
    reason: str | None
    application_id: str | None
    referral_id: str | None
    relief_id: str | None
    timeline: list[StepPublic]


class DiscoveryPage(BaseModel):
    items: list[DiscoverySummary]
    next_cursor: str | None
