"""Discoveries (主动发现, RULES P4, P12): reports about a household or a person from visits,
warnings found genuine, committees, departments, the hotline and the public, each with its one
outcome due in `discovery_followup_days` working days; the records an officer sends, the pure
planning of each step, and the service that writes the append-only timeline under the
discovery's lock."""

from discoveries.case import Case
from discoveries.plan import Facts, Planned, Subject, plan_outcome, plan_report
from discoveries.records import OUTCOMES, SOURCES, Actor, Outcome, OutcomeKind, Report, Source
from discoveries.service import (
    Filters,
    file_discovery,
    get_discovery,
    list_discoveries,
    record_outcome,
)

__all__ = [
    "OUTCOMES",
    "SOURCES",
    "Actor",
    "Case",
    "Facts",
    "Filters",
    "Outcome",
    "OutcomeKind",
    "Planned",
    "Report",
    "Source",
    "Subject",
    "file_discovery",
    "get_discovery",
    "list_discoveries",
    "plan_outcome",
    "plan_report",
    "record_outcome",
]
