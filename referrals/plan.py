"""A referral's status and clocks (转办, RULES P11), as pure functions.

    sent ─acknowledged→ acknowledged
    sent, acknowledged ─accepted | rejected | done→ the outcome
    accepted ─done→ done                       what was given, once given

The department acknowledges within `referral_ack_days` (2) working days and reports an outcome
(accepted, rejected with a reason, done with what was given) within `referral_outcome_days`
(10); both clocks start at `sent_on`. An outcome before any acknowledgement acknowledges too:
the acknowledgement clock stops. Rejected and done are final. A step the status does not
allow is `StepNotAllowed` naming the status (409); an outcome without its text is
`InvalidField` (422).
"""

from collections.abc import Mapping
from datetime import date
from typing import Any, Final, Literal, get_args

from core.errors import InvalidField
from procedure.clock import RunningDeadline, earliest_due, referral_ack_due, referral_outcome_due
from procedure.errors import StepNotAllowed
from procedure.policy import ProcedurePolicy
from scoring.workdays import Calendar

Status = Literal["sent", "acknowledged", "accepted", "rejected", "done"]
Answer = Literal["acknowledged", "accepted", "rejected", "done"]
ANSWERS: Final = frozenset(get_args(Answer))
MOVES: Final[Mapping[str, frozenset[str]]] = {
    "sent": frozenset({"acknowledged", "accepted", "rejected", "done"}),
    "acknowledged": frozenset({"accepted", "rejected", "done"}),
    "accepted": frozenset({"done"}),
    "rejected": frozenset(),
    "done": frozenset(),
}
NEEDS_OUTCOME: Final = frozenset({"rejected", "done"})
RULES: Final = ("P11",)


def next_status(status: str, answer: Answer, on: date, since: date, outcome: str | None) -> str:
    """The status after `answer` on `on`, or the refusal (P11)."""
    if answer not in MOVES[status]:
        allowed = ", ".join(sorted(MOVES[status])) or "none, the referral is closed"
        raise StepNotAllowed(status, answer, RULES, f"allowed: {allowed}")
    if on < since:
        raise StepNotAllowed(status, answer, RULES, f"dated {on}, before {since}")
    if answer in NEEDS_OUTCOME and not (outcome or "").strip():
        what = "the reason" if answer == "rejected" else "what was given"
        raise InvalidField("outcome", f"is required for {answer}: {what} (P11)")
    return answer


def due_fields(
    referral: Mapping[str, Any], policy: ProcedurePolicy, calendar: Calendar
) -> dict[str, Any]:
    """`due_on`, `due_step`, `due_on_provisional` of a referral in its status (P11)."""
    sent_on: date = referral["sent_on"]
    running: list[RunningDeadline] = []
    if referral["status"] == "sent":
        running.append(
            RunningDeadline("acknowledgement", referral_ack_due(calendar, policy, sent_on))
        )
    if referral["status"] in ("sent", "acknowledged"):
        running.append(RunningDeadline("outcome", referral_outcome_due(calendar, policy, sent_on)))
    due = earliest_due(running)
    if due is None:
        return {"due_on": None, "due_step": None, "due_on_provisional": None}
    return {
        "due_on": due.due_on,
        "due_step": due.due_step,
        "due_on_provisional": due.due_on_provisional,
    }
