"""The review service (定期核查, RULES P10, P6, P9, P12, C3, C4, C5): record a review of an
enrolment and read one back. A review is one managed transaction whose first statement takes the
enrolment's lock (`reviews/lock`), then plans the review with `reviews.plan` from the
enrolment as the lock found it and writes it, so that two reviews of one enrolment at once
are put in a row and cannot both end it (the second finds it ended: 409).

What the review needs from the rest of the graph is read before the transaction: the
enrolled household and its township (404 outside the caller's region, as if absent), the C5
relations of the acting officer to the household's members on the review's day (the
applications' `recuse`, one rule for every case), and the W4 calendar. The C3 check runs
there too and is written before the transaction, as at an application's acceptance and
decision (`officials.filings.file_check`): every current member of the enrolled household
against every official serving its township, its villages or its county on the review's day;
each hit files the enrolment (a Filing on the Enrollment, kept once), declared when the
family declared it at this review or on the application that granted the enrolment, else
`undeclared`. A review refused after (C4: a filed case needs a county officer's home visit
before its decision) keeps the filing; the review recorded links every filing of the
enrolment.
"""

import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from neo4j import ManagedTransaction

from applications.service import PROVINCE, household_on, recuse
from core.errors import NotFound
from cypher import query
from graph.db import Graph
from graph.values import plain
from officials.filings import file_check
from procedure.amounts import yuan
from procedure.policy import ProcedurePolicy
from reviews.plan import STEP, check_fields, plan_review
from reviews.records import Actor, Enrolment, ReviewCommand
from scoring.workdays import Calendar
from stats import groups

ENROLLMENT = query("reviews/enrollment")
LOCK = query("reviews/lock")
RECORD = query("reviews/record")
GET = query("reviews/get")
FILE_HITS = query("reviews/file_hits")

__all__ = ["ReviewCase", "get_review", "record_review"]


@dataclass(frozen=True, slots=True)
class ReviewCase:
    """A recorded review: its properties, its timeline (seq order), the township's name and
    the notice's addressee ({person_id, name}: the enrolled person, or the household's head)
    and the enrolment's filings as the review found them (C3)."""

    review: dict[str, Any]
    steps: list[dict[str, Any]]
    township_name: str | None
    addressee: dict[str, Any] | None
    filings: list[dict[str, Any]]

    @property
    def review_id(self) -> str:
        return str(self.review["review_id"])


def _key(command: ReviewCommand) -> dict[str, Any]:
    return {
        "subject_id": command.subject_id,
        "program": command.program,
        "from": command.enrollment_from,
    }


def _amount(value: float | int | None) -> Decimal | None:
    return None if value is None else yuan(value)


def record_review(
    graph: Graph, actor: Actor, command: ReviewCommand, policy: ProcedurePolicy
) -> ReviewCase:
    """Record `command` (P10) and return the review as it now is.

    `NotFound` for an enrolment absent or outside the caller's region; `InvalidField` (422)
    for a field that breaks its rule; `StepNotAllowed` (409) for an enrolment already ended,
    a tekun termination before its posting's period is over (P6), an officer related to a
    member of the household (C5), or a filed case (C3) without a county officer's home
    visit (C4)."""
    check_fields(command)
    key = _key(command)
    found = graph.one_or_none(ENROLLMENT, key | {"region_prefix": actor.region_prefix})
    if found is None:
        raise NotFound(
            f"no enrolment of {command.subject_id} in {command.program} "
            f"from {command.enrollment_from}"
        )
    household = household_on(graph, PROVINCE, found["household_id"], command.reviewed_on)
    recuse(graph, actor, (), household, command.reviewed_on, policy, "open", STEP)
    calendar = Calendar.from_graph(graph)
    township = str(found["township_code"])
    file_relatives(
        graph, command, household.household_id, township, bool(found["declared"]), policy
    )
    review_id = f"R{command.reviewed_on:%Y%m%d}-{township[:9]}-{secrets.token_hex(4)}"
    place = (review_id, township, str(found["household_id"]))

    def work(tx: ManagedTransaction) -> None:
        locked = tx.run(LOCK.text, key).single()
        if locked is None:
            raise NotFound(f"no enrolment of {command.subject_id} in {command.program}")
        row = plain(locked.data())
        enrolment = Enrolment(
            program=command.program,
            from_=command.enrollment_from,
            to=cast(date | None, row["to"]),
            monthly_amount=_amount(row["monthly_amount"]),
            ended_by_review=row["ended_by_review"],
            filed=bool(row["filed"]),
        )
        planned = plan_review(command, enrolment, actor, policy, calendar, place)
        params = key | {
            "review": planned.review,
            "steps": planned.steps,
            "ends_on": planned.ends_on,
            "opens": planned.opens,
        }
        subject = [command.subject_id]  # an ended or opened enrolment: the group counts (S1)
        changes = planned.ends_on is not None or planned.opens is not None
        with groups.write_groups(tx, subject if changes else (), subject if changes else ()):
            tx.run(RECORD.text, params).consume()

    graph.execute_write(work)
    return get_review(graph, actor.region_prefix, review_id)


def file_relatives(
    graph: Graph,
    command: ReviewCommand,
    household_id: str,
    township_code: str,
    declared_on_application: bool,
    policy: ProcedurePolicy,
) -> int:
    """C3 at a review: the check of `officials.filings.file_check` on the review's day, each
    hit filed on the reviewed enrolment (idempotent). Returns the number of new hits found
    (0: nothing written)."""
    declared = command.declared_official_relative or declared_on_application
    filings = file_check(
        graph,
        household_id,
        township_code,
        command.reviewed_on,
        declared,
        "review",
        policy.coi_scope,
    )
    if filings:
        graph.value(FILE_HITS, _key(command) | {"filings": filings}, write=True)
    return len(filings)


def get_review(graph: Graph, region_prefix: str, review_id: str) -> ReviewCase:
    """The review with its timeline, else `NotFound` (absent or outside the caller's region:
    one refusal)."""
    row = graph.one_or_none(GET, {"review_id": review_id, "region_prefix": region_prefix})
    if row is None:
        raise NotFound(f"no review {review_id}")
    review = {k: v for k, v in row["review"].items() if k not in ("version", "created_at")}
    return ReviewCase(
        review, list(row["steps"]), row["township_name"], row["addressee"], list(row["filings"])
    )
