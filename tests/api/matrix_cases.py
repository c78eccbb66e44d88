"""Applications in every state a step route of the matrix needs (CONTRACT §4), opened through
the service on the matrix's world: one per (state, role) so that each allowed role's call
finds its own case in the state its step needs, and no call disturbs another."""

from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
from neo4j import ManagedTransaction

from applications import (
    Acceptance,
    Actor,
    Authorisation,
    Command,
    Intake,
    Investigation,
    Posting,
    Transmission,
    file_application,
    record_step,
)
from conferences import ConferenceIn, Task, convene
from funds import post
from graph.db import Graph
from procedure.policy import default_policy
from procedure.states import Opinion
from referrals import ReferralIn, send
from relief import Decision, Filing, Paperwork, file_relief
from relief import record_step as relief_step
from tests.helpers import free_port
from tests.loaders import family
from webhooks import WebhookSettings, deliver_due, enqueue, register

POLICY = default_policy()
MEMBERS = (family.GRANDMA, family.FATHER, family.MOTHER, family.CHILD)
RECEIVED = date(2026, 10, 12)  # a Monday
SIGNED = Authorisation(family.FATHER, MEMBERS, "paper", RECEIVED)
ACCEPTED = Acceptance(date(2026, 10, 13), True)
POSTED = Posting(date(2026, 10, 15))
# The stages: the steps that bring a new case to the state a route's call needs; "grant" and
# "refuse" stand for a home visit with that opinion.
STAGES: dict[str, tuple[Command | str, ...]] = {
    "received": (),
    "signed": (SIGNED,),
    "accepted": (SIGNED, ACCEPTED),
    "grant_opinion": (SIGNED, ACCEPTED, "grant"),
    "posted": (SIGNED, ACCEPTED, "grant", POSTED),
    "refuse_opinion": (SIGNED, ACCEPTED, "refuse"),
    "transmitted": (SIGNED, ACCEPTED, "refuse", Transmission(date(2026, 10, 15))),
    "not_accepted": (Acceptance(date(2026, 10, 13), False, "材料不齐"),),
}


def visit(opinion: str, investigators: tuple[str, str]) -> Investigation:
    reason = None if opinion == "grant" else "收入超过标准"
    verdict: Opinion = "grant" if opinion == "grant" else "refuse"
    return Investigation(
        date(2026, 10, 14), investigators, family.FATHER, "入户核实", verdict, reason
    )


def open_cases(graph: Graph, investigators: tuple[str, str]) -> dict[str, str]:
    """`{"<stage>:<role>": application_id}` for every stage and the roles township, county."""
    cases: dict[str, str] = {}
    for role, region in (("township", "440103001"), ("county", "440103")):
        actor = Actor(sub=f"matrix-{role}", role=role, region_prefix=region)
        for stage, steps in STAGES.items():
            intake = Intake("dibao", "H1", family.FATHER, "window", RECEIVED)
            case = file_application(graph, actor, intake, POLICY)
            for step in steps:
                command = visit(step, investigators) if isinstance(step, str) else step
                record_step(graph, actor, case.application_id, command, POLICY)
            cases[f"{stage}:{role}"] = case.application_id
    return cases


def open_referrals(graph: Graph, source_id: str) -> dict[str, str]:
    """`{"referral:<role>": referral_id}`: a referral to housing in the state `sent` for each
    role that answers one (the department and the county), and one to read."""
    actor = Actor(sub="matrix-township", role="township", region_prefix="440103001")
    found = {}
    for name in ("department", "county", "read"):
        body = ReferralIn(source_id, "housing", "危房改造", RECEIVED, household_id="H1")
        found[f"referral:{name}"] = send(graph, actor, body, POLICY).referral_id
    return found


def dead_letters(graph: Graph, township: str) -> dict[str, str]:
    """`{"webhook": id, "dead:<role>": message_id}`: the housing department's webhook for
    `township`, at a port where nobody listens, and a dead message about the township for each
    role that requeues one (the department and the county): each message's one allowed try
    failed (P11; docs/webhooks.md)."""
    webhook = register(graph, "housing", township, f"http://127.0.0.1:{free_port()}/hook")
    found = {"webhook": webhook.webhook.webhook_id}
    for role in ("department", "county"):

        def queue(tx: ManagedTransaction, role: str = role) -> str | None:
            return enqueue(tx, "referral.sent", "housing", township, {"role": role})

        found[f"dead:{role}"] = str(graph.execute_write(queue))
    once = WebhookSettings(_env_file=None, max_attempts=1, timeout_s=0.3)  # type: ignore[call-arg]
    with httpx.Client() as http:
        report = deliver_due(graph, datetime.now(UTC), http, once)
    assert sorted(report.dead) == sorted(v for k, v in found.items() if k.startswith("dead:"))
    return found


def open_relief(graph: Graph, investigators: tuple[str, str]) -> dict[str, str]:
    """`{"relief:<stage>": relief_id}`: emergency cases of H1 (one cause each, R4) filed by the
    family's township, in the state each step route needs: `filed` (advance, paperwork),
    `investigated` for the township's and the county's decision, `decided` (follow-on); and
    a fund with a balance for the advance (R5)."""
    township = Actor(sub="matrix-township", role="township", region_prefix="440103001")
    post(graph, "440103001000", "allocation", Decimal("5000"), RECEIVED, "matrix-county")
    stages = {
        "advance": ("accident", 0),
        "paperwork": ("disaster", 0),
        "decision:township": ("illness", 1),
        "decision:county": ("other", 1),
    }
    found: dict[str, str] = {}
    for stage, (cause, steps) in stages.items():
        body = Filing("440103001000", "emergency", cause, RECEIVED, 4, Decimal("2000"), "H1")  # type: ignore[arg-type]
        case = file_relief(graph, township, body, POLICY)
        if steps:
            visit = Paperwork(date(2026, 10, 13), investigators, "入户核实")
            relief_step(graph, township, case.relief_id, visit, POLICY)
        found[f"relief:{stage}"] = case.relief_id
    body = Filing("440103001000", "emergency", "fire", RECEIVED, 1, Decimal("1000"), "H3")
    case = file_relief(graph, township, body, POLICY)
    relief_step(
        graph, township, case.relief_id, Paperwork(RECEIVED, investigators, "入户核实"), POLICY
    )
    decision = Decision(date(2026, 10, 13), True, Decimal("1000"))
    found["relief:follow-on"] = relief_step(
        graph, township, case.relief_id, decision, POLICY
    ).relief_id
    return found


def open_conferences(graph: Graph) -> dict[str, str]:
    """`{"conference:<use>": conference_id}`: draft conferences of the county on H1 (R6),
    one the county signs, one it amends and one to read."""
    actor = Actor(sub="matrix-county", role="county", region_prefix="440103")
    body = ConferenceIn(
        held_on=RECEIVED,
        departments=("housing",),
        facts="房屋失火",
        decision="一事一议",
        amount=12000.0,
        tasks=(Task("housing", "危房改造"),),
        household_id="H1",
    )
    return {
        f"conference:{use}": convene(graph, actor, body).conference_id
        for use in ("sign", "amend", "read")
    }
