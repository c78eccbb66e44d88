"""One application as the graph holds it (RULES P1–P8, P12): its properties, its timeline and
its filings, read inside the step's transaction after the lock, and what the rules ask of it
(who is covered by an authorisation, the current opinion, the day the status began).

The timeline is the record; the application's properties are what the timeline says now
(status, dates, due date), written in the same transaction as each step, so that a list reads
them from an index instead of replaying every timeline. `timeline()` checks the stored steps
with `procedure.timeline` (append-only, corrections in place), so a timeline changed in the
graph by hand fails loudly instead of being planned from.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, cast

from procedure.states import Opinion, Status
from procedure.timeline import Timeline, TimelineStep

# Every property an application may carry; Neo4j stores no nulls, so a case read back fills
# the absent ones with None and every reader sees one shape.
FIELDS: Final = (
    "application_id", "program", "household_id", "person_id", "subject_id", "applicant_id",
    "channel", "proxy_name", "received_on", "township_code", "declared_official_relative",
    "discovery_id", "status", "status_since", "filed", "accepted_on", "opinion", "opinion_on",
    "reopened_on", "posted_on", "publicity_last_day", "publicity_last_day_provisional",
    "transmitted_on", "decided_on", "extension_reason", "closed_on", "reason",
    "monthly_amount", "enrollment_from", "due_on", "due_step", "due_on_provisional",
    "household_size", "proposed_amount", "notice_due_on", "decided_late", "version",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Case:
    """An application with its timeline (oldest first) and its filings (C3)."""

    application: Mapping[str, Any]
    steps: tuple[Mapping[str, Any], ...]
    filings: tuple[Mapping[str, Any], ...] = ()

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> "Case":
        """The case of a `cypher/applications/case.cypher` row."""
        application = {name: None for name in FIELDS} | row["application"]
        return cls(application, tuple(row["steps"]), tuple(row["filings"]))

    @property
    def application_id(self) -> str:
        return str(self.application["application_id"])

    @property
    def status(self) -> Status:
        return cast(Status, self.application["status"])

    @property
    def program(self) -> str:
        return str(self.application["program"])

    @property
    def since(self) -> date:
        """The day the current status began (the day of the step that produced it)."""
        return cast(date, self.application["status_since"])

    @property
    def opinion(self) -> Opinion | None:
        """The current investigation round's opinion: None before the first visit and after
        an objection reopened the investigation (P5, P6)."""
        return cast(Opinion | None, self.application.get("opinion"))

    def data(self, step: Mapping[str, Any]) -> dict[str, Any]:
        """The body a step recorded (its command's fields, and what it produced)."""
        return cast(dict[str, Any], json.loads(step["data"]))

    def last(self, kind: str) -> Mapping[str, Any] | None:
        """The latest step of `kind`, None when there is none."""
        found: Mapping[str, Any] | None = None
        for step in self.steps:
            if step["step"] == kind:
                found = step
        return found

    def covered(self) -> dict[str, str]:
        """Who an authorisation covers (P2), by person id: the signer of the authorisation
        that covers them (an outside supporter is covered only by their own)."""
        covered: dict[str, str] = {}
        for step in self.steps:
            if step["step"] == "authorisation":
                body = self.data(step)
                for person_id in body["person_ids"]:
                    covered.setdefault(person_id, body["signer_id"])
        return covered

    def investigated_by_county(self) -> bool:
        """Whether a home visit was recorded by a county officer since the last objection
        (C4: a filed case needs one before its decision)."""
        for step in reversed(self.steps):
            if step["step"] == "objection":
                return False
            if step["step"] == "investigation" and step["role"] == "county":
                return True
        return False

    def timeline(self) -> Timeline:
        """The timeline as `procedure.timeline` checks it (P12)."""
        return Timeline(tuple(_timeline_step(step) for step in self.steps))


def _timeline_step(step: Mapping[str, Any]) -> TimelineStep:
    return TimelineStep(
        step_id=step["step_id"],
        step=step["step"],
        on=step["on"],
        by=step["by"],
        role=step["role"],
        rules=tuple(step["rules"]),
        produced=step["produced"],
        corrects=step.get("corrects"),
    )
