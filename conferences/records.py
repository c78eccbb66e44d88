"""What a county asks of a case conference (个案会商, 一事一议, RULES R6), as plain values the
service checks: the conference as convened (or amended while a draft), and its tasks, each
of which becomes a referral to its department when the conference is signed (P11).

The API's request models are translated into these; the service never sees HTTP.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Literal, get_args

from core.terms import Department

Status = Literal["draft", "signed"]
STATUSES: Final = frozenset(get_args(Status))

__all__ = ["STATUSES", "Conference", "ConferenceIn", "Status", "Task"]


@dataclass(frozen=True, slots=True)
class Task:
    """What one department is to do (R6): sent as a referral on signature (P11). A charity
    task records the household's consent (`consent_on`), as any charity referral must."""

    department: Department
    need: str
    consent_on: date | None = None


@dataclass(frozen=True, slots=True)
class ConferenceIn:
    """A conference as the county records it (R6). It is about a relief case (`relief_id`),
    or, when held before any filing, about a household or a person; at least one is named."""

    held_on: date
    departments: tuple[Department, ...]
    facts: str
    decision: str
    amount: float
    tasks: tuple[Task, ...] = ()
    relief_id: str | None = None
    household_id: str | None = None
    person_id: str | None = None


@dataclass(frozen=True, slots=True)
class Conference:
    """A conference with its timeline (P12)."""

    conference: Mapping[str, Any]
    steps: tuple[Mapping[str, Any], ...]

    @property
    def conference_id(self) -> str:
        return str(self.conference["conference_id"])

    @property
    def status(self) -> str:
        return str(self.conference["status"])
