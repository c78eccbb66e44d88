"""A temporary relief case (临时救助, RULES R1–R4, R7) planned purely: the tracks and their
status machine, each step's fields and the limits it must keep. The caps and conferences are
`relief.limits`, the deadlines `relief.deadlines`. The service reads the facts, asks these
functions, and writes what they return.

    (none) ─filing→ filed
    filed ─advance→ advanced                  emergency track only, once (R3)
    filed, advanced ─paperwork→ investigated  the investigation record (R3; P5)
    filed ─paperwork→ publicity               expenditure track: posted relief_publicity_days (R2)
    investigated, publicity ─decision→ granted | refused
                                              publicity: from the day after its last day (R2, P7)
    granted, refused ─follow_on→ closed       one follow-on, after the household's screening (R7)

A filing or a step above R3's or R4's caps is refused unless a signed conference lifts it
(`relief.limits`); a decision above `township_relief_cap` is the county's (R2, R4); the
township decides up to it. A decision's amount is the case's total, the advance included (R3):
never below what was paid.

A step the status does not allow, or a limit it breaks, is `StepNotAllowed` (409) naming the
status and the rules; a field that breaks its own rule is `InvalidField` (422).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from core.errors import InvalidField
from procedure.errors import StepNotAllowed
from procedure.policy import ProcedurePolicy
from relief.deadlines import publicity_last
from relief.limits import Conference, Limits, county_of, covering, yuan
from relief.records import (
    FACTS_MAX,
    Advance,
    Command,
    Decision,
    Filing,
    FollowOn,
    Paperwork,
    Status,
    Step,
)
from scoring.workdays import Calendar

RULES_OF: Final[Mapping[Step, tuple[str, ...]]] = {
    "filing": ("R1", "R2"),
    "advance": ("R3", "R5"),
    "paperwork": ("R3", "P5"),
    "decision": ("R2", "R3", "R4"),
    "follow_on": ("R7",),
}
MOVES: Final[Mapping[tuple[Status | None, Step], frozenset[Status]]] = {
    (None, "filing"): frozenset({"filed"}),
    ("filed", "advance"): frozenset({"advanced"}),
    ("filed", "paperwork"): frozenset({"investigated", "publicity"}),
    ("advanced", "paperwork"): frozenset({"investigated"}),
    ("investigated", "decision"): frozenset({"granted", "refused"}),
    ("publicity", "decision"): frozenset({"granted", "refused"}),
    ("granted", "follow_on"): frozenset({"closed"}),
    ("refused", "follow_on"): frozenset({"closed"}),
}
FINAL: Final[frozenset[Status]] = frozenset({"closed"})


def _refuse(status: Status | None, step: Step, rules: Sequence[str], detail: str) -> StepNotAllowed:
    return StepNotAllowed(status, step, tuple(rules), detail)


# --- filing (R1, R2, R4) ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FilingFacts:
    """What the service read before a filing: the caps (None without a local standard, E7),
    the earlier cases of the same subject and cause in the same calendar year, the cited
    conference (None when the body cites none or it does not exist), the subject's household."""

    limits: Limits | None
    same_cause: tuple[str, ...]
    conference: Conference | None
    household_id: str | None
    person_id: str | None


def filing_facts(body: Filing) -> str | None:
    """The filing's facts (事实经过) stripped, None when blank; longer than `FACTS_MAX`
    characters is `InvalidField` (R1: what the filing township records of the emergency)."""
    text = (body.facts or "").strip()
    if len(text) > FACTS_MAX:
        raise InvalidField("facts", f"at most {FACTS_MAX} characters (R1)")
    return text or None


def plan_filing(body: Filing, facts: FilingFacts) -> dict[str, Any]:
    """The case's properties at filing, or the refusal (R1, R2, R4)."""
    if body.persons < 1:
        raise InvalidField("persons", "at least one person (R3, R4)")
    if body.requested_amount <= 0 or body.requested_amount != yuan(body.requested_amount):
        raise InvalidField("requested_amount", "a positive sum of yuan with at most 2 decimals")
    if body.on < body.occurred_on:
        raise InvalidField("filed_on", "a case is filed on or after the emergency (R1)")
    facts_text = filing_facts(body)
    if body.conference_id is not None and facts.conference is None:
        raise InvalidField("conference_id", "names no case conference (R6)")
    if facts.limits is None:
        raise _refuse(
            None, "filing", ("R3", "R4", "E7"),
            f"no local dibao standard in force for {body.township_code} on {body.occurred_on}",
        )  # fmt: skip
    county = county_of(body.township_code)
    conference = facts.conference
    if facts.same_cause:
        lifted = (
            conference is not None
            and conference.signed_by(county)
            and conference.names(facts.household_id, facts.person_id)
        )
        if not lifted:
            raise _refuse(
                None, "filing", ("R4",),
                f"the cause {body.cause} was relieved for this subject in {body.occurred_on.year} "
                f"({', '.join(facts.same_cause)}); only a signed case conference of the county "
                "naming the subject lifts it (R6)",
            )  # fmt: skip
    requested = yuan(body.requested_amount)
    if requested > facts.limits.case_cap:
        covered = (
            conference is not None and conference.signed_by(county) and conference.covers(requested)
        )
        if not covered:
            raise _refuse(
                None, "filing", ("R4",),
                f"{requested} yuan is above the case cap of {facts.limits.case_cap} yuan; only "
                "a signed case conference of the county whose amount covers it lifts it (R6)",
            )  # fmt: skip
    return {
        "township_code": body.township_code,
        "county_code": county,
        "track": body.track,
        "cause": body.cause,
        "occurred_on": body.occurred_on,
        "year": body.occurred_on.year,
        "filed_on": body.on,
        "persons": body.persons,
        "requested_amount": float(requested),
        "paid_amount": 0.0,
        "standard_monthly": float(facts.limits.standard_monthly),
        "advance_cap": float(facts.limits.advance_cap),
        "case_cap": float(facts.limits.case_cap),
        "household_id": facts.household_id,
        "person_id": facts.person_id,
        "subject_kind": "person" if body.person_id is not None else "household",
        "conference_id": body.conference_id,
        "facts": facts_text,
        "repeated_cause": bool(facts.same_cause),
        "status": "filed",
        "status_since": body.on,
    }


# --- the steps after filing ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StepFacts:
    """What a step needs besides the case: the policy and calendar, the acting level, the
    signed conferences of the county that bear on the case (on it, or cited at filing), the
    household's screening (R7) and whether a follow-on's `ref_id` names an application or a
    referral of the household."""

    policy: ProcedurePolicy
    calendar: Calendar
    role: str
    conferences: tuple[Conference, ...] = ()
    screening: Mapping[str, Any] | None = None
    ref_found: bool = False


def _status(case: Mapping[str, Any]) -> Status:
    status: Status = case["status"]
    return status


def next_status(case: Mapping[str, Any], cmd: Command) -> Status:
    """The status `cmd` leads to, or the refusal naming the status and the step's rules."""
    status = _status(case)
    targets = MOVES.get((status, cmd.STEP))
    if targets is None:
        allowed = ", ".join(sorted(step for (s, step) in MOVES if s == status))
        detail = f"allowed: {allowed or 'none, the case is closed'}"
        raise _refuse(status, cmd.STEP, RULES_OF[cmd.STEP], detail)
    if cmd.on < case["status_since"]:
        raise _refuse(
            status, cmd.STEP, RULES_OF[cmd.STEP], f"dated {cmd.on}, before {case['status_since']}"
        )
    if isinstance(cmd, Paperwork):
        return "publicity" if case["track"] == "expenditure" else "investigated"
    if isinstance(cmd, Decision):
        return "granted" if cmd.grant else "refused"
    (target,) = targets
    return target


def plan_step(
    case: Mapping[str, Any], cmd: Command, facts: StepFacts
) -> tuple[Status, list[str], dict[str, Any], dict[str, Any]]:
    """(the status after `cmd`, the rules it applied, the step's data, the case's changes), or
    the refusal. Fields first (422), then the status machine and the limits (409)."""
    if isinstance(cmd, Advance):
        return _advance(case, cmd, facts)
    if isinstance(cmd, Paperwork):
        return _paperwork(case, cmd, facts)
    if isinstance(cmd, Decision):
        return _decision(case, cmd, facts)
    return _follow_on(case, cmd, facts)


Planned = tuple[Status, list[str], dict[str, Any], dict[str, Any]]


def _advance(case: Mapping[str, Any], cmd: Advance, facts: StepFacts) -> Planned:
    """R3: on the emergency track, once, up to the advance cap, paid from the fund (R5)."""
    amount = cmd.amount
    if amount <= 0 or amount != yuan(amount):
        raise InvalidField("amount", "a positive sum of yuan with at most 2 decimals (R3)")
    if case["track"] != "emergency":
        raise _refuse(
            _status(case), "advance", ("R3",), "advance relief is for the emergency track only"
        )
    produced = next_status(case, cmd)
    cap = yuan(case["advance_cap"])
    if amount > cap:
        months, standard = facts.policy.advance_cap_months, yuan(case["standard_monthly"])
        raise _refuse(
            _status(case), "advance", ("R3",),
            f"{amount} yuan is above the advance cap of {cap} yuan ({months} months × "
            f"{standard} × {case['persons']} persons)",
        )  # fmt: skip
    changes = {"paid_on": cmd.paid_on, "paid_amount": float(amount)}
    return produced, ["R3", "R5"], {"amount": float(amount), "paid_on": cmd.paid_on}, changes


def _paperwork(case: Mapping[str, Any], cmd: Paperwork, facts: StepFacts) -> Planned:
    """R3's investigation record (P5: at least `visit_min_investigators`, findings); on the
    expenditure track it is posted for `relief_publicity_days` (R2, P6)."""
    least = facts.policy.visit_min_investigators
    if len(set(cmd.investigators)) < least:
        raise InvalidField("investigators", f"at least {least} different investigators (P5)")
    if not cmd.findings.strip():
        raise InvalidField("findings", "the investigation's findings are required (P5)")
    produced = next_status(case, cmd)
    data: dict[str, Any] = {"investigators": list(cmd.investigators), "findings": cmd.findings}
    changes: dict[str, Any] = {"paperwork_on": cmd.on}
    rules = ["R3", "P5"]
    if produced == "publicity":
        last = publicity_last(facts.calendar, facts.policy, cmd.on)
        data["publicity_last_day"] = last.due_on
        changes |= {"posted_on": cmd.on, "publicity_last_day": last.due_on}
        rules = ["R2", "P5", "P6"]
    return produced, rules, data, changes


def _decision(case: Mapping[str, Any], cmd: Decision, facts: StepFacts) -> Planned:
    """R2–R4: the amount is the case's total, the advance included; above the case cap only
    with a covering conference; above the township's cap only by the county; an expenditure
    case from the day after its publicity."""
    paid = yuan(case.get("paid_amount") or 0)
    if cmd.instalments is not None and cmd.instalments < 1:
        raise InvalidField("instalments", "at least one instalment")
    if cmd.grant:
        if cmd.amount is None or cmd.amount <= 0 or cmd.amount != yuan(cmd.amount):
            raise InvalidField("amount", "a grant names a positive sum of yuan (R3)")
    elif not (cmd.reason or "").strip():
        raise InvalidField("reason", "a refusal needs its reason (P9)")
    produced = next_status(case, cmd)
    status = _status(case)
    if status == "publicity" and cmd.decided_on <= case["publicity_last_day"]:
        raise _refuse(
            status, "decision", ("R2", "P6"),
            f"the publicity period runs until {case['publicity_last_day']}",
        )  # fmt: skip
    amount = yuan(cmd.amount) if cmd.grant and cmd.amount is not None else Decimal("0.00")
    rules = ["R2", "R3", "R4"]
    if cmd.grant and amount < paid:
        raise _refuse(
            status, "decision", ("R3",),
            f"the decision's amount is the case's total, the advance of {paid} yuan included",
        )  # fmt: skip
    cap = yuan(case["case_cap"])
    conference = None
    if amount > cap:
        conference = covering(case, facts.conferences, amount)
        if conference is None:
            raise _refuse(
                status, "decision", ("R4", "R6"),
                f"{amount} yuan is above the case cap of {cap} yuan without a signed case "
                "conference that covers it",
            )  # fmt: skip
        rules.append("R6")
    township_cap = facts.policy.relief_cap(case["township_code"])
    if facts.role != "county" and amount > township_cap:
        raise _refuse(
            status, "decision", ("R4", "R2"),
            f"the county decides relief above {township_cap} yuan, not the township",
        )  # fmt: skip
    data: dict[str, Any] = {
        "grant": cmd.grant,
        "amount": float(amount),
        "advance_included": float(paid),
        "instalments": cmd.instalments,
        "reason": cmd.reason,
        "conference_id": None if conference is None else conference.conference_id,
    }
    changes = {
        "decided_on": cmd.decided_on,
        "decided_amount": float(amount),
        "decided_by": facts.role,
        "instalments": cmd.instalments,
    }
    return produced, rules, data, changes


def _follow_on(case: Mapping[str, Any], cmd: FollowOn, facts: StepFacts) -> Planned:
    """R7: after the household's screening (E, T), exactly one follow-on: an application or a
    referral of the household (`ref_id`), or none with a reason."""
    if cmd.kind == "none":
        if not (cmd.reason or "").strip():
            raise InvalidField("reason", "a follow-on of none needs its reason (R7)")
        if cmd.ref_id is not None:
            raise InvalidField("ref_id", "a follow-on of none names nothing (R7)")
    elif cmd.ref_id is None or not facts.ref_found:
        raise InvalidField("ref_id", f"names no {cmd.kind} of the case's household (R7)")
    produced = next_status(case, cmd)
    data = {
        "kind": cmd.kind,
        "ref_id": cmd.ref_id,
        "reason": cmd.reason,
        "screening": dict(facts.screening or {}),
    }
    changes = {"follow_on_kind": cmd.kind, "follow_on_ref": cmd.ref_id, "follow_on_on": cmd.on}
    return produced, ["R7", "E3", "E4", "E5", "E6", "T1"], data, changes
