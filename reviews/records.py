"""What an officer sends to record a review (定期核查, RULES P10), as plain values the service
checks, and the enrolment as the review's transaction finds it under its lock.

The actor is the applications' `Actor` (P12: the token's `sub` and role, the region it
covers, the officer's resident id for C5): one actor for every case of the procedure.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final, Literal, get_args

from applications.records import Actor
from procedure.programs import Program

Outcome = Literal["continue", "adjust", "terminate"]
OUTCOMES: Final = frozenset(get_args(Outcome))
# What a review leaves the Review at (its timeline's last `produced`).
STATUS: Final[dict[str, str]] = {
    "continue": "continued",
    "adjust": "adjusted",
    "terminate": "terminated",
}

__all__ = ["OUTCOMES", "STATUS", "Actor", "Enrolment", "Outcome", "ReviewCommand"]


@dataclass(frozen=True, slots=True)
class ReviewCommand:
    """A review of the enrolment (subject_id, program, enrollment_from) on `reviewed_on`
    (P10): `monthly_amount` the new amount of an adjust; `hearing_on` the recorded hearing of
    the recipient before a decrease or a termination; `posted_on` the day a tekun
    termination was posted at the village board (P6); `declared_official_relative` whether
    the family declared at this review that a member is an official's relative (C3);
    `visited_on` the day of the county officer's home visit that a filed case needs before
    its decision (C4), recorded by that county officer."""

    subject_id: str
    program: Program
    enrollment_from: date
    reviewed_on: date
    outcome: Outcome
    monthly_amount: Decimal | None = None
    hearing_on: date | None = None
    reason: str | None = None
    posted_on: date | None = None
    declared_official_relative: bool = False
    visited_on: date | None = None


@dataclass(frozen=True, slots=True)
class Enrolment:
    """The reviewed enrolment as its lock found it: its end, its monthly amount (yuan, or
    None for a programme without cash), the review that ended it, if one did, and whether a
    review's C3 check has filed it (C4 then asks a county officer's home visit)."""

    program: Program
    from_: date
    to: date | None
    monthly_amount: Decimal | None
    ended_by_review: str | None
    filed: bool = False

    def open_on(self, day: date) -> bool:
        """P10: not ended by a review, and not ended before `day`."""
        return self.ended_by_review is None and (self.to is None or self.to >= day)
