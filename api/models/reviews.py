"""Reviews of open enrolments (CONTRACT §4; RULES P10, P6, P9, P12): the review list, the
review an officer records, and the review as it now is with its timeline."""

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.dates import Day, DoneDay
from api.models.applications import FilingPublic, StepPublic
from procedure.programs import Program
from reviews.schedule import Why

__all__ = ["ReviewDuePage", "ReviewDuePublic", "ReviewIn", "ReviewPublic"]


class ReviewDuePublic(BaseModel):
    """An open enrolment due for review on or before the day asked (P10): `why` is the
    ground of the earliest date, `scheduled` (6 or 12 months), `warning` (brought forward
    by a warning of blue or above) or `X3` (integrity check X3 found the enrolment failing
    E3, E4, E5 or T1 on the as-of date: due that day). `why_rules` and `why_reason` give
    every ground due by the day asked, in rule ids and in Chinese."""

    subject_id: str
    program: Program
    enrollment_from: date
    due_on: date
    why: Why
    township_code: str
    why_rules: list[str] = Field(
        default_factory=list,
        description="The rule ids of every ground due by the day asked: P10 (the schedule), "
        "W3 (a warning brought it forward), X3 with the rule found failing (E3, E4, E5, T1).",
    )
    why_reason: str = Field(default="", description="Those grounds in Chinese, earliest first.")


class ReviewDuePage(BaseModel):
    items: list[ReviewDuePublic]
    next_cursor: str | None


class ReviewIn(BaseModel):
    """A township or county officer's review of an enrolment (P10). `monthly_amount`: the
    new amount of an adjust; `hearing_on`: the hearing of the recipient, needed on or before
    `reviewed_on` for a decrease or a termination, with a `reason`; `posted_on`: the day a
    tekun termination was posted (P6), 7 days before the review at least;
    `declared_official_relative`: the family declares at this review that a member is an
    official's relative (C3); `visited_on`: the county officer's home visit, which a filed
    case needs before its decision (C4), recorded by that county officer."""

    model_config = ConfigDict(extra="forbid")

    subject_id: str = Field(min_length=1, max_length=64)
    program: Program
    enrollment_from: Day
    reviewed_on: DoneDay
    outcome: Literal["continue", "adjust", "terminate"]
    monthly_amount: Decimal | None = Field(default=None, ge=0, le=1_000_000, decimal_places=2)
    hearing_on: Day | None = None
    reason: str | None = Field(default=None, max_length=4000)
    posted_on: Day | None = None
    declared_official_relative: bool = False
    visited_on: Day | None = None


class ReviewPublic(BaseModel):
    """The review as recorded (P10): the fields sent, the amount before it, what it did to
    the enrolment (`effective_from`, the first day after the enrolment it ended), its
    written notice (`notice_kind`, due `notice_due_on`, P9), its timeline (P12, steps
    as an application's) and, from the C3 check at the review, whether the enrolment is
    filed and its filings (official, member, relation path, declared or undeclared)."""

    review_id: str
    subject_id: str
    program: Program
    enrollment_from: date
    reviewed_on: date
    outcome: Literal["continue", "adjust", "terminate"]
    monthly_amount: float | None
    hearing_on: date | None
    reason: str | None
    posted_on: date | None
    old_amount: float | None
    township_code: str
    effective_from: date | None
    notice_kind: Literal["decrease", "termination"] | None
    notice_due_on: date | None
    due_on: date | None
    due_step: Literal["notice"] | None
    due_on_provisional: bool | None
    timeline: list[StepPublic]
    visited_on: date | None = None
    filed: bool = False
    filings: list[FilingPublic] = Field(default_factory=list)
