"""The standby fund's service (CONTRACT §4; RULES R5): a township's ledger for officers over
it, allocations by its county."""

from decimal import Decimal

from api.models.funds import AllocationIn, FundPublic
from api.security import Officer
from core.errors import NotFound
from core.ids import Level, region_level
from funds import ledger, post
from graph.db import Graph

__all__ = ["allocate", "read"]


def _township(officer: Officer, township_code: str) -> str:
    """A township code inside the caller's region, else `NotFound` (as if absent)."""
    try:
        is_township = region_level(township_code) is Level.TOWNSHIP
    except ValueError:
        is_township = False
    if not is_township or not township_code.startswith(officer.region_prefix):
        raise NotFound(f"no township {township_code}")
    return township_code


def read(graph: Graph, officer: Officer, township_code: str) -> FundPublic:
    """The township's ledger (R5)."""
    return FundPublic.model_validate(ledger(graph, _township(officer, township_code)))


def allocate(graph: Graph, officer: Officer, township_code: str, body: AllocationIn) -> FundPublic:
    """Post an allocation (R5) and return the ledger."""
    code = _township(officer, township_code)
    amount = Decimal(repr(body.amount))
    found = post(graph, code, "allocation", amount, body.on, officer.sub, note=body.note)
    return FundPublic.model_validate(found)
