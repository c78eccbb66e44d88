"""The clocks of the procedure (RULES §6 preamble, P4–P11), on the W4 calendar of
`scoring.workdays`: one working-day counter for warnings and cases alike.

- A working-day clock is W4's: the start day does not count, the deadline is the N-th working
  day after it, provisional where a day counted is not known (`Calendar.due_date`).
- An "N days" clock counts calendar days from the day after the start; its last day, when not
  a working day, moves to the next working day (民法典 第二百零三条). A period's last day is inside
  it. Provisional when a day looked at to decide the move (the last day itself and each day it
  moves over) is not known: the official calendar of that day could move it further.
- A step past its due date is overdue from the day after (shown to the level above, never
  blocking: nothing here refuses a late step).
- Where several deadlines run at once, `due_on` shows the earliest (`earliest_due`).

Each step's clock (`investigation_due`, `publicity_last_day`, ...) names the setting it reads,
so the routes and the graph code never pick a number or a kind of counting themselves.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from procedure.policy import ProcedurePolicy
from procedure.programs import Program
from scoring.workdays import Calendar, Deadline

DAY = timedelta(days=1)


def working_day_clock(calendar: Calendar, start: date, days: int) -> Deadline:
    """The `days`-th working day after `start` (W4; the start day does not count)."""
    return calendar.due_date(start, days)


def calendar_day_clock(calendar: Calendar, start: date, days: int) -> Deadline:
    """The last day of a period of `days` calendar days from the day after `start`, moved to
    the next working day when it is not one (§6 preamble; 民法典 第二百零三条).

    Provisional when any day looked at, from the plain last day to the one it moves to, is not
    known (W4). The basis is those days' feed entries, as `Calendar.due_date` keeps them: only
    they can change the answer. O(days looked at).
    """
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    day = start + DAY * days
    provisional, basis = False, []
    while True:
        workday, unknown = calendar.classify(day)
        provisional = provisional or unknown
        if (entry := calendar.entry(day)) is not None:
            basis.append(entry)
        if workday:
            return Deadline(due_on=day, provisional=provisional, basis=tuple(basis))
        day += DAY


def overdue_from(due_on: date) -> date:
    """The first day a step due on `due_on` is overdue: the day after (§6 preamble)."""
    return due_on + DAY


def is_overdue(due_on: date, on: date) -> bool:
    """Whether a step due on `due_on` and not done is overdue on `on` (§6 preamble)."""
    return on >= overdue_from(due_on)


@dataclass(frozen=True, slots=True)
class RunningDeadline:
    """A deadline that runs now, named by the step it waits for (`due_step`, CONTRACT §4)."""

    step: str
    deadline: Deadline


@dataclass(frozen=True, slots=True)
class DueOn:
    """What a resource shows while a deadline runs (CONTRACT §4)."""

    due_on: date
    due_step: str
    due_on_provisional: bool


def earliest_due(running: Iterable[RunningDeadline]) -> DueOn | None:
    """The earliest of the deadlines that run at once (§6 preamble), None when none runs.

    On a tie the first one given names `due_step` (callers list steps in procedure order, so
    the step that comes first is the one to do first), and the date is provisional when any
    deadline falling on it is: the official calendar could move that one earlier.
    """
    items = list(running)
    if not items:
        return None
    first = min(items, key=lambda r: r.deadline.due_on)  # min keeps the first of equal keys
    tied = [r for r in items if r.deadline.due_on == first.deadline.due_on]
    return DueOn(
        due_on=first.deadline.due_on,
        due_step=first.step,
        due_on_provisional=any(r.deadline.provisional for r in tied),
    )


def discovery_followup_due(calendar: Calendar, policy: ProcedurePolicy, found_on: date) -> Deadline:
    """The day a discovery's outcome is due: `discovery_followup_days` wd after `found_on` (P4)."""
    return working_day_clock(calendar, found_on, policy.discovery_followup_days)


def investigation_due(calendar: Calendar, policy: ProcedurePolicy, accepted_on: date) -> Deadline:
    """The day the opinion is due: `investigation_days` wd after acceptance (P5)."""
    return working_day_clock(calendar, accepted_on, policy.investigation_days)


def publicity_last_day(calendar: Calendar, policy: ProcedurePolicy, posted_on: date) -> Deadline:
    """The last day of the posting: `publicity_days` calendar days from the day after
    `posted_on`, moved to a working day (P6). Transmission may follow from the day after."""
    return calendar_day_clock(calendar, posted_on, policy.publicity_days)


def transmit_due(calendar: Calendar, policy: ProcedurePolicy, after: date) -> Deadline:
    """The day the file is due at the deciding level (P7): `transmit_days` wd after the
    publicity's last day, or after the refuse opinion (which is not posted, P6)."""
    return working_day_clock(calendar, after, policy.transmit_days)


def decision_due(
    calendar: Calendar, policy: ProcedurePolicy, transmitted_on: date, program: Program
) -> Deadline:
    """The day the decision is due: `decision_days` wd after transmission, 10 for the dibao
    family and 15 for tekun (P7)."""
    return working_day_clock(calendar, transmitted_on, policy.decision_days(program))


def overall_limit(
    calendar: Calendar, policy: ProcedurePolicy, accepted_on: date, extension_reason: str | None
) -> Deadline:
    """The overall limit from acceptance to the decision (P7): `total_days` wd, or
    `total_days_extended` once an extension reason is recorded. A blank reason is no reason: it
    does not extend (the limit stays the strict one). A decision past the limit still counts
    and is shown overdue; this clock never refuses it."""
    extended = extension_reason is not None and extension_reason.strip() != ""
    return working_day_clock(calendar, accepted_on, policy.total_limit(extended))


def notice_due(calendar: Calendar, policy: ProcedurePolicy, decided_on: date) -> Deadline:
    """The day a written notice is due: `notice_days` wd after the refusal, the refused
    acceptance, the decrease or the termination (P9)."""
    return working_day_clock(calendar, decided_on, policy.notice_days)


def referral_ack_due(calendar: Calendar, policy: ProcedurePolicy, sent_on: date) -> Deadline:
    """The day a referral's acknowledgement is due: `referral_ack_days` wd after `sent_on` (P11)."""
    return working_day_clock(calendar, sent_on, policy.referral_ack_days)


def referral_outcome_due(calendar: Calendar, policy: ProcedurePolicy, sent_on: date) -> Deadline:
    """The day a referral's outcome is due: `referral_outcome_days` wd after `sent_on` (P11);
    both clocks of a referral start at `sent_on`."""
    return working_day_clock(calendar, sent_on, policy.referral_outcome_days)
