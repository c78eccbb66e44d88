"""Applications (申请) from intake to decision (RULES P1–P8, P12, C5): the records an officer
sends, the pure planning of each step, and the service that writes the case's append-only
timeline under the application's lock."""

from applications.case import Case
from applications.plan import Facts, Member, Planned, plan_step
from applications.records import (
    Acceptance,
    Actor,
    Authorisation,
    Command,
    Decision,
    Intake,
    Investigation,
    Objection,
    Posting,
    Transmission,
    Withdrawal,
)
from applications.service import Filters, file_application, get_case, list_applications, record_step

__all__ = [
    "Acceptance",
    "Actor",
    "Authorisation",
    "Case",
    "Command",
    "Decision",
    "Facts",
    "Filters",
    "Intake",
    "Investigation",
    "Member",
    "Objection",
    "Planned",
    "Posting",
    "Transmission",
    "Withdrawal",
    "file_application",
    "get_case",
    "list_applications",
    "plan_step",
    "record_step",
]
