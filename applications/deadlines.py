"""The deadlines of an application while it is open (RULES §6 preamble, P5, P7): which run
in its status, counted by `procedure.clock` on the W4 calendar, and the earliest of them as
the `due_on`, `due_step`, `due_on_provisional` the application shows (CONTRACT §4).

    accepted, investigating (no opinion)  investigation (P5), from acceptance or the objection
                                          that reopened it; and the overall limit (P7)
    investigating, opinion refuse         transmission, `transmit_days` after the opinion (P7)
    publicity                             transmission after the posting's last day (P7)
    transmitted                           decision, `decision_days` after transmission (P7)
    every status from acceptance on       decision within the overall limit, 30 or, with an
                                          extension reason, 45 working days (P7)

A grant opinion not yet posted has no clock of its own (P6 names none); the overall limit runs.
Received, not accepted, withdrawn and decided applications show none. Never blocking: a late
step is recorded and the application shows overdue from the day after (`overdue_on=`).
"""

from collections.abc import Mapping
from datetime import date
from typing import Any, cast

from procedure.clock import (
    DueOn,
    RunningDeadline,
    decision_due,
    earliest_due,
    investigation_due,
    overall_limit,
    transmit_due,
)
from procedure.policy import ProcedurePolicy
from procedure.programs import Program
from scoring.workdays import Calendar

OPEN_FROM_ACCEPTANCE = frozenset({"accepted", "investigating", "publicity", "transmitted"})


def running(
    app: Mapping[str, Any], policy: ProcedurePolicy, calendar: Calendar
) -> list[RunningDeadline]:
    """The deadlines that run for `app` (the application's properties as a step leaves
    them), in procedure order (the first names `due_step` on a tie)."""
    status = app["status"]
    if status not in OPEN_FROM_ACCEPTANCE:
        return []
    program = cast(Program, app["program"])
    found: list[RunningDeadline] = []
    if status == "accepted" or (status == "investigating" and app.get("opinion") is None):
        start = cast(date, app.get("reopened_on") or app["accepted_on"])
        found.append(RunningDeadline("investigation", investigation_due(calendar, policy, start)))
    elif status == "investigating" and app.get("opinion") == "refuse":
        start = cast(date, app["opinion_on"])
        found.append(RunningDeadline("transmission", transmit_due(calendar, policy, start)))
    elif status == "publicity":
        last = cast(date, app["publicity_last_day"])
        found.append(RunningDeadline("transmission", transmit_due(calendar, policy, last)))
    elif status == "transmitted":
        start = cast(date, app["transmitted_on"])
        found.append(RunningDeadline("decision", decision_due(calendar, policy, start, program)))
    limit = overall_limit(calendar, policy, app["accepted_on"], app.get("extension_reason"))
    found.append(RunningDeadline("decision", limit))
    return found


def due_fields(
    app: Mapping[str, Any], policy: ProcedurePolicy, calendar: Calendar
) -> dict[str, Any]:
    """`due_on`, `due_step`, `due_on_provisional` as the application shows them (all None
    when no deadline runs)."""
    due: DueOn | None = earliest_due(running(app, policy, calendar))
    if due is None:
        return {"due_on": None, "due_step": None, "due_on_provisional": None}
    return {
        "due_on": due.due_on,
        "due_step": due.due_step,
        "due_on_provisional": due.due_on_provisional,
    }
