"""Posting to and reading a township's standby fund (RULES R5); see the package docstring."""

import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from core.errors import InvalidField
from cypher import query
from graph.db import Graph
from procedure.errors import StepNotAllowed

ENSURE_FUND = query("funds/ensure_fund")
POST_ENTRY = query("funds/post_entry")
LEDGER = query("funds/ledger")
Kind = Literal["allocation", "payment", "return"]


class Overdrawn(StepNotAllowed):
    """A payment larger than the fund's balance (R5): nothing is posted (409)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One ledger entry (R5)."""

    entry_id: str
    on: date
    kind: Kind
    amount: float
    relief_id: str | None
    note: str | None
    by: str


@dataclass(frozen=True, slots=True)
class Ledger:
    """A township's fund: the balance and its entries in the order posted."""

    township_code: str
    balance: float
    entries: tuple[Entry, ...]


def post(
    graph: Graph,
    township_code: str,
    kind: Kind,
    amount: Decimal,
    on: date,
    by: str,
    relief_id: str | None = None,
    note: str | None = None,
) -> Ledger:
    """Post one entry and return the ledger; `Overdrawn` for a payment above the balance,
    `InvalidField` for an amount that is not positive or a payment without its relief case.
    Amounts are whole fen (two decimals) of yuan."""
    if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise InvalidField("amount", "must be a positive sum of yuan with at most 2 decimals (R5)")
    if kind in ("payment", "return") and not relief_id:
        raise InvalidField("relief_id", f"a {kind} is linked to its relief case (R3, R5)")
    entry = {
        "entry_id": f"FE{on:%Y%m%d}-{township_code[:9]}-{secrets.token_hex(5)}",
        "on": on,
        "kind": kind,
        "amount": float(amount),
        "relief_id": relief_id,
        "note": note,
        "by": by,
    }
    graph.one(ENSURE_FUND, {"township_code": township_code}, write=True)
    params = {"township_code": township_code, "entry": entry, "fen": int(amount * 100)}
    row = graph.one(POST_ENTRY, params, write=True)
    if not row["posted"]:
        raise Overdrawn(
            "balance",
            kind,
            ("R5",),
            f"a payment of {amount} yuan is above the fund's balance of {row['balance']:.2f} yuan",
        )
    return ledger(graph, township_code)


def ledger(graph: Graph, township_code: str) -> Ledger:
    """The township's ledger (an empty one before its first entry)."""
    row = graph.one(LEDGER, {"township_code": township_code})
    entries = tuple(Entry(**e) for e in row["entries"])
    return Ledger(township_code, float(row["balance"]), entries)
