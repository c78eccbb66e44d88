"""The application service (申请, RULES P1–P8, C5, P12): file an application, record a step,
read one, list them. Each write is one managed transaction that first takes the
application's lock (`applications/lock`), then reads the case, plans the step with
`applications.plan` and appends it, so that two officers acting on one case at once are put in
a row and the second is refused by what the first did (409), never both recorded.

What a step needs from the rest of the graph (the household's members on its day, the verdict
snapshot of a visit, the C5 relations of the acting officer and the investigators, the W4
calendar) is read before the transaction: it does not change with the case, and reading it
under the lock would hold the lock for the means test's time.
"""

import secrets
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from neo4j import ManagedTransaction

from applications.case import Case
from applications.plan import Facts, Member, missing_items, plan_step
from applications.records import (
    PERSON_PROGRAMS,
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
from applications.verdict import take_snapshot
from core.errors import InvalidField, NotFound
from core.ids import Level
from cypher import query
from graph.db import Graph
from graph.values import plain
from officials.filings import file_check
from officials.relatives import relatives_of
from procedure.errors import StepNotAllowed
from procedure.policy import ProcedurePolicy
from procedure.states import StepFacts, next_status, step_rules
from scoring.workdays import Calendar
from stats import groups, rollup

INTAKE_FACTS = query("applications/intake_facts")
CREATE = query("applications/create")
LOCK = query("applications/lock")
CASE = query("applications/case")
APPEND = query("applications/append_step")
ENROL = query("applications/enrol")
LIST = query("applications/list")
FILE_HITS = query("applications/file_hits")
PROVINCE = "44"  # Guangdong's prefix: a step reads its household wherever it lives now

__all__ = [
    "Filters",
    "file_application",
    "get_case",
    "list_applications",
    "missing_now",
    "record_step",
]


@dataclass(frozen=True, slots=True)
class Household:
    """The household of an application on a day: its village and members (P1, E1)."""

    household_id: str
    region_code: str
    members: tuple[Member, ...]

    @property
    def township_code(self) -> str:
        """W5: the township that holds the household's village."""
        return self.region_code[: Level.TOWNSHIP.value].ljust(12, "0")

    def member(self, person_id: str | None) -> Member | None:
        return next((m for m in self.members if m.person_id == person_id), None)


def household_on(graph: Graph, region_prefix: str, household_id: str, on: date) -> Household:
    """The household in the caller's region with its members on `on`, else `NotFound`."""
    row = graph.one_or_none(
        INTAKE_FACTS, {"household_id": household_id, "region_prefix": region_prefix, "on": on}
    )
    if row is None:
        raise NotFound(f"no household {household_id}")
    members = tuple(Member(**m) for m in row["members"])
    return Household(row["household_id"], row["region_code"], members)


def file_application(graph: Graph, actor: Actor, intake: Intake, policy: ProcedurePolicy) -> Case:
    """Receive an application at the township (P1): the subject and the applicant are current
    members (422 naming the field otherwise), the case is filed with the township that holds
    the household's village (W5), and the first step of its timeline is `application`."""
    household = household_on(graph, actor.region_prefix, intake.household_id, intake.received_on)
    _check_intake(intake, household)
    recuse(graph, actor, (), household, intake.received_on, policy, None, "application")
    status = next_status(None, "application", StepFacts(on=intake.received_on))
    township = household.township_code
    application_id = f"A{intake.received_on:%Y%m%d}-{township[:9]}-{secrets.token_hex(4)}"
    person_program = intake.program in PERSON_PROGRAMS
    application = {
        "application_id": application_id,
        "program": intake.program,
        "household_id": intake.household_id,
        "person_id": intake.person_id if person_program else None,
        "subject_id": intake.person_id if person_program else intake.household_id,
        "applicant_id": intake.applicant_id,
        "channel": intake.channel,
        "proxy_name": intake.proxy_name,
        "received_on": intake.received_on,
        "township_code": township,
        "declared_official_relative": intake.declared_official_relative,
        "discovery_id": intake.discovery_id,
        "status": status,
        "status_since": intake.received_on,
        "filed": False,
    }
    step = {
        "step_id": f"{application_id}-001",
        "seq": 1,
        "step": "application",
        "on": intake.received_on,
        "by": actor.sub,
        "role": actor.role,
        "rules": list(step_rules(None, "application")),
        "produced": status,
        "data": "{}",
    }
    params = {
        "household_id": intake.household_id,
        "person_id": application["person_id"],
        "application": application,
        "step": step,
    }

    def work(tx: ManagedTransaction) -> None:
        tx.run(CREATE.text, params).single(strict=True)
        # The figures' rollup counts the new case in the same transaction (S1).
        rollup.apply(tx, Counter(), rollup.application_cells(township, [step]))

    graph.execute_write(work)
    return get_case(graph, actor.region_prefix, application_id)


def _check_intake(intake: Intake, household: Household) -> None:
    """P1: a person's programme names a current member; the applicant is a current member."""
    if intake.program in PERSON_PROGRAMS:
        if intake.person_id is None:
            raise InvalidField("person_id", f"is required for {intake.program} (P1)")
        if household.member(intake.person_id) is None:
            raise InvalidField("person_id", "is not a current member of the household (P1)")
    elif intake.person_id is not None:
        raise InvalidField("person_id", f"{intake.program} is a household's programme (P1)")
    if household.member(intake.applicant_id) is None:
        raise InvalidField("applicant_id", "is not a current member of the household (P1, E1)")
    if intake.channel == "discovery" and not intake.discovery_id:
        raise InvalidField("discovery_id", "is required for the channel discovery (P4)")


def recuse(
    graph: Graph,
    actor: Actor,
    investigators: tuple[str, ...],
    household: Household,
    on: date,
    policy: ProcedurePolicy,
    status: str | None,
    step: str,
) -> None:
    """C5: an official related (C2) to the household's members may record no step on its
    case, nor be named among its investigators; the acting officer is known by the token's
    `person_id`. Relations hold through the dead (C2's query)."""
    officials = [p for p in (actor.person_id, *investigators) if p]
    if not officials:
        return
    members = [m.person_id for m in household.members]
    found = relatives_of(graph, officials, members, on, policy.coi_scope)
    if found:
        hit = found[0]
        who = "the acting officer" if hit.official_id == actor.person_id else "an investigator"
        raise StepNotAllowed(
            status,
            step,
            ("C5", "C2"),
            f"{who} is related to member {hit.member_id} ({hit.relation}) and must recuse",
        )


def command_date(command: Command) -> date:
    """The day a command's step happens."""
    if isinstance(command, Authorisation):
        return command.signed_on
    if isinstance(command, Investigation):
        return command.visited_on
    if isinstance(command, Posting):
        return command.posted_on
    if isinstance(command, Decision):
        return command.decided_on
    assert isinstance(command, Acceptance | Objection | Transmission | Withdrawal)
    return command.on


def record_step(
    graph: Graph, actor: Actor, application_id: str, command: Command, policy: ProcedurePolicy
) -> Case:
    """Record `command` on the application (P2–P8, P12) and return the case as it now is.

    `NotFound` outside the caller's region; `StepNotAllowed` (409) for a step the status or a
    rule refuses, C5 included; `InvalidField` (422) for a field that breaks its rule."""
    head = get_case(graph, actor.region_prefix, application_id)
    on = command_date(command)
    household = household_on(graph, PROVINCE, head.application["household_id"], on)
    investigators = command.investigators if isinstance(command, Investigation) else ()
    recuse(graph, actor, investigators, household, on, policy, head.status, command.STEP)
    snapshot = None
    if isinstance(command, Investigation):
        snapshot = take_snapshot(graph, household.household_id, head.application["person_id"], on)
    facts = Facts(policy, Calendar.from_graph(graph), household.members, snapshot)
    if isinstance(command, Decision) or (isinstance(command, Acceptance) and command.accept):
        file_relatives(graph, head, on, policy, command.STEP)

    def work(tx: ManagedTransaction) -> None:
        params = {"application_id": application_id, "region_prefix": actor.region_prefix}
        if tx.run(LOCK.text, params).single() is None:
            raise NotFound(f"no application {application_id}")
        row = tx.run(CASE.text, params).single()
        assert row is not None  # locked above, in this transaction
        case = Case.of(plain(row.data()))
        planned = plan_step(case, command, actor, facts)
        tx.run(
            APPEND.text,
            {"application_id": application_id, "projection": planned.projection}
            | {"step": planned.step},
        ).consume()
        town = case.application["township_code"]
        rollup.apply(  # the figures' rollup: the status and deadline it leaves and enters (S1)
            tx,
            rollup.application_cells(town, case.steps, case.application.get("due_on")),
            rollup.application_cells(
                town, (*case.steps, planned.step), planned.projection["due_on"]
            ),
        )
        if planned.enrollment is not None:
            decided_on = planned.projection["decided_on"]
            enrol = _enrol_params(application_id, planned.enrollment, decided_on, actor)
            subject = [enrol["subject_id"]]  # a person or a household
            with groups.write_groups(tx, subject, subject):  # the group counts (M1-M5, S1)
                tx.run(ENROL.text, enrol).consume()

    graph.execute_write(work)
    return get_case(graph, actor.region_prefix, application_id)


def file_relatives(
    graph: Graph, case: Case, on: date, policy: ProcedurePolicy, at_step: str
) -> int:
    """C3: at acceptance and at decision, every current member of the household against
    every official serving the case's township, its villages or its county on `on`; each hit
    files the case (单独登记备案) with the relation path, `undeclared` where the application
    did not declare it. Written before the step's transaction, so that a step refused after
    (C4: a filed case needs a county officer's visit first) keeps the filing. Idempotent: a
    hit already filed is not filed again. Returns the number of filings the case has."""
    app = case.application
    declared = bool(app["declared_official_relative"])
    filings = file_check(
        graph, app["household_id"], app["township_code"], on, declared, at_step, policy.coi_scope
    )
    if not filings and not app["filed"]:
        return 0
    params = {"application_id": case.application_id, "filings": filings}
    return int(graph.value(FILE_HITS, params, write=True))


def _enrol_params(
    application_id: str, enrollment: Mapping[str, Any], decided_on: date, actor: Actor
) -> dict[str, Any]:
    return {
        "application_id": application_id,
        "subject_id": enrollment["subject_id"],
        "program": enrollment["program"],
        "from": enrollment["from"],
        "monthly_amount": enrollment["monthly_amount"],
        "decided_on": decided_on,
        "updated_by": actor.sub,
    }


def get_case(graph: Graph, region_prefix: str, application_id: str) -> Case:
    """The application with its timeline and filings, else `NotFound` (absent or outside the
    caller's region: one refusal)."""
    row = graph.one_or_none(
        CASE, {"application_id": application_id, "region_prefix": region_prefix}
    )
    if row is None:
        raise NotFound(f"no application {application_id}")
    return Case.of(row)


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters of `GET /v1/applications` (CONTRACT §4)."""

    status: str | None = None
    program: str | None = None
    overdue_on: date | None = None
    filed: bool | None = None


def list_applications(
    graph: Graph, region_prefix: str, filters: Filters, cursor: str | None, limit: int
) -> list[dict[str, Any]]:
    """A page of applications below `region_prefix` in id order (overdue ones are visible to
    the level above: a county lists its townships')."""
    params = {
        "region_prefix": region_prefix,
        "status": filters.status,
        "program": filters.program,
        "overdue_on": filters.overdue_on,
        "filed": filters.filed,
        "cursor": cursor or "",
        "limit": limit,
    }
    return [row["application"] for row in graph.read(LIST, params)]


def missing_now(graph: Graph, case: Case, on: date, policy: ProcedurePolicy) -> tuple[str, ...]:
    """What acceptance of a received application still lacks on `on` (P2, P3); nothing once
    it is past acceptance."""
    if case.status != "received":
        return ()
    household = household_on(graph, PROVINCE, case.application["household_id"], on)
    facts = Facts(policy, Calendar.from_entries({}), household.members)
    return missing_items(case, on, facts)
