"""The referral routes' service (CONTRACT §4; RULES P11): a department officer's calls are
confined to their department (another department's referral is absent, 404)."""

import json

from api.masking import shaped_rows
from api.models.referrals import ReferralIn, ReferralPage, ReferralPublic, ReferralSummary, StatusIn
from api.security import Officer
from applications.records import Actor
from graph.db import Graph
from procedure.policy import ProcedurePolicy
from referrals import Filters, Referral, answer, get_referral, list_referrals, send
from referrals import ReferralIn as Sending

FIELDS = tuple(ReferralPublic.model_fields)

__all__ = ["create", "read", "record_answer", "search"]


def _actor(officer: Officer) -> Actor:
    return Actor(officer.sub, officer.role, officer.region_prefix, officer.person_id)


def create(
    graph: Graph, officer: Officer, body: ReferralIn, policy: ProcedurePolicy
) -> ReferralPublic:
    """Send a referral (P11)."""
    sent = send(graph, _actor(officer), Sending(**body.model_dump()), policy)
    return public(graph, officer, sent)


def record_answer(
    graph: Graph, officer: Officer, referral_id: str, body: StatusIn, policy: ProcedurePolicy
) -> ReferralPublic:
    """The department's answer (or the county's on its behalf)."""
    found = answer(
        graph, _actor(officer), officer.department, referral_id, body.status, body.on,
        body.outcome, policy,
    )  # fmt: skip
    return public(graph, officer, found)


def read(graph: Graph, officer: Officer, referral_id: str) -> ReferralPublic:
    return public(
        graph, officer, get_referral(graph, officer.region_prefix, officer.department, referral_id)
    )


def search(
    graph: Graph,
    officer: Officer,
    region_prefix: str,
    filters: Filters,
    cursor: str | None,
    limit: int,
) -> ReferralPage:
    """A page of referrals; a department officer's only ever of their department."""
    if officer.department is not None:
        if filters.department not in (None, officer.department):
            return ReferralPage(items=[], next_cursor=None)
        filters = Filters(officer.department, filters.status, filters.overdue_on)
    rows = list_referrals(graph, region_prefix, filters, cursor, limit)
    shaped = shaped_rows(graph, officer.region_prefix, rows, FIELDS)
    items = [ReferralSummary.model_validate(row) for row in shaped]
    next_cursor = items[-1].referral_id if len(items) == limit else None
    return ReferralPage(items=items, next_cursor=next_cursor)


def public(graph: Graph, officer: Officer, found: Referral) -> ReferralPublic:
    """The response model of a referral with its timeline."""
    timeline = [{**step, "details": json.loads(step["data"])} for step in found.steps]
    (shaped,) = shaped_rows(graph, officer.region_prefix, [found.referral], FIELDS)
    return ReferralPublic.model_validate(shaped | {"timeline": timeline})
