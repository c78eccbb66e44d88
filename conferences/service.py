"""Case conferences (个案会商, RULES R6; CONTRACT §4): convene one, amend the draft, sign it,
read and list them, and ask whether one covers a relief case (`covering`). Each write is one
managed transaction that holds the conference's lock; the signature sends each task as a
referral (P11, `referrals.send_in`) in that same transaction, with its webhook message, so
the departments hear of exactly the tasks of a conference that was signed.

A conference belongs to its county (`county_code`) and to the township of its subject (the
relief case's, else the household's: `township_code`); officers of either see it.
"""

import secrets
from collections.abc import Mapping
from datetime import date
from typing import Any

from neo4j import ManagedTransaction

from applications.records import Actor
from conferences import plan
from conferences.records import Conference, ConferenceIn
from core.errors import NotFound
from core.ids import Level
from cypher import query
from graph.db import Graph
from graph.values import plain
from procedure.policy import ProcedurePolicy
from referrals import send_in
from scoring.workdays import Calendar

SUBJECT = query("conferences/subject")
CREATE = query("conferences/create")
LOCK = query("conferences/lock")
CONFERENCE = query("conferences/conference")
APPEND = query("conferences/append_step")
LIST = query("conferences/list")
COVERING = query("conferences/covering")

__all__ = ["amend", "convene", "covering", "get_conference", "list_conferences", "sign"]


def _subject_params(body: ConferenceIn) -> dict[str, Any]:
    return {
        "household_id": body.household_id,
        "person_id": body.person_id,
        "relief_id": body.relief_id,
        "on": body.held_on,
    }


def _township(graph: Graph, actor: Actor, body: ConferenceIn) -> str | None:
    """The township the conference belongs to: its relief case's (R1: where the emergency
    happened), else its subject household's (W5); `NotFound` for a subject that does not
    exist or one outside the caller's region, and for tasks about a subject outside it
    (`_referable`)."""
    row = graph.one(SUBJECT, _subject_params(body))
    named = body.household_id or body.person_id
    if named and row["household_id"] is None:
        raise NotFound(f"no household or person {named}")
    _referable(actor, body, row)
    code = row["relief_township"] if row["relief_found"] else row["region_code"]
    if code is None:
        return None  # a relief case not filed yet: the county's alone
    township = str(code)[: Level.TOWNSHIP.value].ljust(12, "0")
    if not township.startswith(actor.region_prefix):
        raise NotFound(f"no case {body.relief_id or named} in the caller's region")
    return township


def _referable(actor: Actor, body: ConferenceIn, row: Mapping[str, Any]) -> None:
    """R6: each task becomes a referral of the county (P11) about the conference's subject,
    else its relief case's; R1 lets that case's subject live anywhere, but a subject whose
    household lies outside the caller's region is absent to it: `NotFound` (404, CONTRACT
    §3) when there are tasks. The signature asks again (`referrals.send_in`), on its day."""
    if not body.tasks:
        return
    named = body.household_id or body.person_id
    household, region = (
        (row["household_id"], row["region_code"])
        if named
        else (row["relief_household"], row["relief_region"])
    )
    if region is not None and not str(region).startswith(actor.region_prefix):
        raise NotFound(
            f"no household or person {named or household} in the caller's region: the "
            "conference's tasks are referrals of the county (R6, P11)"
        )


def convene(graph: Graph, actor: Actor, body: ConferenceIn) -> Conference:
    """Record a draft conference of the caller's county (R6)."""
    county = plan.county_of(actor.region_prefix)
    plan.check(body)
    township = _township(graph, actor, body)
    conference_id = f"CF{body.held_on:%Y%m%d}-{county[:6]}-{secrets.token_hex(4)}"
    node = plan.draft(body) | {
        "conference_id": conference_id,
        "county_code": county,
        "township_code": township,
        "status": "draft",
        "version": 1,
    }
    data = {"departments": list(body.departments), "amount": body.amount}
    first = plan.step(conference_id, 1, "convened", body.held_on, actor, "draft", plan.RULES, data)
    graph.execute_write(
        lambda tx: tx.run(CREATE.text, {"conference": node, "step": first}).consume()
    )
    return get_conference(graph, actor.region_prefix, conference_id)


def _locked(tx: ManagedTransaction, actor: Actor, conference_id: str) -> dict[str, Any]:
    """The conference under its write lock (R6, P12), else `NotFound`."""
    params = {"conference_id": conference_id, "region_prefix": actor.region_prefix}
    if tx.run(LOCK.text, params).single() is None:
        raise NotFound(f"no conference {conference_id}")
    row = tx.run(CONFERENCE.text, params).single()
    assert row is not None  # locked above
    found: dict[str, Any] = plain(row.data())
    return found


def _append(
    tx: ManagedTransaction,
    conference_id: str,
    projection: Mapping[str, Any],
    step: Mapping[str, Any],
    referral_ids: list[str],
) -> None:
    params = {
        "conference_id": conference_id,
        "projection": dict(projection),
        "step": dict(step),
        "referral_ids": referral_ids,
    }
    tx.run(APPEND.text, params).consume()


def amend(
    graph: Graph, actor: Actor, conference_id: str, body: ConferenceIn, on: date
) -> Conference:
    """Replace a draft's fields (R6); `ReadOnly` (409) once it is signed, `NotFound` for
    tasks about a subject outside the caller's region (`_referable`)."""

    def work(tx: ManagedTransaction) -> None:
        found = _locked(tx, actor, conference_id)
        changes = plan.amendment(found["conference"], body)
        subject = tx.run(SUBJECT.text, _subject_params(body)).single()
        assert subject is not None  # one row, whatever it names
        _referable(actor, body, plain(subject.data()))
        seq = len(found["steps"]) + 1
        data = {"departments": list(body.departments), "amount": body.amount}
        step = plan.step(conference_id, seq, "amended", on, actor, "draft", plan.RULES, data)
        _append(tx, conference_id, changes, step, [])

    graph.execute_write(work)
    return get_conference(graph, actor.region_prefix, conference_id)


def sign(
    graph: Graph, actor: Actor, conference_id: str, signed_on: date, policy: ProcedurePolicy
) -> Conference:
    """Sign the conference (R6): it becomes read-only, and each task becomes a referral to its
    department (P11), sent on `signed_on` in this transaction with its outbox message."""
    calendar = Calendar.from_graph(graph)

    def work(tx: ManagedTransaction) -> None:
        found = _locked(tx, actor, conference_id)
        current = found["conference"]
        changes = plan.signature(current, signed_on)
        sent = [
            send_in(tx, actor, referral, policy, calendar)
            for referral in plan.task_referrals(current, found["relief"], signed_on)
        ]
        changes["referral_ids"] = sent
        seq = len(found["steps"]) + 1
        step = plan.step(
            conference_id, seq, "signature", signed_on, actor, "signed", plan.SIGNATURE_RULES,
            {"referral_ids": sent},
        )  # fmt: skip
        _append(tx, conference_id, changes, step, sent)

    graph.execute_write(work)
    return get_conference(graph, actor.region_prefix, conference_id)


def get_conference(graph: Graph, region_prefix: str, conference_id: str) -> Conference:
    """The conference in the caller's region, else `NotFound`."""
    params = {"conference_id": conference_id, "region_prefix": region_prefix}
    row = graph.one_or_none(CONFERENCE, params)
    if row is None:
        raise NotFound(f"no conference {conference_id}")
    return Conference(row["conference"], tuple(row["steps"]))


def list_conferences(
    graph: Graph, region_prefix: str, status: str | None, cursor: str | None, limit: int
) -> list[dict[str, Any]]:
    """A page of the region's conferences in id order (R6)."""
    params = {
        "region_prefix": region_prefix,
        "status": status,
        "cursor": cursor or "",
        "limit": limit,
    }
    return [row["conference"] for row in graph.read(LIST, params)]


def covering(
    graph: Graph,
    county_code: str,
    amount: float,
    *,
    relief_id: str | None = None,
    household_id: str | None = None,
    person_id: str | None = None,
    on: date | None = None,
) -> dict[str, Any] | None:
    """The first signed conference of `county_code` that covers `amount` yuan on the relief
    case `relief_id` or, held before a filing, on the subject `household_id` / `person_id`
    (R4, R6; `plan.covers`), else None. What the relief caps ask before refusing (R4, X8)."""
    params = {
        "county_code": county_code,
        "relief_id": relief_id,
        "household_id": household_id,
        "person_id": person_id,
    }
    for row in graph.read(COVERING, params):
        found = row["conference"]
        if plan.covers(
            found, county_code, amount, relief_id=relief_id, household_id=household_id,
            person_id=person_id, on=on,
        ):  # fmt: skip
            return dict(found)
    return None
