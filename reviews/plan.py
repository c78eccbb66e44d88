"""Planning one review (定期核查, RULES P10, P6, P9, P12, C3, C4): pure functions from the
command, the enrolment as the review's lock found it and the facts read before it, to the
Review and its timeline, and what the review does to the enrolment. Nothing here reads or
writes the graph.

A field that breaks its rule is `core.errors.InvalidField` (422 naming the field); a review
the enrolment's state or a rule refuses is `procedure.errors.StepNotAllowed` (409 naming the
state and the rule: an enrolment already ended, a tekun termination before its posting's
period is over). Order of checks: the fields first, then the enrolment's state, then the
rules that need the enrolment (whether an adjust decreases the amount).

- `continue` changes nothing on the enrolment; the next review counts from this one (P10).
- `terminate` ends the enrolment on the last day of the review's month.
- `adjust` ends it the same way and opens a new enrolment from the first day of the next
  month with the new amount (P8's "次月起").
- A decrease (an adjust to a lower amount) or a termination needs a hearing of the recipient
  on or before the review, and a reason (P10), and produces a written notice due
  `notice_days` working days after the review (P9). A tekun termination is posted for
  `publicity_days` first (P6): the review comes after the posting's last day.
- A filed case (C3: the review's check, run before its transaction, or an earlier review's
  filed the enrolment) needs a home visit by a county officer before its decision (C4): the
  review's outcome is the decision of the case under review (continue, adjust or terminate
  the enrolment), so a filed enrolment's review is recorded by the county officer who made
  the visit, with its `visited_on`; anyone else is refused (409 naming C4), the filing kept.
"""

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Final

from core.errors import InvalidField
from notices.rules import CASH_PROGRAMS
from procedure.amounts import enrolment_from
from procedure.clock import notice_due, publicity_last_day
from procedure.errors import StepNotAllowed
from procedure.policy import ProcedurePolicy
from procedure.timeline import Timeline, TimelineStep
from reviews.records import STATUS, Actor, Enrolment, ReviewCommand
from scoring.workdays import Calendar

__all__ = ["PlannedReview", "check_fields", "month_end", "plan_review"]

STEP: Final = "review"
OPEN: Final = "open"  # the state of an enrolment a review may act on


@dataclass(frozen=True, slots=True)
class PlannedReview:
    """The Review's properties, its timeline's steps (seq order), the day the reviewed
    enrolment ends (None for a continue) and the enrolment an adjust opens."""

    review: dict[str, Any]
    steps: list[dict[str, Any]]
    ends_on: date | None
    opens: dict[str, Any] | None


def month_end(day: date) -> date:
    """The last day of `day`'s month: the day before the first of the next (P10)."""
    return enrolment_from(day) - timedelta(days=1)


def _reason(command: ReviewCommand) -> str | None:
    reason = command.reason.strip() if command.reason is not None else ""
    return reason or None


def check_fields(command: ReviewCommand) -> None:
    """The rules of the body alone (P10, P6, P8), whatever the enrolment: 422 naming the
    field that breaks one."""
    if command.reviewed_on < command.enrollment_from:
        raise InvalidField("reviewed_on", "is before the enrolment's from (P10)")
    if command.outcome == "adjust":
        if command.monthly_amount is None:
            raise InvalidField("monthly_amount", "is required to adjust an enrolment (P10)")
        if command.program not in CASH_PROGRAMS:
            raise InvalidField(
                "monthly_amount",
                f"{command.program} pays no monthly amount to adjust (P8): continue or terminate",
            )
    elif command.monthly_amount is not None:
        raise InvalidField("monthly_amount", "only an adjust sets a new monthly amount (P10)")
    if command.hearing_on is not None and command.hearing_on > command.reviewed_on:
        raise InvalidField(
            "hearing_on", "must be on or before reviewed_on: the recipient is heard first (P10)"
        )
    if command.visited_on is not None and command.visited_on > command.reviewed_on:
        raise InvalidField(
            "visited_on", "must be on or before reviewed_on: the visit comes first (C4)"
        )
    if command.posted_on is not None:
        if (command.program, command.outcome) != ("tekun", "terminate"):
            raise InvalidField("posted_on", "only a tekun termination is posted (P6, P10)")
        if command.posted_on > command.reviewed_on:
            raise InvalidField("posted_on", "must not be after reviewed_on (P6)")


def _notice_kind(command: ReviewCommand, enrolment: Enrolment) -> str | None:
    """P9: a termination, or an adjust to a lower amount, is told in writing."""
    if command.outcome == "terminate":
        return "termination"
    old, new = enrolment.monthly_amount, command.monthly_amount
    if command.outcome == "adjust" and old is not None and new is not None and new < old:
        return "decrease"
    return None


def _check_state(command: ReviewCommand, enrolment: Enrolment) -> date | None:
    """The enrolment is open on the review's day (P10); the day a terminate or an adjust
    ends it: the last day of the review's month, or its own earlier end."""
    if not enrolment.open_on(command.reviewed_on):
        ended = enrolment.ended_by_review or f"on {enrolment.to}"
        raise StepNotAllowed("ended", STEP, ("P10",), f"the enrolment was ended ({ended})")
    if command.outcome == "continue":
        return None
    last = month_end(command.reviewed_on)
    if enrolment.to is not None and enrolment.to < last:
        if command.outcome == "adjust":
            raise StepNotAllowed(
                OPEN,
                STEP,
                ("P10", "P8"),
                f"the enrolment ends on {enrolment.to}, before a new amount could start",
            )
        return enrolment.to
    return last


def _check_visit(command: ReviewCommand, enrolment: Enrolment, actor: Actor) -> None:
    """C4: a filed case (C3) needs a home visit by a county officer before its decision; the
    review is that decision, so its county officer records it with the visit's day."""
    if not enrolment.filed:
        return
    if actor.role != "county" or command.visited_on is None:
        raise StepNotAllowed(
            OPEN,
            STEP,
            ("C4",),
            "a filed case (C3) needs a county officer's home visit before its decision: "
            "a county officer records the review with visited_on",
        )


def _check_hearing(command: ReviewCommand, kind: str | None) -> None:
    """P10: a decrease or a termination is decided after the recipient's hearing, for a
    reason (the notice states it, P9)."""
    if kind is None:
        return
    if command.hearing_on is None:
        raise InvalidField(
            "hearing_on",
            f"a {kind} needs a hearing of the recipient on or before reviewed_on (P10)",
        )
    if _reason(command) is None:
        raise InvalidField("reason", f"a {kind} states its reason (P10, P9)")


def _check_posting(
    command: ReviewCommand, calendar: Calendar, policy: ProcedurePolicy
) -> dict[str, Any] | None:
    """P6: a tekun termination is posted for `publicity_days` and decided after the last day.
    Returns the posting's record for its step."""
    if (command.program, command.outcome) != ("tekun", "terminate"):
        return None
    if command.posted_on is None:
        raise StepNotAllowed(
            OPEN, STEP, ("P6", "P10"), "a tekun termination is posted first: posted_on is missing"
        )
    last = publicity_last_day(calendar, policy, command.posted_on)
    if command.reviewed_on <= last.due_on:
        raise StepNotAllowed(
            OPEN,
            STEP,
            ("P6", "P10"),
            f"the posting of {command.posted_on} runs to {last.due_on}: "
            "terminate from the day after",
        )
    return {"last_day": last.due_on.isoformat(), "last_day_provisional": last.provisional}


def _money(amount: Decimal | None) -> float | None:
    return None if amount is None else float(amount)


def plan_review(
    command: ReviewCommand,
    enrolment: Enrolment,
    actor: Actor,
    policy: ProcedurePolicy,
    calendar: Calendar,
    place: tuple[str, str, str],
) -> PlannedReview:
    """The review of `enrolment` as `actor` asks it (P10, P6, P9, P12). `place`: the new
    review's id, its township code and the enrolled household's id."""
    review_id, township_code, household_id = place
    check_fields(command)
    ends_on = _check_state(command, enrolment)
    _check_visit(command, enrolment, actor)
    kind = _notice_kind(command, enrolment)
    _check_hearing(command, kind)
    posting = _check_posting(command, calendar, policy)
    notice = None if kind is None else notice_due(calendar, policy, command.reviewed_on)
    new_amount = command.monthly_amount if command.outcome == "adjust" else None
    effective = None if ends_on is None else ends_on + timedelta(days=1)
    rules = ["P10", *(["P9"] if kind else []), *(["P6"] if posting else [])]
    rules += ["C5"] if actor.person_id else []
    rules += ["C3", "C4"] if enrolment.filed else []
    steps: list[tuple[str, date, list[str], str, dict[str, Any]]] = []
    if command.visited_on is not None:
        visit_rules = ["P10", "C4"] if enrolment.filed else ["P10"]
        steps.append(("visit", command.visited_on, visit_rules, "visited", {}))
    if command.hearing_on is not None:
        steps.append(("hearing", command.hearing_on, ["P10"], "heard", {}))
    if posting is not None and command.posted_on is not None:
        steps.append(("publicity", command.posted_on, ["P6"], "posted", posting))
    outcome = {
        "outcome": command.outcome,
        "monthly_amount": _money(new_amount),
        "old_amount": _money(enrolment.monthly_amount),
        "reason": _reason(command),
    }
    steps.append((STEP, command.reviewed_on, rules, STATUS[command.outcome], outcome))
    ordered = sorted(enumerate(steps), key=lambda item: (item[1][1], item[0]))
    records = [
        {
            "step_id": f"{review_id}-{seq:03d}",
            "seq": seq,
            "step": step,
            "on": on,
            "by": actor.sub,
            "role": actor.role,
            "rules": step_rules,
            "produced": produced,
            "data": json.dumps(data, ensure_ascii=False, sort_keys=True),
        }
        for seq, (_, (step, on, step_rules, produced, data)) in enumerate(ordered, start=1)
    ]
    _check_timeline(records)
    review = {
        "review_id": review_id,
        "subject_id": command.subject_id,
        "program": command.program,
        "enrollment_from": command.enrollment_from,
        "reviewed_on": command.reviewed_on,
        "outcome": command.outcome,
        "status": STATUS[command.outcome],
        "monthly_amount": _money(new_amount),
        "old_amount": _money(enrolment.monthly_amount),
        "hearing_on": command.hearing_on,
        "reason": _reason(command),
        "posted_on": command.posted_on,
        "visited_on": command.visited_on,
        "declared_official_relative": command.declared_official_relative,
        "filed": enrolment.filed,
        "publicity_last_day": None if posting is None else date.fromisoformat(posting["last_day"]),
        "township_code": township_code,
        "household_id": household_id,
        "notice_kind": kind,
        "notice_due_on": None if notice is None else notice.due_on,
        "notice_due_on_provisional": None if notice is None else notice.provisional,
        "effective_from": effective,
        "ended_on": ends_on,
        "by": actor.sub,
        "role": actor.role,
    }
    opens = None
    if command.outcome == "adjust" and effective is not None:
        opens = {
            "from": effective,
            "monthly_amount": _money(new_amount),
            "decided_on": command.reviewed_on,
            "updated_by": actor.sub,
        }
    return PlannedReview(review, records, ends_on, opens)


def _check_timeline(records: list[dict[str, Any]]) -> None:
    """P12: the steps make a valid append-only timeline (each names its author and rules)."""
    Timeline(
        tuple(
            TimelineStep(
                step_id=r["step_id"],
                step=r["step"],
                on=r["on"],
                by=r["by"],
                role=r["role"],
                rules=tuple(r["rules"]),
                produced=r["produced"],
            )
            for r in records
        )
    )
