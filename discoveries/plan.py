"""Planning a discovery's steps (RULES P4, P12): pure functions from the report or the case as
the transaction read it, the command and the facts read before it, to the step to append and
the discovery's properties that step leaves. Nothing here reads or writes the graph.

A field that breaks its rule is `core.errors.InvalidField` (422, naming the field); a step the
status does not allow is `procedure.errors.StepNotAllowed` (409, naming the status and the
rule). Order of checks: the fields first (a bad body is a bad body in any status), then the
status, then what needs the graph (the warning, the application).

    (none) ─discovery→ open ─outcome→ closed

While open, the outcome is due `discovery_followup_days` working days after `found_on`
(`procedure.clock.discovery_followup_due`, W4; provisional beyond the known calendar).
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from applications.records import Actor
from core.errors import InvalidField
from core.ids import Level
from discoveries.case import Case
from discoveries.records import OUTCOME_ID, OUTCOME_RULES, OUTCOMES, SOURCES, Outcome, Report
from procedure.clock import discovery_followup_due
from procedure.errors import StepNotAllowed
from procedure.policy import ProcedurePolicy
from scoring.workdays import Calendar

REPORT_RULES: Final = ("P4",)
WARNING_RULES: Final = ("P4", "W6")

__all__ = ["Facts", "Planned", "Subject", "check_report", "plan_outcome", "plan_report"]


@dataclass(frozen=True, slots=True)
class Facts:
    """What a step needs from outside the case: the procedure settings, the W4 calendar, and
    for an outcome `application` the application it names (None when there is none)."""

    policy: ProcedurePolicy
    calendar: Calendar
    application: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Subject:
    """The household a report is about (a person's on `found_on`), its village, and the
    warning the report names (None when it names none or the warning does not exist)."""

    household_id: str
    region_code: str
    warning: Mapping[str, Any] | None = None

    @property
    def township_code(self) -> str:
        """W5: the township that holds the household's village."""
        return self.region_code[: Level.TOWNSHIP.value].ljust(12, "0")


@dataclass(frozen=True, slots=True)
class Planned:
    """The step to append and the properties to set."""

    step: dict[str, Any]
    projection: dict[str, Any]


def _text(value: str | None) -> str | None:
    return value.strip() if value is not None and value.strip() else None


def check_report(report: Report) -> None:
    """P4's fields of a report that need no graph: exactly one subject, a known source, a
    reporter, and a warning id for the source `warning`."""
    if (report.household_id is None) == (report.person_id is None):
        raise InvalidField("household_id", "name exactly one of household_id and person_id (P4)")
    if report.source not in SOURCES:
        raise InvalidField("source", f"is one of {', '.join(sorted(SOURCES))} (P4)")
    if _text(report.reporter) is None:
        raise InvalidField("reporter", "is required: who reported the discovery (P4)")
    if report.source == "warning" and _text(report.warning_id) is None:
        raise InvalidField("warning_id", "is required for the source warning (P4, W6)")


def _check_warning(report: Report, subject: Subject) -> None:
    """P4, W6: the warning named is the household's, closed by a verification that found it
    genuine (`cypher/warnings/verify.cypher` stores `genuine` and `visited_on`)."""
    if report.warning_id is None:
        return
    warning = subject.warning
    if warning is None or warning["household_id"] != subject.household_id:
        raise InvalidField("warning_id", "names no warning of the household (P4)")
    if warning["status"] != "closed" or warning.get("visited_on") is None:
        raise InvalidField("warning_id", "the warning has no verification yet (P4, W6)")
    if warning.get("genuine") is not True:
        raise InvalidField("warning_id", "the verification did not find the warning genuine (W6)")


def due_fields(status: str, found_on: date, facts: Facts) -> dict[str, Any]:
    """`due_on`, `due_step`, `due_on_provisional` as the discovery shows them: the outcome's
    deadline while open (P4), none once closed."""
    if status != "open":
        return {"due_on": None, "due_step": None, "due_on_provisional": None}
    due = discovery_followup_due(facts.calendar, facts.policy, found_on)
    return {"due_on": due.due_on, "due_step": "outcome", "due_on_provisional": due.provisional}


def _record(
    discovery_id: str, seq: int, step: str, on: date, actor: Actor, rules: tuple[str, ...]
) -> dict[str, Any]:
    return {
        "step_id": f"{discovery_id}-{seq:03d}",
        "seq": seq,
        "step": step,
        "on": on,
        "by": actor.sub,
        "role": actor.role,
        "rules": list(rules),
        "produced": "open" if step == "discovery" else "closed",
    }


def plan_report(
    report: Report, subject: Subject, actor: Actor, facts: Facts, discovery_id: str
) -> Planned:
    """The new discovery's properties and its first step (P4, P12), or the refusal."""
    check_report(report)
    _check_warning(report, subject)
    discovery = {
        "discovery_id": discovery_id,
        "status": "open",
        "township_code": subject.township_code,
        "household_id": subject.household_id,
        "person_id": report.person_id,
        "source": report.source,
        "found_on": report.found_on,
        "reporter": _text(report.reporter),
        "note": _text(report.note),
        "warning_id": report.warning_id,
    } | due_fields("open", report.found_on, facts)
    rules = WARNING_RULES if report.source == "warning" else REPORT_RULES
    step = _record(discovery_id, 1, "discovery", report.found_on, actor, rules)
    step["due_on"] = discovery["due_on"]  # the deadline it leaves running (S2's history)
    body = {"source": report.source, "reporter": discovery["reporter"]}
    step["data"] = json.dumps(body | {"warning_id": report.warning_id}, ensure_ascii=False)
    return Planned(step, discovery)


def _check_outcome(cmd: Outcome) -> dict[str, Any]:
    """P4's fields of an outcome: the id of what it opened (only that one), or a reason for
    `no_need`. Returns what the step records."""
    if cmd.outcome not in OUTCOMES:
        raise InvalidField("outcome", f"is one of {', '.join(sorted(OUTCOMES))} (P4)")
    wanted = OUTCOME_ID[cmd.outcome]
    for field in ("application_id", "referral_id", "relief_id"):
        value = _text(cmd.named_id(field))
        if field == wanted and value is None:
            raise InvalidField(field, f"is required for the outcome {cmd.outcome} (P4)")
        if field != wanted and value is not None:
            raise InvalidField(field, f"does not belong to the outcome {cmd.outcome} (P4)")
    data: dict[str, Any] = {"outcome": cmd.outcome}
    if wanted is not None:
        data[wanted] = _text(cmd.named_id(wanted))
    reason = _text(cmd.reason)
    if cmd.outcome == "no_need" and reason is None:
        raise InvalidField("reason", "is required for the outcome no_need (P4)")
    return data | {"reason": reason}


def plan_outcome(case: Case, cmd: Outcome, actor: Actor, facts: Facts) -> Planned:
    """The outcome step of `case` (P4, P12), or the refusal (see the module)."""
    data = _check_outcome(cmd)
    if case.status != "open":
        raise StepNotAllowed(
            case.status,
            "outcome",
            ("P4",),
            f"the discovery already has its outcome {case.discovery['outcome']}",
        )
    if cmd.on < case.found_on:
        raise StepNotAllowed(
            case.status, "outcome", ("P4",), f"dated {cmd.on}, before found_on {case.found_on}"
        )
    if cmd.outcome == "application":
        application = facts.application
        if application is None or application["household_id"] != case.discovery["household_id"]:
            raise InvalidField(
                "application_id", "names no application of the discovery's household (P4, P1)"
            )
    step = _record(
        case.discovery_id, len(case.steps) + 1, "outcome", cmd.on, actor, OUTCOME_RULES[cmd.outcome]
    )
    step["data"] = json.dumps(data, ensure_ascii=False, sort_keys=True)
    projection = {
        "status": "closed",
        "outcome": cmd.outcome,
        "outcome_on": cmd.on,
        "reason": data["reason"],
        "application_id": data.get("application_id"),
        "referral_id": data.get("referral_id"),
        "relief_id": data.get("relief_id"),
    } | due_fields("closed", case.found_on, facts)
    return Planned(step, projection)
