"""What an officer reports and records about a discovery (主动发现, RULES P4), as plain values
the service checks: the report and its one outcome, and the actor who asks (P12: the
token's `sub` and role; `applications.records.Actor`).

The API's request models are translated into these; the service never sees HTTP.
"""

from dataclasses import dataclass
from datetime import date
from typing import Final, Literal, get_args

from applications.records import Actor

Source = Literal["visit", "warning", "committee", "department", "hotline", "public"]
SOURCES: Final = frozenset(get_args(Source))
OutcomeKind = Literal["application", "referral", "relief", "no_need"]
OUTCOMES: Final = frozenset(get_args(OutcomeKind))
Status = Literal["open", "closed"]

# The id field each outcome must name (P4: P1's application, P11's referral, R1's relief),
# and the rule ids its step records besides P4.
OUTCOME_ID: Final[dict[str, str | None]] = {
    "application": "application_id",
    "referral": "referral_id",
    "relief": "relief_id",
    "no_need": None,
}
OUTCOME_RULES: Final[dict[str, tuple[str, ...]]] = {
    "application": ("P4", "P1"),
    "referral": ("P4", "P11"),
    "relief": ("P4", "R1"),
    "no_need": ("P4",),
}

__all__ = ["OUTCOMES", "SOURCES", "Actor", "Outcome", "OutcomeKind", "Report", "Source", "Status"]


@dataclass(frozen=True, slots=True)
class Report:
    """A discovery report about a household or a person (exactly one of the two, P4)."""

    source: Source
    found_on: date
    reporter: str
    household_id: str | None = None
    person_id: str | None = None
    note: str | None = None
    warning_id: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The township's one outcome of a discovery (P4), with the id of what it opened or the
    reason there is no need."""

    outcome: OutcomeKind
    on: date
    reason: str | None = None
    application_id: str | None = None
    referral_id: str | None = None
    relief_id: str | None = None

    def named_id(self, field: str) -> str | None:
        """The value of one of the id fields (`application_id`, ...)."""
        value: str | None = getattr(self, field)
        return value
