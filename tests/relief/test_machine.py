"""Random step sequences on one relief case, through `relief.record_step` against the real
Neo4j (RULES R2–R4, R7, P12): no case moves along an edge its track forbids, a refused step
changes nothing (nor the fund), an advance stays within its cap and is the one fund payment of
its case, a grant is never below the advance, a grant above the township's cap is the
county's, and the timeline only grows. `HHGRAPH_PROPERTY_EXAMPLES` sets the number of runs."""

import os
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from core.errors import InvalidField
from funds import ledger
from graph.db import Graph
from procedure.errors import StepNotAllowed
from procedure.policy import default_policy
from relief import (
    Advance,
    Command,
    Decision,
    FollowOn,
    Paperwork,
    Relief,
    file_relief,
    get_relief,
    record_step,
)
from relief.plan import MOVES
from tests.relief.fixtures import (
    COUNTY_OFFICER,
    TOWNSHIP,
    TOWNSHIP_OFFICER,
    Couple,
    filing,
    fund,
    load_couple,
)

POLICY = default_policy()
DAY = timedelta(days=1)
START = date(2026, 3, 2)
GAPS = st.integers(min_value=-1, max_value=6)  # days after the last step; -1: out of order
AMOUNTS = st.sampled_from(["500", "2999.99", "3000", "3000.01", "6000", "6000.01", "9000.5"])
EDGES = {(source, target) for (source, _), targets in MOVES.items() for target in targets}


class ReliefMachine(RuleBasedStateMachine):
    graph: Graph  # set by the test, with the couple loaded and the fund allocated once
    couple: Couple
    runs = 0

    @initialize(track=st.sampled_from(["emergency", "expenditure"]))
    def file(self, track: str) -> None:
        # A new year for every run: R4 allows one case of a cause per subject and year.
        ReliefMachine.runs += 1
        self.day = START.replace(year=START.year + ReliefMachine.runs)
        body = filing(track=track, occurred_on=self.day, requested_amount=Decimal("8000"))
        self.case = file_relief(self.graph, TOWNSHIP_OFFICER, body, POLICY)
        self.payments = self._payments()

    def _payments(self) -> list[float]:
        return [
            e.amount
            for e in ledger(self.graph, TOWNSHIP).entries
            if e.kind == "payment" and e.relief_id == self.case.relief_id
        ]

    def _try(self, command: Command, county: bool = False) -> Relief | None:
        before = self.case
        actor = COUNTY_OFFICER if county else TOWNSHIP_OFFICER
        try:
            after = record_step(self.graph, actor, before.relief_id, command, POLICY)
        except (StepNotAllowed, InvalidField):
            again = get_relief(self.graph, "44", before.relief_id)
            assert again.steps == before.steps  # a refused step changes nothing
            assert again.relief == before.relief
            assert self._payments() == self.payments
            return None
        edge = (before.relief["status"], after.relief["status"])
        assert edge in EDGES, (edge, command.STEP)
        assert after.steps[: len(before.steps)] == before.steps  # the timeline only grows
        self.case = after
        self.day = max(self.day, command.on)
        self.payments = self._payments()
        return after

    @rule(gap=GAPS, amount=AMOUNTS)
    def advance(self, gap: int, amount: str) -> None:
        self._try(Advance(self.day + DAY * gap, Decimal(amount)))

    @rule(gap=GAPS, pair=st.booleans())
    def paperwork(self, gap: int, pair: bool) -> None:
        investigators = self.couple.investigators if pair else self.couple.investigators[:1]
        self._try(Paperwork(self.day + DAY * gap, investigators, "入户核实"))

    @rule(gap=GAPS, grant=st.booleans(), amount=AMOUNTS, county=st.booleans())
    def decide(self, gap: int, grant: bool, amount: str, county: bool) -> None:
        reason = None if grant else "不符合条件"
        cmd = Decision(self.day + DAY * gap, grant, Decimal(amount) if grant else None, 1, reason)
        self._try(cmd, county)

    @rule(gap=GAPS, reason=st.booleans())
    def follow_on(self, gap: int, reason: bool) -> None:
        self._try(FollowOn(self.day + DAY * gap, "none", None, "已有亲属照料" if reason else None))

    @invariant()
    def the_advance_is_its_one_payment_within_the_cap(self) -> None:
        r = self.case.relief
        paid = r.get("paid_amount") or 0.0
        assert paid <= r["advance_cap"]  # R3
        assert self.payments == ([paid] if paid else [])  # R3, R5: one payment, the advance
        assert paid == 0 or r["track"] == "emergency"

    @invariant()
    def a_grant_is_the_total_and_its_level_decides(self) -> None:
        r = self.case.relief
        if r.get("decided_amount") and r["status"] in ("granted", "closed"):
            assert r["decided_amount"] >= (r.get("paid_amount") or 0)  # R3
            assert r["decided_amount"] <= r["case_cap"]  # R4: no conference here
            if r["decided_amount"] > float(POLICY.township_relief_cap):
                assert r["decided_by"] == "county"  # R2, R4


def test_r2_r3_r4_r7_random_step_sequences(graph: Graph) -> None:
    ReliefMachine.graph = graph
    ReliefMachine.couple = load_couple(graph)
    ReliefMachine.runs = 0
    fund(graph, "1000000")
    examples = int(os.environ.get("HHGRAPH_PROPERTY_EXAMPLES", "8"))
    run_state_machine_as_test(
        ReliefMachine,
        settings=settings(
            max_examples=examples,
            stateful_step_count=10,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
