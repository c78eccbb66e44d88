"""Planning one step of an application (RULES P1–P8, C4, P12): pure functions from the case
as the transaction read it, the command and the facts read before it, to the step to append
and the application's properties that step leaves. Nothing here reads or writes the graph,
so each rule is tested on values, and the transaction that calls `plan_step` holds the
application's lock while it does.

A command the status does not allow is `procedure.errors.StepNotAllowed` (409, naming the
status and the rule); a field that breaks its rule is `core.errors.InvalidField` (422, naming
the field). Order of checks: the fields first (a bad body is a bad body in any status), then
the status machine, then the rules that need the case's history (C4, P8).
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, cast

from applications.case import Case
from applications.deadlines import due_fields
from applications.records import (
    PROXY_CHANNELS,
    Acceptance,
    Actor,
    Authorisation,
    Command,
    Decision,
    Investigation,
    Objection,
    Posting,
    Transmission,
    Withdrawal,
)
from applications.verdict import Snapshot, mark_unverified
from core.errors import InvalidField
from procedure.amounts import AmountFacts, enrolment_from, monthly_amount, yuan
from procedure.clock import notice_due, overall_limit, publicity_last_day
from procedure.errors import NoShortfall, StepNotAllowed
from procedure.policy import ConfirmationLevel, ProcedurePolicy
from procedure.programs import Program
from procedure.states import Step, StepFacts, allowed_steps, next_status, step_rules
from scoring.workdays import Calendar

NOT_COUNTED = frozenset({"imprisoned", "missing"})


@dataclass(frozen=True, slots=True)
class Member:
    """A member of the household on the step's date (an open membership covering it)."""

    person_id: str
    name: str
    relation: str
    legal_status: str
    death_date: date | None = None

    def counted(self, on: date) -> bool:
        """E1: imprisoned and missing members are not counted, nor those dead before `on`."""
        alive = self.death_date is None or self.death_date >= on
        return alive and self.legal_status not in NOT_COUNTED


@dataclass(frozen=True, slots=True)
class Facts:
    """What the step needs from outside the case: the procedure settings, the W4 calendar,
    the household's members on the step's date, and an investigation's verdict snapshot."""

    policy: ProcedurePolicy
    calendar: Calendar
    members: tuple[Member, ...] = ()
    snapshot: Snapshot | None = None


@dataclass(frozen=True, slots=True)
class Planned:
    """The step to append, the properties to set, and the enrolment a grant creates."""

    step: dict[str, Any]
    projection: dict[str, Any]
    enrollment: dict[str, Any] | None = None
    data: dict[str, Any] = field(default_factory=dict)


def plan_step(case: Case, command: Command, actor: Actor, facts: Facts) -> Planned:
    """The step `command` records on `case` by `actor`, or the refusal (see the module)."""
    step = command.STEP
    if step not in allowed_steps(case.status):  # before the planner reads what it lacks
        next_status(case.status, step, StepFacts(on=case.since))  # raises the refusal
    planner = _PLANNERS[type(command)]
    on, data, changes = planner(case, command, actor, facts)
    status = next_status(case.status, step, _step_facts(case, command, actor, facts, on))
    if status != case.status:
        changes["status_since"] = on
    changes["status"] = status
    app = {**case.application, **changes}
    changes |= due_fields(app, facts.policy, facts.calendar)
    seq = len(case.steps) + 1
    record = {
        "step_id": f"{case.application_id}-{seq:03d}",
        "seq": seq,
        "step": step,
        "on": on,
        "by": actor.sub,
        "role": actor.role,
        "rules": list(step_rules(case.status, step)),
        "produced": status,
        "due_on": changes["due_on"],  # the deadline it leaves running: the overdue history (S2)
        "data": json.dumps(data, ensure_ascii=False, sort_keys=True, default=str),
    }
    enrollment = data.get("enrollment") if status == "granted" else None
    return Planned(record, changes, enrollment, data)


def _step_facts(case: Case, command: Command, actor: Actor, facts: Facts, on: date) -> StepFacts:
    decider = cast(ConfirmationLevel, actor.role) if actor.role in ("county", "township") else None
    return StepFacts(
        on=on,
        since=case.since,
        opinion=case.opinion,
        missing=missing_items(case, on, facts) if isinstance(command, Acceptance) else (),
        publicity_last_day=case.application.get("publicity_last_day"),
        decider=decider,
        deciding_level=facts.policy.deciding_level(case.application["township_code"]),
    )


Changes = tuple[date, dict[str, Any], dict[str, Any]]  # the step's date, its data, properties


def _required(value: str | None, name: str, why: str) -> str:
    if value is None or not value.strip():
        raise InvalidField(name, f"is required {why}")
    return value.strip()


def missing_items(case: Case, on: date, facts: Facts) -> tuple[str, ...]:
    """P2, P3: every counted member without an authorisation, and a proxy channel's name."""
    covered = case.covered()
    missing = [
        f"authorisation:{m.person_id}"
        for m in facts.members
        if m.counted(on) and m.person_id not in covered
    ]
    if case.application["channel"] in PROXY_CHANNELS and not case.application.get("proxy_name"):
        missing.append("proxy_name")
    return tuple(missing)


def _authorise(case: Case, cmd: Authorisation, actor: Actor, facts: Facts) -> Changes:
    """P2: the persons covered are current members, or the signer alone (a legal supporter
    outside the household signs for themselves only)."""
    members = {m.person_id for m in facts.members}
    if not cmd.person_ids:
        raise InvalidField("person_ids", "names nobody: an authorisation covers someone (P2)")
    if outside := [p for p in cmd.person_ids if p not in members and p != cmd.signer_id]:
        raise InvalidField(
            "person_ids",
            f"{', '.join(outside)} not a current member: a person outside the household is "
            "covered only by their own authorisation (P2)",
        )
    if cmd.signer_id not in members and cmd.person_ids != (cmd.signer_id,):
        raise InvalidField("signer_id", "a signer outside the household signs only for self (P2)")
    data = {"signer_id": cmd.signer_id, "person_ids": list(cmd.person_ids)}
    return cmd.signed_on, data | {"channel": cmd.channel}, {}


def _accept(case: Case, cmd: Acceptance, actor: Actor, facts: Facts) -> Changes:
    """P3: accepted (the clocks start here) or not accepted with a reason (a notice, P9)."""
    if cmd.accept:
        return cmd.on, {"accept": True}, {"accepted_on": cmd.on}
    reason = _required(cmd.reason, "reason", "when an application is not accepted (P3)")
    notice = notice_due(facts.calendar, facts.policy, cmd.on).due_on
    changes = {"closed_on": cmd.on, "reason": reason, "notice_due_on": notice}
    return cmd.on, {"accept": False, "reason": reason}, changes


def _investigate(case: Case, cmd: Investigation, actor: Actor, facts: Facts) -> Changes:
    """P5: a home visit by enough investigators with a member present; an opinion, a reason
    for a refusal, and the verdict snapshot with P2's unverified marks."""
    least = facts.policy.visit_min_investigators
    if len(set(cmd.investigators)) < least:
        raise InvalidField("investigators", f"at least {least} different investigators (P5)")
    if cmd.present_member_id not in {m.person_id for m in facts.members}:
        raise InvalidField("present_member_id", "is not a current member of the household (P5)")
    reason = cmd.reason
    if cmd.opinion == "refuse":
        reason = _required(cmd.reason, "reason", "for a refuse opinion (P5, P9)")
    if facts.snapshot is None:
        raise InvalidField("visited_on", "the household has no verdict on that day (P5)")
    snapshot = mark_unverified(facts.snapshot, case.covered())
    data = {
        "investigators": list(cmd.investigators),
        "present_member_id": cmd.present_member_id,
        "findings": cmd.findings,
        "opinion": cmd.opinion,
        "reason": reason,
        "verdict": snapshot,
    }
    changes = {"opinion": cmd.opinion, "opinion_on": cmd.visited_on}
    return cmd.visited_on, data, changes


def _post(case: Case, cmd: Posting, actor: Actor, facts: Facts) -> Changes:
    """P6: posted for `publicity_days` (the last day moves to a working day) with what the
    board shows: the household's size and the proposed monthly amount (P8)."""
    last = publicity_last_day(facts.calendar, facts.policy, cmd.posted_on)
    amount = _amount(case, cmd.STEP, facts.policy)
    visit = case.last("investigation")
    assert visit is not None  # a grant opinion was given (the status machine checked)
    changes = {
        "posted_on": cmd.posted_on,
        "publicity_last_day": last.due_on,
        "publicity_last_day_provisional": last.provisional,
        "household_size": len(case.data(visit)["verdict"]["household"]["member_ids"]),
        "proposed_amount": None if amount is None else float(amount),
    }
    return cmd.posted_on, {"last_day": last.due_on}, changes


def _object(case: Case, cmd: Objection, actor: Actor, facts: Facts) -> Changes:
    """P6: an objection in the period reopens the investigation; its opinion is void."""
    summary = _required(cmd.summary, "summary", "for an objection (P6)")
    return cmd.on, {"summary": summary}, {"opinion": None, "reopened_on": cmd.on}


def _transmit(case: Case, cmd: Transmission, actor: Actor, facts: Facts) -> Changes:
    """P7: the file goes to the deciding level."""
    level = facts.policy.deciding_level(case.application["township_code"])
    return cmd.on, {"to": level}, {"transmitted_on": cmd.on}


def _decide(case: Case, cmd: Decision, actor: Actor, facts: Facts) -> Changes:
    """P7, P8, C4: a filed case needs a county officer's home visit first; a grant creates
    the enrolment from the next month with its monthly amount; a refusal needs a reason."""
    if case.application.get("filed") and not case.investigated_by_county():
        raise StepNotAllowed(
            case.status, cmd.STEP, ("C4",), "a filed case needs a county officer's home visit"
        )
    extension = (cmd.extension_reason or "").strip() or case.application.get("extension_reason")
    limit = overall_limit(facts.calendar, facts.policy, case.application["accepted_on"], extension)
    # P7: a decision past the overall limit still counts, and shows late.
    changes: dict[str, Any] = {
        "decided_on": cmd.decided_on,
        "extension_reason": extension,
        "decided_late": cmd.decided_on > limit.due_on,
    }
    data: dict[str, Any] = {"grant": cmd.grant, "reason": cmd.reason}
    if not cmd.grant:
        data["reason"] = _required(cmd.reason, "reason", "for a refusal (P7, P9)")
        changes["notice_due_on"] = notice_due(facts.calendar, facts.policy, cmd.decided_on).due_on
        return cmd.decided_on, data, changes | {"closed_on": cmd.decided_on}
    amount = _amount(case, cmd.STEP, facts.policy)
    enrollment = {
        "program": case.program,
        "subject_id": case.application["subject_id"],
        "from": enrolment_from(cmd.decided_on),
        "monthly_amount": None if amount is None else float(amount),
    }
    data["enrollment"] = enrollment
    changes["monthly_amount"] = enrollment["monthly_amount"]
    changes["enrollment_from"] = enrollment["from"]
    return cmd.decided_on, data, changes | {"closed_on": cmd.decided_on}


def _amount(case: Case, step: Step, policy: ProcedurePolicy) -> Decimal | None:
    """P8 from the last investigation's snapshot (what the township saw on its visit)."""
    visit = case.last("investigation")
    if visit is None:
        raise StepNotAllowed(case.status, step, ("P5",), "no investigation is recorded")
    snapshot = case.data(visit)["verdict"]
    program = cast(Program, case.program)
    if program not in ("dibao", "single_person_dibao", "tekun"):
        return None
    household = snapshot["household"]
    standard = household["standard"]
    if standard is None:
        raise StepNotAllowed(case.status, step, ("E7", "P8"), "no local standard in force")
    income, counted = household["household_annual_income"], len(household["member_ids"])
    if program == "single_person_dibao":
        income, counted = snapshot["person"]["annual_income"], 1
    facts = AmountFacts(
        dibao_urban_monthly=yuan(standard["dibao_urban_monthly"]),
        dibao_rural_monthly=yuan(standard["dibao_rural_monthly"]),
        hukou=household["hukou"],
        annual_income_total=yuan(income),
        counted_members=max(counted, 1),
    )
    try:
        return monthly_amount(program, facts, policy)
    except NoShortfall as exc:
        raise StepNotAllowed(case.status, step, ("E3", "P8"), str(exc)) from exc


def _withdraw(case: Case, cmd: Withdrawal, actor: Actor, facts: Facts) -> Changes:
    """P1: the applicant withdraws; the reason is recorded."""
    reason = _required(cmd.reason, "reason", "for a withdrawal (P1)")
    return cmd.on, {"reason": reason}, {"closed_on": cmd.on, "reason": reason}


_PLANNERS: Mapping[type, Any] = {
    Authorisation: _authorise,
    Acceptance: _accept,
    Investigation: _investigate,
    Posting: _post,
    Objection: _object,
    Transmission: _transmit,
    Decision: _decide,
    Withdrawal: _withdraw,
}
