"""A temporary relief case (临时救助, RULES R1–R4, R7) planned purely: the tracks and their
status machine, the caps and limits, the deadlines. The service reads the facts, asks these
functions, and writes what they return.

    (none) ─filing→ filed
    filed ─advance→ advanced                  emergency track only, once (R3)
    filed, advanced ─paperwork→ investigated  the investigation record (R3; P5)
    filed ─paperwork→ publicity               expenditure track: posted relief_publicity_days (R2)
    investigated, publicity ─decision→ granted | refused
                                              publicity: from the day after its last day (R2, P7)
    granted, refused ─follow_on→ closed       one follow-on, after the household's screening (R7)

Limits (R3, R4), with S the monthly urban dibao standard of the filing township on the day of
the emergency (E7) and n the case's persons:
- an advance is at most `advance_cap_months` × S × n (R3);
- a case is at most `emergency_cap_months` × S × n, and one cause once per subject per calendar
  year; above either only through a signed case conference of the township's county (R4, R6):
  a second filing cites one naming the subject, an amount above the cap needs one on the case
  (its `relief_id`) or cited at filing whose `amount` covers it;
- a decision above `township_relief_cap` is the county's (R2, R4); the township decides up to it.
A decision's amount is the case's total, the advance included (R3): never below what was paid.

A step the status does not allow, or a limit it breaks, is `StepNotAllowed` (409) naming the
status and the rules; a field that breaks its own rule is `InvalidField` (422).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from core.errors import InvalidField
from procedure.clock import (
    RunningDeadline,
    calendar_day_clock,
    earliest_due,
    investigation_due,
    working_day_clock,
)
from procedure.errors import StepNotAllowed
from procedure.policy import ProcedurePolicy
from relief.records import Advance, Command, Decision, Filing, FollowOn, Paperwork, Status, Step
from scoring.workdays import Calendar, Deadline

FEN: Final = Decimal("0.01")
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


def yuan(value: Decimal | float | int) -> Decimal:
    """An amount in whole fen of yuan, exactly (floats of yuan go through their repr)."""
    number = value if isinstance(value, Decimal) else Decimal(repr(value))
    return number.quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Limits:
    """R3's and R4's caps of one case, from the standard S and the persons n."""

    standard_monthly: Decimal
    advance_cap: Decimal  # advance_cap_months × S × n (R3)
    case_cap: Decimal  # emergency_cap_months × S × n (R4)


def limits(standard_monthly: Decimal, persons: int, policy: ProcedurePolicy) -> Limits:
    """The caps of a case of `persons` persons at the standard S (R3, R4)."""
    s = yuan(standard_monthly)
    return Limits(
        standard_monthly=s,
        advance_cap=yuan(s * policy.advance_cap_months * persons),
        case_cap=yuan(s * policy.emergency_cap_months * persons),
    )


@dataclass(frozen=True, slots=True)
class Conference:
    """A case conference as this package reads it (R6; `conferences/` writes them)."""

    conference_id: str
    county_code: str
    status: str
    amount: Decimal | None = None
    relief_id: str | None = None
    household_id: str | None = None
    person_id: str | None = None

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> "Conference":
        amount = row.get("amount")
        return cls(
            conference_id=str(row["conference_id"]),
            county_code=str(row["county_code"]),
            status=str(row["status"]),
            amount=None if amount is None else yuan(amount),
            relief_id=row.get("relief_id"),
            household_id=row.get("household_id"),
            person_id=row.get("person_id"),
        )

    def signed_by(self, county_code: str) -> bool:
        """Signed by the county of the filing township (R6: read-only once signed)."""
        return self.status == "signed" and self.county_code == county_code

    def names(self, household_id: str | None, person_id: str | None) -> bool:
        """Names the case's subject: its household or its person (R4)."""
        return (household_id is not None and self.household_id == household_id) or (
            person_id is not None and self.person_id == person_id
        )

    def covers(self, amount: Decimal) -> bool:
        return self.amount is not None and self.amount >= amount


def county_of(township_code: str) -> str:
    return township_code[:6].ljust(12, "0")


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


def plan_filing(body: Filing, facts: FilingFacts) -> dict[str, Any]:
    """The case's properties at filing, or the refusal (R1, R2, R4)."""
    if body.persons < 1:
        raise InvalidField("persons", "at least one person (R3, R4)")
    if body.requested_amount <= 0 or body.requested_amount != yuan(body.requested_amount):
        raise InvalidField("requested_amount", "a positive sum of yuan with at most 2 decimals")
    if body.on < body.occurred_on:
        raise InvalidField("filed_on", "a case is filed on or after the emergency (R1)")
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


def covering(
    case: Mapping[str, Any], conferences: Iterable[Conference], amount: Decimal
) -> Conference | None:
    """A signed conference of the case's county, on the case or cited at filing, whose amount
    covers `amount` (R4, R6), else None."""
    for c in conferences:
        on_case = c.relief_id == case.get("relief_id") or c.conference_id == case.get(
            "conference_id"
        )
        if on_case and c.signed_by(case["county_code"]) and c.covers(amount):
            return c
    return None


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


# --- deadlines ----------------------------------------------------------------------------


def publicity_last(calendar: Calendar, policy: ProcedurePolicy, posted_on: date) -> Deadline:
    """The last day of an expenditure case's posting: `relief_publicity_days` calendar days
    from the day after, moved to a working day (R2; the §6 preamble's clock)."""
    return calendar_day_clock(calendar, posted_on, policy.relief_publicity_days)


def paperwork_due(calendar: Calendar, policy: ProcedurePolicy, paid_on: date) -> Deadline:
    """The day the paperwork of an advance (investigation record and decision) is due:
    `advance_paperwork_days` working days after the payment (R3)."""
    return working_day_clock(calendar, paid_on, policy.advance_paperwork_days)


def running(
    case: Mapping[str, Any], policy: ProcedurePolicy, calendar: Calendar
) -> list[RunningDeadline]:
    """The deadlines that run in the case's status, in procedure order."""
    status, paid_on = case["status"], case.get("paid_on")
    found: list[RunningDeadline] = []
    if status in ("advanced", "investigated") and paid_on is not None:
        due = paperwork_due(calendar, policy, paid_on)
        if status == "advanced":
            found.append(RunningDeadline("paperwork", due))
        found.append(RunningDeadline("decision", due))
    elif status == "filed" and case["track"] == "expenditure":
        found.append(
            RunningDeadline("paperwork", investigation_due(calendar, policy, case["filed_on"]))
        )
    elif status == "publicity":
        last = case["publicity_last_day"]
        found.append(
            RunningDeadline(
                "decision", working_day_clock(calendar, last, policy.decision_days_dibao)
            )
        )
    elif status in ("granted", "refused"):
        # R7 names no number: the follow-on is due from the decision until it is recorded.
        found.append(RunningDeadline("follow_on", Deadline(case["decided_on"], False, ())))
    return found


def due_fields(
    case: Mapping[str, Any], policy: ProcedurePolicy, calendar: Calendar
) -> dict[str, Any]:
    """`due_on`, `due_step`, `due_on_provisional` of the case in its status (R3, R2, R7)."""
    due = earliest_due(running(case, policy, calendar))
    if due is None:
        return {"due_on": None, "due_step": None, "due_on_provisional": None}
    return {
        "due_on": due.due_on,
        "due_step": due.due_step,
        "due_on_provisional": due.due_on_provisional,
    }


# --- X8 -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OverLimits:
    """Whether a case is over R4's limits and whether a signed conference covers it (X8)."""

    over_cap: bool
    repeated_cause: bool
    covered: bool

    @property
    def finding(self) -> bool:
        """X8: over a limit and not covered."""
        return (self.over_cap or self.repeated_cause) and not self.covered


def over_limits(case: Mapping[str, Any], conferences: Iterable[Conference]) -> OverLimits:
    """R4's limits of a case as it stands (the decided amount once decided, else the paid and
    requested ones) and whether signed conferences of its county lift each (R6, X8)."""
    found = tuple(conferences)
    decided = case.get("decided_amount")
    amount = (
        yuan(decided)
        if decided is not None
        else max(yuan(case.get("requested_amount") or 0), yuan(case.get("paid_amount") or 0))
    )
    over_cap = amount > yuan(case["case_cap"])
    repeated = bool(case.get("repeated_cause"))
    cap_ok = not over_cap or covering(case, found, amount) is not None
    repeat_ok = not repeated or cause_lifted(case, found)
    return OverLimits(over_cap, repeated, cap_ok and repeat_ok)


def cause_lifted(case: Mapping[str, Any], conferences: Iterable[Conference]) -> bool:
    """R4's once-a-year cause is lifted for `case` by the conference cited at its filing,
    signed by the case's county and naming its subject (R6; X8 and the assistance chain)."""
    return any(
        c.conference_id == case.get("conference_id")
        and c.signed_by(case["county_code"])
        and c.names(case.get("household_id"), case.get("person_id"))
        for c in conferences
    )


def same_cause_repeats(
    cases: Iterable[Mapping[str, Any]], conferences: Iterable[Conference]
) -> list[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """R4 among cases: (the first case of a subject's cause in a calendar year, a later case
    of the same subject, cause and year that no conference lifts, `cause_lifted`), in filing
    order. A case filed as a repeat (`repeated_cause`) follows an unflagged one of the same
    day; a case filed at the same moment as the first, which the filing could not see (see
    `relief.service`), is a repeat all the same. The subject is the case's person, else its
    household; the year is the emergency's (`year`)."""
    found = tuple(conferences)
    groups: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    for case in cases:
        subject = case["person_id"] if case["subject_kind"] == "person" else case["household_id"]
        groups.setdefault((subject, case["cause"], case["year"]), []).append(case)
    pairs = []
    for group in groups.values():
        first, *later = sorted(
            group, key=lambda c: (c["filed_on"], bool(c.get("repeated_cause")), c["relief_id"])
        )
        pairs += [(first, case) for case in later if not cause_lifted(case, found)]
    return sorted(pairs, key=lambda p: (p[0]["relief_id"], p[1]["relief_id"]))
