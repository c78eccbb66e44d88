"""Warnings, their verification and rescoring jobs (CONTRACT §3; RULES §4, W3–W7)."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.dates import Day, DoneDay
from core.terms import RescoreMode, WarningLevel

__all__ = [
    "GuidanceIn",
    "GuidedWarningPublic",
    "JobAccepted",
    "JobPublic",
    "RescoreIn",
    "VerificationIn",
    "VerifiedWarningPublic",
    "WarningPage",
    "WarningPublic",
]


class WarningPublic(BaseModel):
    """A household warning as the work queue lists it (contract §3, RULES W3–W6)."""

    warning_id: str
    household_id: str
    township_code: str
    score: int
    level: WarningLevel
    issued_on: date
    due_on: date | None
    due_on_provisional: bool
    status: Literal["open", "closed"]


class WarningPage(BaseModel):
    items: list[WarningPublic]
    next_cursor: str | None


class VerificationIn(BaseModel):
    """A township or county officer's home-visit verification of a warning (W6).

    `visited_on` cannot be after today (Asia/Shanghai, issue 13 item 11): a visit not yet
    made cannot close a warning. The other bound, the warning's issue day, needs the warning
    and is checked where it is closed (`cypher/warnings/verify.cypher`).
    """

    model_config = ConfigDict(extra="forbid")

    visited_on: DoneDay
    genuine: bool
    findings: str = Field(min_length=1, max_length=4000)
    action: str = Field(min_length=1, max_length=2000)


class VerifiedWarningPublic(WarningPublic):
    """The closed warning with its verification."""

    visited_on: date
    genuine: bool
    findings: str
    action: str
    verified_by: str


class GuidanceIn(BaseModel):
    """A township officer's phone guidance of a green warning, recorded instead of a home
    visit (W3, P4). `called_on` cannot be after today (Asia/Shanghai) nor, checked where the
    warning is closed (`cypher/warnings/guide.cypher`), before the warning's issue day."""

    model_config = ConfigDict(extra="forbid")

    called_on: DoneDay
    result: str = Field(min_length=1, max_length=4000)


class GuidedWarningPublic(WarningPublic):
    """The green warning closed by its phone guidance (W3, P4)."""

    called_on: date
    result: str
    guided_by: str


class RescoreIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: Day
    mode: RescoreMode = "full"


class JobAccepted(BaseModel):
    job_id: str


class JobPublic(BaseModel):
    """A rescoring job: `progress` is the share of households done, 0 to 1. `interrupted`:
    its process or Neo4j stopped it (no heartbeat within the allowance, or its process is
    gone); a new run may start (issue 14 item 10)."""

    job_id: str
    status: Literal["queued", "running", "succeeded", "failed", "interrupted"]
    progress: float
    counts: dict[str, int]
    as_of: date | None = None
    mode: RescoreMode | None = None
    region: str
