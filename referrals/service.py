"""Referrals to departments (转办, RULES P11; CONTRACT §4): send one, answer it, read and
list them. Each write is one managed transaction that holds the referral's lock and writes
the department's webhook message in the same transaction (`webhooks.enqueue`: the outbox),
so a department hears of exactly the changes that were committed.

The `department` role sees and answers only the referrals sent to its department within its
region: every read and the lock filter on it, so another department's referral is absent
(404). A county officer may record an answer on the department's behalf (a phone call).
"""

import json
import secrets
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from neo4j import ManagedTransaction

from applications.records import Actor
from core.errors import InvalidField, NotFound
from core.ids import Level
from cypher import query
from graph.db import Graph
from graph.values import plain
from procedure.policy import ProcedurePolicy
from referrals.plan import Answer, due_fields, next_status
from scoring.workdays import Calendar
from stats import rollup
from webhooks import enqueue

SUBJECT = query("referrals/subject")
CREATE = query("referrals/create")
LOCK = query("referrals/lock")
REFERRAL = query("referrals/referral")
APPEND = query("referrals/append_step")
LIST = query("referrals/list")
PROVINCE = "44"

__all__ = [
    "Filters",
    "Referral",
    "ReferralIn",
    "answer",
    "case_step",
    "get_referral",
    "list_referrals",
    "send",
    "send_in",
]


@dataclass(frozen=True, slots=True)
class ReferralIn:
    """A referral as the township or county sends it (P11)."""

    source_id: str
    department: str
    need: str
    sent_on: date
    household_id: str | None = None
    person_id: str | None = None
    consent_on: date | None = None


@dataclass(frozen=True, slots=True)
class Referral:
    """A referral with its timeline (P12)."""

    referral: Mapping[str, Any]
    steps: tuple[Mapping[str, Any], ...]

    @property
    def referral_id(self) -> str:
        return str(self.referral["referral_id"])


def _check(body: ReferralIn, row: Mapping[str, Any]) -> None:
    """P11: the source is a case of this household; a charity referral has consent."""
    if row["source_kind"] is None:
        raise InvalidField("source_id", "names no application, discovery, relief or conference")
    if row["source_household"] not in (None, row["household_id"]):
        raise InvalidField("source_id", "is a case of another household (P11)")
    if body.department == "charity":
        if body.consent_on is None:
            raise InvalidField("consent_on", "a charity referral needs the household's consent")
        if body.consent_on > body.sent_on:
            raise InvalidField("consent_on", "the consent comes after the referral is sent")


def send(graph: Graph, actor: Actor, body: ReferralIn, policy: ProcedurePolicy) -> Referral:
    """Send a referral (P11) and queue its `referral.sent` message; `NotFound` for a subject
    outside the caller's region, `InvalidField` for a source or consent that breaks P11."""
    calendar = Calendar.from_graph(graph)
    referral_id = graph.execute_write(lambda tx: send_in(tx, actor, body, policy, calendar))
    return get_referral(graph, actor.region_prefix, None, referral_id)


def send_in(
    tx: ManagedTransaction,
    actor: Actor,
    body: ReferralIn,
    policy: ProcedurePolicy,
    calendar: Calendar,
) -> str:
    """`send` inside the caller's transaction `tx`: a conference's signature turns each of its
    tasks into a referral in the transaction that signs it (R6, P11), so the referrals, their
    outbox messages and the signature are committed together or not at all. The new
    referral's id; `NotFound` and `InvalidField` as `send`."""
    params = {
        "household_id": body.household_id,
        "person_id": body.person_id,
        "source_id": body.source_id,
        "region_prefix": actor.region_prefix,
        "on": body.sent_on,
    }
    found = tx.run(SUBJECT.text, params).single()
    if found is None:
        raise NotFound(f"no household or person {body.household_id or body.person_id}")
    row = plain(found.data())
    _check(body, row)
    township = row["region_code"][: Level.TOWNSHIP.value].ljust(12, "0")
    referral_id = f"RF{body.sent_on:%Y%m%d}-{township[:9]}-{secrets.token_hex(4)}"
    referral: dict[str, Any] = {
        "referral_id": referral_id,
        "source_id": body.source_id,
        "source_kind": row["source_kind"],
        "household_id": row["household_id"],
        "person_id": body.person_id,
        "township_code": township,
        "department": body.department,
        "need": body.need,
        "sent_on": body.sent_on,
        "consent_on": body.consent_on,
        "status": "sent",
        "status_since": body.sent_on,
    }
    referral |= due_fields(referral, policy, calendar)
    step = case_step(referral_id, 1, "sent", body.sent_on, actor, "sent", {"need": body.need})
    step["due_on"] = referral["due_on"]  # the deadline it leaves running (S2's history)
    tx.run(
        CREATE.text, {"household_id": row["household_id"], "referral": referral, "step": step}
    ).consume()
    rollup.apply(tx, Counter(), _cells(referral, [step]))  # its days overdue (S1)
    enqueue(tx, "referral.sent", body.department, township, _message(referral))
    return referral_id


def case_step(
    resource_id: str,
    seq: int,
    step: str,
    on: date,
    actor: Actor,
    produced: str,
    data: Mapping[str, Any],
    rules: Sequence[str] = ("P11",),
) -> dict[str, Any]:
    """One CaseStep of a workflow resource's timeline (P12): a referral's (rules P11), or a
    conference's, which sends referrals (`conferences.plan`)."""
    return {
        "step_id": f"{resource_id}-{seq:03d}",
        "seq": seq,
        "step": step,
        "on": on,
        "by": actor.sub,
        "role": actor.role,
        "rules": list(rules),
        "produced": produced,
        "data": json.dumps(dict(data), ensure_ascii=False, sort_keys=True, default=str),
    }


def _cells(referral: Mapping[str, Any], steps: Sequence[Mapping[str, Any]]) -> rollup.Cells:
    """What the referral adds to the rollup: its days overdue (P11, S1, S2)."""
    town = referral["township_code"]
    return rollup.deadline_cells(town, "referrals_overdue", steps, referral.get("due_on"))


def _message(referral: Mapping[str, Any]) -> dict[str, Any]:
    """What the department's system receives: the referral as it now is."""
    keys = (
        "referral_id", "source_id", "source_kind", "household_id", "person_id",
        "township_code", "department", "need", "sent_on", "status", "outcome", "due_on",
    )  # fmt: skip
    return {k: referral.get(k) for k in keys}


def answer(
    graph: Graph,
    actor: Actor,
    department: str | None,
    referral_id: str,
    status: Answer,
    on: date,
    outcome: str | None,
    policy: ProcedurePolicy,
) -> Referral:
    """Record the department's answer (P11) under the referral's lock, with its message."""
    calendar = Calendar.from_graph(graph)
    params = {
        "referral_id": referral_id,
        "region_prefix": actor.region_prefix,
        "department": department,
    }

    def work(tx: ManagedTransaction) -> None:
        if tx.run(LOCK.text, params).single() is None:
            raise NotFound(f"no referral {referral_id}")
        row = tx.run(REFERRAL.text, params).single()
        assert row is not None  # locked above
        found = plain(row.data())
        current = {"outcome": None, "acknowledged_on": None} | found["referral"]
        produced = next_status(current["status"], status, on, current["status_since"], outcome)
        changes: dict[str, Any] = {"status": produced, "status_since": on}
        if current["acknowledged_on"] is None:
            changes["acknowledged_on"] = on  # an outcome acknowledges too
        if produced != "acknowledged":
            changes |= {"outcome_on": on, "outcome": (outcome or "").strip() or None}
        changes |= due_fields(current | changes, policy, calendar)
        seq = len(found["steps"]) + 1
        step = case_step(referral_id, seq, status, on, actor, produced, {"outcome": outcome})
        step["due_on"] = changes["due_on"]
        tx.run(
            APPEND.text, {"referral_id": referral_id, "projection": changes, "step": step}
        ).consume()
        rollup.apply(  # the days overdue it ends or moves (S1)
            tx, _cells(current, found["steps"]), _cells(current | changes, [*found["steps"], step])
        )
        enqueue(
            tx,
            f"referral.{produced}",
            current["department"],
            current["township_code"],
            _message(current | changes),
        )

    graph.execute_write(work)
    return get_referral(graph, actor.region_prefix, department, referral_id)


def get_referral(
    graph: Graph, region_prefix: str, department: str | None, referral_id: str
) -> Referral:
    """The referral in the region (and of the department, for that role), else `NotFound`."""
    params = {"referral_id": referral_id, "region_prefix": region_prefix, "department": department}
    row = graph.one_or_none(REFERRAL, params)
    if row is None:
        raise NotFound(f"no referral {referral_id}")
    return Referral(row["referral"], tuple(row["steps"]))


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters of `GET /v1/referrals` (CONTRACT §4)."""

    department: str | None = None
    status: str | None = None
    overdue_on: date | None = None


def list_referrals(
    graph: Graph, region_prefix: str, filters: Filters, cursor: str | None, limit: int
) -> list[dict[str, Any]]:
    """A page of referrals below `region_prefix` in id order (overdue ones show in the
    county's list: P11)."""
    params = {
        "region_prefix": region_prefix,
        "department": filters.department,
        "status": filters.status,
        "overdue_on": filters.overdue_on,
        "cursor": cursor or "",
        "limit": limit,
    }
    return [row["referral"] for row in graph.read(LIST, params)]
