"""The discovery service (主动发现, RULES P4, P12): file a report, record its outcome, read one,
list them. The outcome is one managed transaction that first takes the discovery's lock
(`discoveries/lock`), then reads the case, plans the step with `discoveries.plan` and appends
it, so that two officers recording an outcome at once are put in a row and the second is
refused by what the first did (409), never both recorded.

What a step needs from the rest of the graph (the report's household, the warning it names,
the application an outcome names, the W4 calendar) is read before the transaction.
"""

import secrets
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from neo4j import ManagedTransaction

from applications.records import Actor
from core.errors import InvalidField, NotFound
from cypher import query
from discoveries.case import Case
from discoveries.plan import Facts, Subject, check_report, plan_outcome, plan_report
from discoveries.records import Outcome, Report
from graph.db import Graph
from graph.values import plain
from procedure.policy import ProcedurePolicy
from scoring.workdays import Calendar
from stats import rollup

SUBJECT = query("discoveries/subject")
CREATE = query("discoveries/create")
LOCK = query("discoveries/lock")
CASE = query("discoveries/case")
APPEND = query("discoveries/append_step")
APPLICATION = query("discoveries/application")
LIST = query("discoveries/list")

__all__ = ["Filters", "file_discovery", "get_discovery", "list_discoveries", "record_outcome"]


def _subject(graph: Graph, actor: Actor, report: Report) -> Subject:
    """The report's household in the caller's region (a person's on `found_on`, W5), else
    `NotFound`."""
    row = graph.one(
        SUBJECT,
        {
            "household_id": report.household_id,
            "person_id": report.person_id,
            "on": report.found_on,
            "region_prefix": actor.region_prefix,
            "warning_id": report.warning_id,
        },
    )
    if row["household_id"] is None:
        # Absent, outside the region, or a person without a household that day: one refusal.
        subject = (
            f"person {report.person_id}" if report.person_id else f"household {report.household_id}"
        )
        raise NotFound(f"no {subject} in the caller's region on {report.found_on}")
    return Subject(row["household_id"], row["region_code"], row["warning"])


def file_discovery(graph: Graph, actor: Actor, report: Report, policy: ProcedurePolicy) -> Case:
    """File a discovery report with the township that holds its household's village (P4,
    W5): 422 naming the field for a report that breaks P4, `NotFound` for a household or
    person outside the caller's region; the first step of its timeline is `discovery`."""
    check_report(report)
    subject = _subject(graph, actor, report)
    facts = Facts(policy, Calendar.from_graph(graph))
    township = subject.township_code
    discovery_id = f"D{report.found_on:%Y%m%d}-{township[:9]}-{secrets.token_hex(4)}"
    planned = plan_report(report, subject, actor, facts, discovery_id)
    params = {
        "household_id": subject.household_id,
        "person_id": report.person_id,
        "warning_id": report.warning_id,
        "discovery": planned.projection,
        "step": planned.step,
    }

    def work(tx: ManagedTransaction) -> bool:
        if tx.run(CREATE.text, params).single() is None:
            return False
        # The figures' rollup counts the case's days overdue in the same transaction (S1).
        rollup.apply(tx, Counter(), _cells(planned.projection, [planned.step]))
        return True

    if not graph.execute_write(work):
        raise InvalidField("household_id", "the report's subject is gone")  # deleted meanwhile
    return get_discovery(graph, actor.region_prefix, discovery_id)


def _cells(discovery: Mapping[str, Any], steps: Sequence[Mapping[str, Any]]) -> rollup.Cells:
    """What the discovery adds to the rollup: its days overdue (P4, S1, S2)."""
    town = discovery["township_code"]
    return rollup.deadline_cells(town, "cases_overdue", steps, discovery.get("due_on"))


def record_outcome(
    graph: Graph, actor: Actor, discovery_id: str, command: Outcome, policy: ProcedurePolicy
) -> Case:
    """Record the discovery's one outcome (P4, P12) and return it as it now is: `NotFound`
    outside the caller's region, `StepNotAllowed` (409) for a second outcome,
    `InvalidField` (422) for a field that breaks P4."""
    get_discovery(graph, actor.region_prefix, discovery_id)
    application = None
    if command.outcome == "application" and command.application_id:
        row = graph.one_or_none(APPLICATION, {"application_id": command.application_id})
        application = None if row is None else row["application"]
    facts = Facts(policy, Calendar.from_graph(graph), application)

    def work(tx: ManagedTransaction) -> None:
        params = {"discovery_id": discovery_id, "region_prefix": actor.region_prefix}
        if tx.run(LOCK.text, params).single() is None:
            raise NotFound(f"no discovery {discovery_id}")
        row = tx.run(CASE.text, params).single()
        assert row is not None  # locked above, in this transaction
        case = Case.of(plain(row.data()))
        planned = plan_outcome(case, command, actor, facts)
        tx.run(
            APPEND.text,
            {
                "discovery_id": discovery_id,
                "projection": planned.projection,
                "step": planned.step,
                "application_id": planned.projection["application_id"],
            },
        ).consume()
        after = {**case.discovery, **planned.projection}
        rollup.apply(
            tx, _cells(case.discovery, case.steps), _cells(after, [*case.steps, planned.step])
        )

    graph.execute_write(work)
    return get_discovery(graph, actor.region_prefix, discovery_id)


def get_discovery(graph: Graph, region_prefix: str, discovery_id: str) -> Case:
    """The discovery with its timeline, else `NotFound` (absent or outside the caller's
    region: one refusal)."""
    row = graph.one_or_none(CASE, {"discovery_id": discovery_id, "region_prefix": region_prefix})
    if row is None:
        raise NotFound(f"no discovery {discovery_id}")
    return Case.of(row)


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters of `GET /v1/discoveries` (CONTRACT §4)."""

    status: str | None = None
    overdue_on: date | None = None


def list_discoveries(
    graph: Graph, region_prefix: str, filters: Filters, cursor: str | None, limit: int
) -> list[Case]:
    """A page of discoveries below `region_prefix` in id order, without their timelines
    (overdue ones are visible to the level above: a county lists its townships')."""
    params = {
        "region_prefix": region_prefix,
        "status": filters.status,
        "overdue_on": filters.overdue_on,
        "cursor": cursor or "",
        "limit": limit,
    }
    return [
        Case.of({"discovery": row["discovery"], "steps": []}) for row in graph.read(LIST, params)
    ]
