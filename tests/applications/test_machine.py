"""Random step sequences on one application, through `applications.record_step` against the
real Neo4j (RULES P1–P8, P12): no case reaches a status its rules forbid, a refused step
changes nothing, the timeline only grows, and `due_on` is what a plain count of working days
says. `HHGRAPH_PROPERTY_EXAMPLES` sets the number of runs (default 8: each loads a family)."""

import os
from dataclasses import dataclass, field
from datetime import date, timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from applications import (
    Acceptance,
    Actor,
    Authorisation,
    Case,
    Command,
    Decision,
    Intake,
    Investigation,
    Objection,
    Posting,
    Transmission,
    Withdrawal,
    file_application,
    get_case,
    record_step,
)
from core.errors import InvalidField
from graph.db import Graph
from procedure.errors import StepNotAllowed
from procedure.policy import default_policy
from procedure.states import Opinion
from procedure.timeline import Timeline
from scoring.workdays import Calendar
from tests.applications.family import (
    COUNTY_OFFICER,
    HOUSEHOLD,
    TOWNSHIP_OFFICER,
    Couple,
    load_couple,
)
from tests.procedure.test_states_machine import EDGES

POLICY = default_policy()
CALENDAR = Calendar.from_entries({})  # no feed entries: the package, then Monday–Friday
DAY = timedelta(days=1)
START = date(2026, 3, 2)
GAPS = st.integers(min_value=-1, max_value=9)  # days after the last step; -1: out of order


def plain_due(start: date, working_days: int) -> date:
    """The `working_days`-th working day after `start`, counted one day at a time (W4)."""
    day, counted = start, 0
    while counted < working_days:
        day += DAY
        counted += CALENDAR.is_workday(day)
    return day


@dataclass
class Model:
    """What the machine knows of the case, kept by the machine itself (the oracle)."""

    accepted_on: date | None = None
    investigation_from: date | None = None
    opinion: str | None = None
    opinion_on: date | None = None
    last_day: date | None = None
    transmitted_on: date | None = None
    seen: list[str] = field(default_factory=list)

    def due_on(self, status: str) -> date | None:
        """P5, P7: the earliest running deadline, counted plainly."""
        if self.accepted_on is None or status not in {
            "accepted",
            "investigating",
            "publicity",
            "transmitted",
        }:
            return None
        found = [plain_due(self.accepted_on, POLICY.total_days)]
        if status == "accepted" or (status == "investigating" and self.opinion is None):
            assert self.investigation_from is not None
            found.append(plain_due(self.investigation_from, POLICY.investigation_days))
        elif status == "investigating" and self.opinion == "refuse":
            assert self.opinion_on is not None
            found.append(plain_due(self.opinion_on, POLICY.transmit_days))
        elif status == "publicity":
            assert self.last_day is not None
            found.append(plain_due(self.last_day, POLICY.transmit_days))
        elif status == "transmitted":
            assert self.transmitted_on is not None
            found.append(plain_due(self.transmitted_on, POLICY.decision_days_dibao))
        return min(found)


class CaseMachine(RuleBasedStateMachine):
    graph: Graph  # set by the test, with the couple loaded once
    couple: Couple

    @initialize()
    def file(self) -> None:
        intake = Intake("dibao", HOUSEHOLD, self.couple.head, "window", START)
        self.case = file_application(self.graph, TOWNSHIP_OFFICER, intake, POLICY)
        self.timeline: Timeline = self.case.timeline()
        self.day = START
        self.model = Model()

    def _try(self, command: Command, actor: Actor = TOWNSHIP_OFFICER) -> Case | None:
        before = self.case
        try:
            after = record_step(self.graph, actor, before.application_id, command, POLICY)
        except (StepNotAllowed, InvalidField):
            again = get_case(self.graph, "44", before.application_id)
            assert again.steps == before.steps  # a refused step changes nothing
            assert again.status == before.status
            return None
        assert (before.status, after.status) in EDGES, (before.status, command.STEP, after.status)
        assert after.steps[: len(before.steps)] == before.steps  # the timeline only grows
        self.case = after
        self.model.seen.append(command.STEP)
        return after

    def _on(self, gap: int) -> date:
        return self.day + DAY * gap

    def _moved(self, on: date) -> None:
        self.day = max(self.day, on)

    @rule(gap=GAPS, everyone=st.booleans())
    def authorise(self, gap: int, everyone: bool) -> None:
        persons = (self.couple.head, self.couple.wife) if everyone else (self.couple.head,)
        on = self._on(gap)
        if self._try(Authorisation(self.couple.head, persons, "paper", on)):
            self._moved(on)

    @rule(gap=GAPS, accept=st.booleans())
    def accept(self, gap: int, accept: bool) -> None:
        on = self._on(gap)
        if self._try(Acceptance(on, accept, None if accept else "材料不实")) and accept:
            self.model.accepted_on = self.model.investigation_from = on
            self._moved(on)

    @rule(gap=GAPS, opinion=st.sampled_from(["grant", "refuse"]))
    def investigate(self, gap: int, opinion: Opinion) -> None:
        on = self._on(gap)
        reason = "有赡养人" if opinion == "refuse" else None
        visit = Investigation(
            on, self.couple.investigators, self.couple.head, "入户", opinion, reason
        )
        if self._try(visit):
            self.model.opinion, self.model.opinion_on = opinion, on
            self._moved(on)

    @rule(gap=GAPS)
    def post(self, gap: int) -> None:
        on = self._on(gap)
        if after := self._try(Posting(on)):
            self.model.last_day = after.application["publicity_last_day"]
            self._moved(on)

    @rule(gap=GAPS)
    def object_to(self, gap: int) -> None:
        on = self._on(gap)
        if self._try(Objection(on, "邻居异议")):
            self.model.opinion = None
            self.model.investigation_from = on
            self._moved(on)

    @rule(gap=GAPS)
    def transmit(self, gap: int) -> None:
        on = self._on(gap)
        if self._try(Transmission(on)):
            self.model.transmitted_on = on
            self._moved(on)

    @rule(gap=GAPS, grant=st.booleans(), county=st.booleans())
    def decide(self, gap: int, grant: bool, county: bool) -> None:
        actor = COUNTY_OFFICER if county else TOWNSHIP_OFFICER
        on = self._on(gap)
        if self._try(Decision(on, grant, None if grant else "不符合条件"), actor):
            assert county  # P7: the county decides where nothing is delegated
            self._moved(on)

    @rule(gap=GAPS)
    def withdraw(self, gap: int) -> None:
        on = self._on(gap)
        if self._try(Withdrawal(on, "不再申请")):
            self._moved(on)

    @invariant()
    def timeline_extends_the_last_one(self) -> None:
        timeline = self.case.timeline()
        assert timeline.extends(self.timeline)
        self.timeline = timeline

    @invariant()
    def due_on_is_a_plain_count(self) -> None:
        assert self.case.application["due_on"] == self.model.due_on(self.case.status)

    @invariant()
    def a_grant_has_its_enrolment(self) -> None:
        if self.case.status == "granted":
            assert self.case.application["monthly_amount"] == 3000
            assert "investigation" in self.model.seen
            assert "acceptance" in self.model.seen


def test_p1_p8_random_step_sequences(graph: Graph) -> None:
    CaseMachine.graph = graph
    CaseMachine.couple = load_couple(graph)  # each run files a new application of its own
    examples = int(os.environ.get("HHGRAPH_PROPERTY_EXAMPLES", "12"))
    run_state_machine_as_test(
        CaseMachine,
        settings=settings(
            max_examples=examples,
            stateful_step_count=14,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
