"""Temporary relief in the graph (临时救助, RULES R1–R4, R7; CONTRACT §4): file a case, take
its steps, read and list them, and X8's list of cases over R4's limits.

Every step is one managed write transaction whose first statement raises the case's
`version` (`cypher/relief/lock.cypher`), so two steps at once are put in a row and the second
plans from what the first wrote. An advance (R3) posts its payment to the township's standby
fund in that same transaction (`funds.post_in`, which takes the fund node's lock after the
case's), inside the fund's `posting_turn`: a payment that would overdraw the fund raises
`Overdrawn` inside it, and neither the step nor the payment is written.

R1: a case is the filing township's (its `township_code`); its subject, a person or a
household, may live anywhere. Every read and lock filters on the township code alone: the
filing township sees its cases and the persons they name, never the subject's household page
(households, eligibility and the like stay scoped to where the household lives).

R4's same cause once a year per subject: a filing is one write transaction that first takes
the subject's lock (`cypher/relief/lock_subject.cypher`, on the Person or the Household node,
as the fund node is locked for a payment), then reads the earlier cases of that cause and
creates its own; two filings for the same subject and cause at the same moment are put in a
row, and the second is refused (409 naming R4) by the case the first committed.
"""

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from neo4j import ManagedTransaction

from applications.records import Actor
from core.errors import InvalidField, NotFound
from core.ids import Level, region_level
from cypher import query
from funds import ensure_fund, new_entry, post_in, posting_turn
from graph.db import Graph
from graph.values import plain
from procedure.policy import ProcedurePolicy
from relief.deadlines import due_fields
from relief.limits import Conference, OverLimits, limits, over_limits
from relief.plan import FilingFacts, StepFacts, plan_filing, plan_step
from relief.records import Advance, Command, Filing, FollowOn, Step
from scoring.eligibility import household_eligibility, standards_in_force
from scoring.support import destitute_checks
from scoring.workdays import Calendar

SUBJECT = query("relief/subject")
LOCK_SUBJECT = query("relief/lock_subject")
CREATE = query("relief/create")
LOCK = query("relief/lock")
CASE = query("relief/case")
APPEND = query("relief/append_step")
LIST = query("relief/list")
CONFERENCES = query("relief/conferences")
FOLLOW_ON_REF = query("relief/follow_on_ref")
OVER_LIMITS = query("relief/over_limits")
PROVINCE = "44"

__all__ = [
    "Filters",
    "Relief",
    "file_relief",
    "get_relief",
    "list_relief",
    "over_limit_cases",
    "record_step",
    "screen",
]


@dataclass(frozen=True, slots=True)
class Relief:
    """A relief case with its timeline (P12) and its subject person's name (R1)."""

    relief: Mapping[str, Any]
    steps: tuple[Mapping[str, Any], ...]
    name: str | None = None

    @property
    def relief_id(self) -> str:
        return str(self.relief["relief_id"])


def _township(actor: Actor, code: str) -> str:
    """A township code within the caller's region, else `NotFound` (R1: the filing township)."""
    try:
        is_township = region_level(code) is Level.TOWNSHIP
    except ValueError:
        is_township = False
    if not is_township or not code.startswith(actor.region_prefix):
        raise NotFound(f"no township {code} in the caller's region")
    return code


def _step(
    relief_id: str,
    seq: int,
    step: Step,
    on: date,
    actor: Actor,
    rules: list[str],
    produced: str,
    data: Mapping[str, Any],
) -> dict[str, Any]:
    return {
        "step_id": f"{relief_id}-{seq:03d}",
        "seq": seq,
        "step": step,
        "on": on,
        "by": actor.sub,
        "role": actor.role,
        "rules": rules,
        "produced": produced,
        "data": json.dumps(dict(data), ensure_ascii=False, sort_keys=True, default=str),
    }


def file_relief(graph: Graph, actor: Actor, body: Filing, policy: ProcedurePolicy) -> Relief:
    """File a case with the township where the emergency happened (R1, R2), within R4's
    limits; `NotFound` for a township outside the caller's region or a subject that does not
    exist, `StepNotAllowed` for R4, `InvalidField` for a field that breaks its rule."""
    if (body.household_id is None) == (body.person_id is None):
        raise InvalidField("household_id", "exactly one of household_id and person_id (R1)")
    township = _township(actor, body.township_code)
    params = {
        "township_code": township,
        "household_id": body.household_id,
        "person_id": body.person_id,
        "cause": body.cause,
        "year": body.occurred_on.year,
        "occurred_on": body.occurred_on,
        "conference_id": body.conference_id,
    }
    standard = standards_in_force(graph, [township], body.occurred_on).get(township)
    case_limits = (
        None
        if standard is None
        else limits(Decimal(repr(standard.dibao_urban_monthly)), body.persons, policy)
    )
    calendar = Calendar.from_graph(graph)
    missing = f"no township {township}, or no subject {body.household_id or body.person_id}"

    def work(tx: ManagedTransaction) -> str:
        # R4: the subject's lock first, so that the same-cause read below sees every filing
        # for this subject committed before it (none can commit in between).
        subject = {"person_id": body.person_id, "household_id": body.household_id}
        locked = tx.run(LOCK_SUBJECT.text, subject).single()
        found = tx.run(SUBJECT.text, params).single()
        if locked is None or not locked["locked"] or found is None:
            raise NotFound(missing)
        row = plain(found.data())
        facts = FilingFacts(
            limits=case_limits,
            same_cause=tuple(row["same_cause"]),
            conference=None if row["conference"] is None else Conference.of(row["conference"]),
            household_id=row["household_id"],
            person_id=row["person_id"],
        )
        relief = plan_filing(body, facts)
        relief_id = f"RL{body.on:%Y%m%d}-{township[:9]}-{secrets.token_hex(4)}"
        relief["relief_id"] = relief_id
        relief |= due_fields(relief, policy, calendar)
        data = {
            "track": body.track,
            "cause": body.cause,
            "occurred_on": body.occurred_on,
            "persons": body.persons,
            "requested_amount": relief["requested_amount"],
            "case_cap": relief["case_cap"],
            "advance_cap": relief["advance_cap"],
            "standard_monthly": relief["standard_monthly"],
            "conference_id": body.conference_id,
            "facts": relief["facts"],
        }
        rules = ["R1", "R2", "R4"] + (["R6"] if body.conference_id else [])
        step = _step(relief_id, 1, "filing", body.on, actor, rules, "filed", data)
        created: dict[str, Any] = {
            "person_id": body.person_id,
            "household_id": body.household_id,
            "relief": relief,
            "step": step,
        }
        if tx.run(CREATE.text, created).single() is None:
            raise NotFound(missing)
        return relief_id

    relief_id = graph.execute_write(work)
    return get_relief(graph, actor.region_prefix, relief_id)


def screen(graph: Graph, household_id: str | None, on: date) -> dict[str, Any]:
    """The household's screening after relief (R7): the means test (E1–E7) and the destitute
    check (T1) of each counted member on `on`, as a summary kept on the follow-on step."""
    if household_id is None:
        return {"as_of": on.isoformat(), "household": None}
    found = household_eligibility(graph, PROVINCE, household_id, on)
    if found is None:
        return {"as_of": on.isoformat(), "household": None}
    checks = destitute_checks(graph, PROVINCE, list(found.member_ids), on)
    return {
        "as_of": on.isoformat(),
        "household": household_id,
        "member_count": found.member_count,
        "dibao": found.dibao.eligible,
        "marginal": found.marginal.eligible,
        "expenditure_hardship": found.expenditure_hardship.eligible,
        "single_person_dibao": sorted(m.person_id for m in found.single_person_dibao if m.eligible),
        "tekun": sorted(pid for pid, check in checks.items() if check.eligible),
    }


def record_step(
    graph: Graph, actor: Actor, relief_id: str, cmd: Command, policy: ProcedurePolicy
) -> Relief:
    """Take one step (R2–R4, R7) under the case's lock; an advance posts its fund payment in
    the same transaction (R3, R5). `NotFound` outside the filing township's region."""
    calendar = Calendar.from_graph(graph)
    params = {"relief_id": relief_id, "region_prefix": actor.region_prefix}
    before = get_relief(graph, actor.region_prefix, relief_id)  # 404 first; read facts below
    township = str(before.relief["township_code"])
    conferences = tuple(
        Conference.of(row["conference"])
        for row in graph.read(
            CONFERENCES,
            {"relief_id": relief_id, "conference_id": before.relief.get("conference_id")},
        )
    )
    household = before.relief.get("household_id")
    screening: Mapping[str, Any] | None = None
    ref_found = False
    if isinstance(cmd, FollowOn):
        screening = screen(graph, household, cmd.on)
        if cmd.kind != "none" and cmd.ref_id is not None:
            ref = {"kind": cmd.kind, "ref_id": cmd.ref_id, "household_id": household}
            ref_found = bool(graph.value(FOLLOW_ON_REF, ref))
    if isinstance(cmd, Advance):
        ensure_fund(graph, township)
    facts = StepFacts(policy, calendar, actor.role, conferences, screening, ref_found)

    def work(tx: ManagedTransaction) -> None:
        if tx.run(LOCK.text, params).single() is None:
            raise NotFound(f"no relief case {relief_id}")
        row = tx.run(CASE.text, params).single()
        assert row is not None  # locked above
        found = plain(row.data())
        case = found["relief"]
        produced, rules, data, changes = plan_step(case, cmd, facts)
        changes = {"status": produced, "status_since": cmd.on} | changes
        if isinstance(cmd, Advance):
            entry = new_entry(
                township, "payment", cmd.amount, cmd.paid_on, actor.sub, relief_id, "先行救助 (R3)"
            )
            balance = post_in(tx, township, entry)
            data |= {"entry_id": entry["entry_id"], "fund_balance": balance}
            changes["advance_entry_id"] = entry["entry_id"]
        changes |= due_fields(case | changes, policy, calendar)
        seq = len(found["steps"]) + 1
        step = _step(relief_id, seq, cmd.STEP, cmd.on, actor, rules, produced, data)
        tx.run(APPEND.text, {"relief_id": relief_id, "projection": changes, "step": step}).consume()

    if isinstance(cmd, Advance):
        with posting_turn(township):
            graph.execute_write(work)
    else:
        graph.execute_write(work)
    return get_relief(graph, actor.region_prefix, relief_id)


def get_relief(graph: Graph, region_prefix: str, relief_id: str) -> Relief:
    """The case if its filing township lies in the caller's region (R1), else `NotFound`."""
    row = graph.one_or_none(CASE, {"relief_id": relief_id, "region_prefix": region_prefix})
    if row is None:
        raise NotFound(f"no relief case {relief_id}")
    return Relief(row["relief"], tuple(row["steps"]), row["name"])


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters of `GET /v1/relief` (CONTRACT §4)."""

    status: str | None = None
    overdue_on: date | None = None


def list_relief(
    graph: Graph, region_prefix: str, filters: Filters, cursor: str | None, limit: int
) -> list[dict[str, Any]]:
    """A page of the cases filed by townships below `region_prefix`, in id order."""
    params = {
        "region_prefix": region_prefix,
        "status": filters.status,
        "overdue_on": filters.overdue_on,
        "cursor": cursor or "",
        "limit": limit,
    }
    return [row["relief"] for row in graph.read(LIST, params)]


def over_limit_cases(
    graph: Graph, region_prefix: str, cursor: str | None = None, limit: int = 500
) -> list[tuple[dict[str, Any], OverLimits]]:
    """X8: the cases of the region over R4's limits that no signed conference of their
    county covers, each with what it is over (the integrity checks route them), among the
    `limit` cases over a limit after `cursor`."""
    return _uncovered(graph.read(OVER_LIMITS, _page(region_prefix, cursor, limit)))


def every_over_limit_case(
    graph: Graph, region_prefix: str, page: int = 500
) -> list[tuple[dict[str, Any], OverLimits]]:
    """`over_limit_cases` over the whole region, `page` cases read at a time: a page whose
    cases a conference all covers is read past, not taken for the end."""
    found: list[tuple[dict[str, Any], OverLimits]] = []
    cursor: str | None = None
    while True:
        rows = graph.read(OVER_LIMITS, _page(region_prefix, cursor, page))
        found += _uncovered(rows)
        if len(rows) < page:
            return found
        cursor = str(rows[-1]["relief"]["relief_id"])


def _page(region_prefix: str, cursor: str | None, limit: int) -> dict[str, Any]:
    return {"region_prefix": region_prefix, "cursor": cursor or "", "limit": limit}


def _uncovered(rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], OverLimits]]:
    found = []
    for row in rows:
        verdict = over_limits(row["relief"], [Conference.of(c) for c in row["conferences"]])
        if verdict.finding:
            found.append((row["relief"], verdict))
    return found
