"""What a written notice (书面告知, P9) states, checked before anything is printed.

P9: a refusal (不予批准, P7), a not-accepted application (不予受理, P3), a decrease (减发, P10)
and a termination (终止, P10) each produce a written notice. `NoticeFacts` carries exactly what
the notice prints and nothing more: the recipient's display name and an already masked
resident id (the notice never sees the full id, so it cannot leak it), the programme, the
issuing township, the dates, the reason and the rule ids. Construction refuses facts that
would make a wrong notice (a decrease without both amounts, a rule id without plain text,
dates out of order), with a message that names the field and the rule.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal, get_args

from notices.errors import InvalidNotice
from notices.rules import CASH_PROGRAMS, PROGRAM_NAME, plain

Kind = Literal["refusal", "not_accepted", "decrease", "termination"]
KINDS: tuple[str, ...] = get_args(Kind)
# Kinds that answer an application (P3, P7) and those that follow a review (P10).
APPLICATION_KINDS = frozenset({"refusal", "not_accepted"})
REVIEW_KINDS = frozenset({"decrease", "termination"})


@dataclass(frozen=True, slots=True)
class NoticeFacts:
    """The facts of one notice. Dates: `applied_on` the application's receipt (refusal,
    not_accepted); `decided_on` the decision, refusal of acceptance or review outcome;
    `effective_from` the first day of the new amount or of the termination (decrease,
    termination); `issued_on` the notice's own date. Amounts are monthly yuan."""

    kind: Kind
    case_id: str  # the application_id or review_id the notice answers
    name: str  # the applicant's or household's display name
    masked_id: str  # the resident id as masked by the caller (first 6, last 4)
    program: str
    township: str  # the issuing township's name (乡镇人民政府 / 街道办事处)
    decided_on: date
    issued_on: date
    reason: str
    rules: tuple[str, ...]
    applied_on: date | None = None
    effective_from: date | None = None
    old_amount: Decimal | None = None
    new_amount: Decimal | None = None

    def __post_init__(self) -> None:
        _check_text(self)
        _check_rules(self.rules)
        _check_dates(self)
        _check_amounts(self)


def _check_text(facts: NoticeFacts) -> None:
    if facts.kind not in KINDS:
        raise InvalidNotice(f"kind {facts.kind!r} is not one of {', '.join(KINDS)} (P9)")
    if facts.program not in PROGRAM_NAME:
        raise InvalidNotice(f"program {facts.program!r} is not one of {', '.join(PROGRAM_NAME)}")
    for field in ("case_id", "name", "masked_id", "township", "reason"):
        if not getattr(facts, field).strip():
            raise InvalidNotice(f"{field} is empty: a notice states it (P9)")


def _check_rules(rules: tuple[str, ...]) -> None:
    """P9: a notice names the rules behind it, each in plain Chinese."""
    if not rules:
        raise InvalidNotice("rules is empty: a notice names the rule ids behind it (P9)")
    if len(set(rules)) != len(rules):
        raise InvalidNotice(f"rules {rules!r} repeats an id")
    for rule in rules:
        plain(rule)  # raises UnknownRule


def _check_dates(facts: NoticeFacts) -> None:
    if facts.issued_on < facts.decided_on:
        raise InvalidNotice("issued_on is before decided_on: a notice follows its decision")
    if facts.kind in APPLICATION_KINDS:
        if facts.applied_on is None:
            raise InvalidNotice(f"a {facts.kind} notice needs applied_on (P1, P3)")
        if facts.applied_on > facts.decided_on:
            raise InvalidNotice("applied_on is after decided_on")
        if facts.effective_from is not None:
            raise InvalidNotice(f"a {facts.kind} notice has no effective_from (P10 only)")
    else:
        if facts.effective_from is None:
            raise InvalidNotice(f"a {facts.kind} notice needs effective_from (P10)")
        if facts.applied_on is not None:
            raise InvalidNotice(f"a {facts.kind} notice follows a review, not an application")


def _check_amounts(facts: NoticeFacts) -> None:
    """A decrease states the old and the new monthly amount (P10), the new one lower; no
    other kind carries amounts, so that none prints a figure it was not asked to."""
    amounts = (facts.old_amount, facts.new_amount)
    if facts.kind != "decrease":
        if amounts != (None, None):
            raise InvalidNotice(f"a {facts.kind} notice carries no amounts (decrease only)")
        return
    old, new = amounts
    if old is None or new is None:
        raise InvalidNotice("a decrease notice needs old_amount and new_amount (P10)")
    if facts.program not in CASH_PROGRAMS:
        raise InvalidNotice(f"program {facts.program!r} pays no monthly amount to decrease (P8)")
    if not Decimal(0) <= new < old:
        raise InvalidNotice(f"a decrease goes from old_amount {old} down to new_amount {new} >= 0")
