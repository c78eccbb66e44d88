"""Temporary relief (临时救助, RULES R1–R4, R7): filed by the township where the emergency
happened for a subject of any region, on the emergency (急难型) or the expenditure (支出型)
track; advance relief (先行救助) paid from the township's standby fund (备用金, `funds`) in the
same transaction as its step; R4's caps and once-a-year cause lifted only by a signed case
conference (R6); one follow-on after the household's screening (R7). Pure: `plan` (the tracks,
the status machine, each step's fields), `limits` (R3's and R4's caps, the conferences that
lift them, X8's verdict), `deadlines` (R2, R3, R7); `service` reads and writes the graph."""

from relief.deadlines import due_fields
from relief.limits import (
    Conference,
    Limits,
    OverLimits,
    cause_lifted,
    limits,
    over_limits,
    same_cause_repeats,
)
from relief.records import (
    Advance,
    Cause,
    Command,
    Decision,
    Filing,
    FollowOn,
    FollowOnKind,
    Paperwork,
    Status,
    Track,
)
from relief.service import (
    Filters,
    Relief,
    every_over_limit_case,
    file_relief,
    get_relief,
    list_relief,
    over_limit_cases,
    record_step,
    screen,
)

__all__ = [
    "Advance",
    "Cause",
    "Command",
    "Conference",
    "Decision",
    "Filing",
    "Filters",
    "FollowOn",
    "FollowOnKind",
    "Limits",
    "OverLimits",
    "Paperwork",
    "Relief",
    "Status",
    "Track",
    "cause_lifted",
    "due_fields",
    "every_over_limit_case",
    "file_relief",
    "get_relief",
    "limits",
    "list_relief",
    "over_limit_cases",
    "over_limits",
    "record_step",
    "same_cause_repeats",
    "screen",
]
