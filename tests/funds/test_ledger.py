"""The standby fund (R5) against the real Neo4j: the balance is allocations + returns −
payments, a payment above it is refused and posts nothing, and 50 payments at once never
take it below zero, whether they take turns in this process (`funds.posting_turn`) or, as the
API's worker processes do, meet only at the fund node's lock in Neo4j."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

import pytest

from core.errors import InvalidField
from funds import Overdrawn, ensure_fund, ledger, new_entry, post, post_in
from graph.db import Graph

TOWNSHIP = "440103001000"
ON = date(2026, 3, 2)


def test_r5_balance_is_allocations_plus_returns_minus_payments(graph: Graph) -> None:
    assert ledger(graph, TOWNSHIP).balance == 0
    post(graph, TOWNSHIP, "allocation", Decimal("10000"), ON, "county-1", note="年度拨付")
    post(graph, TOWNSHIP, "payment", Decimal("2600.50"), ON, "officer-1", relief_id="RL-1")
    found = post(graph, TOWNSHIP, "return", Decimal("0.10"), ON, "officer-1", relief_id="RL-1")
    assert found.balance == pytest.approx(7399.60)
    assert [e.kind for e in found.entries] == ["allocation", "payment", "return"]
    assert ledger(graph, "440103002000").entries == ()


def test_r5_a_payment_above_the_balance_posts_nothing(graph: Graph) -> None:
    post(graph, TOWNSHIP, "allocation", Decimal("100"), ON, "county-1")
    with pytest.raises(Overdrawn) as refused:
        post(graph, TOWNSHIP, "payment", Decimal("100.01"), ON, "officer-1", relief_id="RL-1")
    assert refused.value.rules == ("R5",)
    assert len(ledger(graph, TOWNSHIP).entries) == 1


def test_r5_amounts_are_positive_and_payments_name_their_case(graph: Graph) -> None:
    with pytest.raises(InvalidField):
        post(graph, TOWNSHIP, "allocation", Decimal("0"), ON, "county-1")
    with pytest.raises(InvalidField):
        post(graph, TOWNSHIP, "allocation", Decimal("1.001"), ON, "county-1")
    with pytest.raises(InvalidField):
        post(graph, TOWNSHIP, "payment", Decimal("1"), ON, "officer-1")


def test_r5_fifty_payments_at_once_never_overdraw(graph: Graph) -> None:
    """1000 yuan, 50 payments of 30: exactly 33 fit; the rest are refused, none half-done."""
    post(graph, TOWNSHIP, "allocation", Decimal("1000"), ON, "county-1")

    def pay(i: int) -> bool:
        try:
            post(graph, TOWNSHIP, "payment", Decimal("30"), ON, f"officer-{i}", relief_id=f"RL-{i}")
        except Overdrawn:
            return False
        return True

    with ThreadPoolExecutor(max_workers=50) as pool:
        paid = list(pool.map(pay, range(50)))
    found = ledger(graph, TOWNSHIP)
    assert sum(paid) == 33
    assert found.balance == pytest.approx(10.0)
    assert len([e for e in found.entries if e.kind == "payment"]) == 33


def test_r5_payments_that_meet_only_at_the_fund_lock_never_overdraw(graph: Graph) -> None:
    """Without this process's turns (as separate worker processes post): 1000 yuan, 12
    payments of 90 at once; Neo4j's lock on the fund node alone lets exactly 11 through."""
    post(graph, TOWNSHIP, "allocation", Decimal("1000"), ON, "county-1")
    ensure_fund(graph, TOWNSHIP)

    def pay(i: int) -> bool:
        entry = new_entry(TOWNSHIP, "payment", Decimal("90"), ON, f"officer-{i}", f"RL-{i}")
        try:
            graph.execute_write(lambda tx: post_in(tx, TOWNSHIP, entry))
        except Overdrawn:
            return False
        return True

    with ThreadPoolExecutor(max_workers=12) as pool:
        paid = list(pool.map(pay, range(12)))
    found = ledger(graph, TOWNSHIP)
    assert sum(paid) == 11
    assert found.balance == pytest.approx(10.0)
    assert [e.kind for e in found.entries].count("payment") == 11
