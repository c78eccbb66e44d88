"""Posting to and reading a township's standby fund (RULES R5); see the package docstring."""

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from neo4j import ManagedTransaction

from core.errors import InvalidField, NotOne
from cypher import query
from funds.turns import posting_turn
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
    entry = new_entry(township_code, kind, amount, on, by, relief_id, note)
    ensure_fund(graph, township_code)
    with posting_turn(township_code):
        graph.execute_write(lambda tx: post_in(tx, township_code, entry))
    return ledger(graph, township_code)


def new_entry(
    township_code: str,
    kind: Kind,
    amount: Decimal,
    on: date,
    by: str,
    relief_id: str | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """The entry to post, checked (R5): `InvalidField` for an amount that is not a positive
    sum of whole fen, or a payment or return without its relief case (R3)."""
    if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise InvalidField("amount", "must be a positive sum of yuan with at most 2 decimals (R5)")
    if kind in ("payment", "return") and not relief_id:
        raise InvalidField("relief_id", f"a {kind} is linked to its relief case (R3, R5)")
    return {
        "entry_id": f"FE{on:%Y%m%d}-{township_code[:9]}-{secrets.token_hex(5)}",
        "on": on,
        "kind": kind,
        "amount": float(amount),
        "relief_id": relief_id,
        "note": note,
        "by": by,
    }


def ensure_fund(graph: Graph, township_code: str) -> None:
    """Create the township's fund node on first use, in its own transaction before any
    posting (`cypher/funds/ensure_fund.cypher` says why)."""
    graph.one(ENSURE_FUND, {"township_code": township_code}, write=True)


def post_in(tx: ManagedTransaction, township_code: str, entry: Mapping[str, Any]) -> float:
    """Post `entry` (from `new_entry`) inside the caller's transaction, under the fund node's
    lock (`ensure_fund` first), and return the balance after it; `Overdrawn` for a payment
    above the balance, which the caller lets escape so that its whole transaction, the fund's
    lock included, is rolled back (R3: the advance step and its payment are one). The caller
    holds `funds.posting_turn` around that transaction (`funds/turns.py` says why)."""
    fen = int(Decimal(repr(entry["amount"])) * 100)
    params = {"township_code": township_code, "entry": dict(entry), "fen": fen}
    row = tx.run(POST_ENTRY.text, params).single()
    if row is None:
        raise NotOne(f"{POST_ENTRY.name} gave no row: no fund {township_code} (ensure_fund first)")
    if not row["posted"]:
        raise Overdrawn(
            "balance",
            entry["kind"],
            ("R5",),
            f"a payment of {entry['amount']:.2f} yuan is above the fund's balance of "
            f"{row['balance']:.2f} yuan",
        )
    return float(row["balance"])


def ledger(graph: Graph, township_code: str) -> Ledger:
    """The township's ledger (an empty one before its first entry)."""
    row = graph.one(LEDGER, {"township_code": township_code})
    entries = tuple(Entry(**e) for e in row["entries"])
    return Ledger(township_code, float(row["balance"]), entries)
