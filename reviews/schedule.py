"""The next review date of an open enrolment (RULES P10; the law 第四十六条 "定期进行核查").

Counted in calendar months from the enrolment's `from`, then from the last review: the same day
of the month, or that month's last day when it has none (31 January + 1 month is 28 or 29
February). The interval: a dibao household with a member able to work on the day counting
starts (aged 16–59 and not T2) every `review_months_able_to_work` (6) months, since its income
can change (57号 "家庭成员有劳动能力的…每半年核查一次"); every other enrolment every `review_months`
(12). Single-person dibao is dibao with one member, the person enrolled.

Brought forward, never pushed back:
- a warning of blue or above (W3) on the household, issued on or after the day counting starts,
  brings the review to the warning's due date (an older warning was there at the last review);
- an integrity finding X3 (enrolled but failing the rule) makes the review due on the day it
  was found ("the review becomes due now").
The earliest date wins; on a tie the more specific reason is shown: X3, then warning.
"""

from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal, TypedDict, Unpack

from core.terms import WarningLevel
from procedure.policy import ProcedurePolicy
from procedure.programs import Program

Why = Literal["scheduled", "warning", "X3"]
# W3 levels that bring a review forward: blue or above, the levels with a home visit.
FORWARD_LEVELS: Final[frozenset[WarningLevel]] = frozenset({"blue", "yellow", "orange", "red"})
WORKING_AGE: Final = range(16, 60)  # P10: aged 16–59
_TIE_ORDER: Final[dict[Why, int]] = {"X3": 0, "warning": 1, "scheduled": 2}


@dataclass(frozen=True, slots=True)
class Member:
    """A counted member's facts on the day counting starts: birth date, and whether T2 (no
    capacity to work) holds for them then, as the caller's T2 evaluation found."""

    birth_date: date
    meets_t2: bool


@dataclass(frozen=True, slots=True)
class OpenWarning:
    """An open warning (W6) on the enrolled household: level, issue day and due date (W3)."""

    level: WarningLevel
    issued_on: date
    due_on: date


@dataclass(frozen=True, slots=True)
class NextReview:
    """When the next review is due and why (CONTRACT §4 `due_on`, `why`)."""

    due_on: date
    why: Why


def add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months: the same day of the month, or that month's last
    day (P10). 31 Jan + 1 = 28 Feb (29 in a leap year); 29 Feb 2024 + 12 = 28 Feb 2025."""
    if months < 0:
        raise ValueError(f"months must not be negative, got {months}")
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def age_on(birth_date: date, day: date) -> int:
    """Whole years (周岁) on `day`: a person turns N on their birthday (T2). Someone born on
    29 February turns N on 1 March of a common year, when (month, day) passes (2, 29)."""
    had_birthday = (day.month, day.day) >= (birth_date.month, birth_date.day)
    return day.year - birth_date.year - (0 if had_birthday else 1)


def able_to_work(member: Member, on: date) -> bool:
    """P10: aged 16–59 on `on` and not T2."""
    return age_on(member.birth_date, on) in WORKING_AGE and not member.meets_t2


def interval_months(
    program: Program, members: Iterable[Member], on: date, policy: ProcedurePolicy
) -> int:
    """Months between reviews (P10): 6 for dibao (and single-person dibao) with a member able
    to work on `on`, 12 for every other enrolment, as the policy sets them."""
    if program in ("dibao", "single_person_dibao") and any(able_to_work(m, on) for m in members):
        return policy.review_months_able_to_work
    return policy.review_months


class Counting(TypedDict, total=False):
    """What a next review is counted from besides the enrolment (P10): the last review, the
    counted members on the day counting starts, the household's open warnings, and the day
    an X3 finding found the enrolment failing its rule."""

    last_review: date | None
    members: Iterable[Member]
    warnings: Iterable[OpenWarning]
    x3_found_on: date | None


def review_grounds(
    program: Program, enrollment_from: date, policy: ProcedurePolicy, **counting: Unpack[Counting]
) -> list[NextReview]:
    """Every date the next review of an open enrolment falls due on, and why (P10): the
    schedule's, each warning's of blue or above, an X3 finding's; earliest first, ties in
    the order X3, warning, scheduled. The first is `next_review`."""
    last_review = counting.get("last_review")
    start = enrollment_from if last_review is None else last_review
    if start < enrollment_from:
        raise ValueError(f"last review {start} is before the enrolment's from {enrollment_from}")
    months = interval_months(program, counting.get("members", ()), start, policy)
    candidates = [NextReview(add_months(start, months), "scheduled")]
    candidates += [
        NextReview(w.due_on, "warning")
        for w in counting.get("warnings", ())
        if w.level in FORWARD_LEVELS and w.issued_on >= start
    ]
    x3_found_on = counting.get("x3_found_on")
    if x3_found_on is not None and x3_found_on >= start:
        candidates.append(NextReview(x3_found_on, "X3"))
    return sorted(candidates, key=lambda c: (c.due_on, _TIE_ORDER[c.why]))


def next_review(
    program: Program, enrollment_from: date, policy: ProcedurePolicy, **counting: Unpack[Counting]
) -> NextReview:
    """The next review of an open enrolment (P10), counted from `last_review`, else from the
    enrolment's `from`; brought forward by a warning of blue or above or an X3 finding."""
    return review_grounds(program, enrollment_from, policy, **counting)[0]
