"""One discovery as the graph holds it (RULES P4, P12): its properties and its timeline, read
inside the outcome's transaction after the lock.

The timeline is the record; the discovery's properties are what the timeline says now (status,
outcome, due date), written in the same transaction as each step, so that a list reads them
from an index instead of replaying every timeline. `timeline()` checks the stored steps with
`procedure.timeline` (append-only), so a timeline changed by hand fails loudly.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, cast

from discoveries.records import Status
from procedure.timeline import Timeline, TimelineStep

# Every property a discovery may carry; Neo4j stores no nulls, so a case read back fills the
# absent ones with None and every reader sees one shape.
FIELDS: Final = (
    "discovery_id", "status", "township_code", "household_id", "person_id", "source",
    "found_on", "reporter", "note", "warning_id", "outcome", "outcome_on", "reason",
    "application_id", "referral_id", "relief_id", "due_on", "due_step", "due_on_provisional",
    "version",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Case:
    """A discovery with its timeline (oldest first)."""

    discovery: Mapping[str, Any]
    steps: tuple[Mapping[str, Any], ...]

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> "Case":
        """The case of a `cypher/discoveries/case.cypher` row."""
        return cls({name: None for name in FIELDS} | row["discovery"], tuple(row["steps"]))

    @property
    def discovery_id(self) -> str:
        return str(self.discovery["discovery_id"])

    @property
    def status(self) -> Status:
        return cast(Status, self.discovery["status"])

    @property
    def found_on(self) -> date:
        return cast(date, self.discovery["found_on"])

    def timeline(self) -> Timeline:
        """The timeline as `procedure.timeline` checks it (P12)."""
        return Timeline(
            tuple(
                TimelineStep(
                    step_id=s["step_id"],
                    step=s["step"],
                    on=s["on"],
                    by=s["by"],
                    role=s["role"],
                    rules=tuple(s["rules"]),
                    produced=s["produced"],
                    corrects=s.get("corrects"),
                )
                for s in self.steps
            )
        )
