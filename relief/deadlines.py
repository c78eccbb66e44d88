"""The deadlines of a temporary relief case (临时救助) in each status, planned purely: an
advance's paperwork (R3), an expenditure case's investigation and posting (R2, P5, P6), the
decision after the posting (P7), and the follow-on (R7)."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from procedure.clock import (
    RunningDeadline,
    calendar_day_clock,
    earliest_due,
    investigation_due,
    working_day_clock,
)
from procedure.policy import ProcedurePolicy
from scoring.workdays import Calendar, Deadline


def publicity_last(calendar: Calendar, policy: ProcedurePolicy, posted_on: date) -> Deadline:
    """The last day of an expenditure case's posting: `relief_publicity_days` calendar days
    from the day after, moved to a working day (R2; the §6 preamble's clock)."""
    return calendar_day_clock(calendar, posted_on, policy.relief_publicity_days)


def paperwork_due(calendar: Calendar, policy: ProcedurePolicy, paid_on: date) -> Deadline:
    """The day the paperwork of an advance (investigation record and decision) is due:
    `advance_paperwork_days` working days after the payment (R3)."""
    return working_day_clock(calendar, paid_on, policy.advance_paperwork_days)


def running(
    case: Mapping[str, Any], policy: ProcedurePolicy, calendar: Calendar
) -> list[RunningDeadline]:
    """The deadlines that run in the case's status, in procedure order."""
    status, paid_on = case["status"], case.get("paid_on")
    found: list[RunningDeadline] = []
    if status in ("advanced", "investigated") and paid_on is not None:
        due = paperwork_due(calendar, policy, paid_on)
        if status == "advanced":
            found.append(RunningDeadline("paperwork", due))
        found.append(RunningDeadline("decision", due))
    elif status == "filed" and case["track"] == "expenditure":
        found.append(
            RunningDeadline("paperwork", investigation_due(calendar, policy, case["filed_on"]))
        )
    elif status == "publicity":
        last = case["publicity_last_day"]
        found.append(
            RunningDeadline(
                "decision", working_day_clock(calendar, last, policy.decision_days_dibao)
            )
        )
    elif status in ("granted", "refused"):
        # R7 names no number: the follow-on is due from the decision until it is recorded.
        found.append(RunningDeadline("follow_on", Deadline(case["decided_on"], False, ())))
    return found


def due_fields(
    case: Mapping[str, Any], policy: ProcedurePolicy, calendar: Calendar
) -> dict[str, Any]:
    """`due_on`, `due_step`, `due_on_provisional` of the case in its status (R3, R2, R7)."""
    due = earliest_due(running(case, policy, calendar))
    if due is None:
        return {"due_on": None, "due_step": None, "due_on_provisional": None}
    return {
        "due_on": due.due_on,
        "due_step": due.due_step,
        "due_on_provisional": due.due_on_provisional,
    }
