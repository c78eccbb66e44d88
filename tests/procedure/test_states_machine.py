"""Random step sequences through `next_status` (RULES P1–P8, P12): no forbidden status is ever
reached, a refused step changes nothing, and the timeline only grows."""

from datetime import date, timedelta

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from procedure.errors import StepNotAllowed
from procedure.states import (
    FINAL,
    OPEN,
    STATUSES,
    STEPS,
    Opinion,
    Status,
    Step,
    StepFacts,
    next_status,
    step_rules,
)
from procedure.timeline import Timeline, TimelineStep

DAY = timedelta(days=1)
# P1 as RULES draws it (plus P2's authorisation and P5's second visit, which keep the status),
# typed out here and not read from MOVES: the oracle must not be the table it checks.
EDGES: frozenset[tuple[Status | None, Status]] = frozenset(
    {
        (None, "received"),
        ("received", "received"),
        ("received", "accepted"),
        ("received", "not_accepted"),
        ("accepted", "accepted"),
        ("accepted", "investigating"),
        ("investigating", "investigating"),
        ("investigating", "publicity"),
        ("investigating", "transmitted"),
        ("publicity", "investigating"),
        ("publicity", "transmitted"),
        ("transmitted", "granted"),
        ("transmitted", "refused"),
        *(
            (s, "withdrawn")
            for s in ("received", "accepted", "investigating", "publicity", "transmitted")
        ),
    }
)
LEVELS = st.sampled_from(["county", "township"])
# The steps that move an application on are drawn four times as often as the others, so that
# random runs get as far as a decision instead of stopping at the first withdrawal.
FORWARD = [
    "acceptance",
    "investigation",
    "publicity",
    "objection",
    "transmission",
    "grant",
    "refusal",
]
STEP_DRAWS = st.sampled_from(FORWARD * 3 + sorted(STEPS))


class ApplicationMachine(RuleBasedStateMachine):
    """One application driven by random steps with random facts, as an officer might try."""

    def __init__(self) -> None:
        super().__init__()
        self.status: Status | None = None
        self.opinion: Opinion | None = None
        self.last_day: date | None = None
        self.since = date(2026, 1, 5)
        self.timeline = Timeline()
        self.previous = self.timeline

    @rule(
        step=STEP_DRAWS,
        offset=st.integers(-2, 12),
        opinion=st.sampled_from(["grant", "refuse"]),
        missing=st.one_of(
            st.just([]), st.lists(st.sampled_from(["P2 member", "proxy_name"]), max_size=2)
        ),
        decider=LEVELS,
        level=LEVELS,
    )
    def take(
        self,
        step: Step,
        offset: int,
        opinion: Opinion,
        missing: list[str],
        decider: str,
        level: str,
    ) -> None:
        on = self.since + DAY * offset
        facts = StepFacts(
            on=on,
            since=None if self.status is None else self.since,
            opinion=opinion if step == "investigation" else self.opinion,
            missing=tuple(missing),
            publicity_last_day=self.last_day,
            decider=decider,  # type: ignore[arg-type]
            deciding_level=level,  # type: ignore[arg-type]
        )
        before = self.status
        try:
            after = next_status(before, step, facts)
        except StepNotAllowed as refused:
            self.check_refused(refused, before, step, on)
            return
        self.check_allowed(before, after, step, facts)
        event(f"reached {after}")
        self.record(step, after, facts)

    def check_refused(
        self, refused: StepNotAllowed, before: Status | None, step: Step, on: date
    ) -> None:
        """A refusal names the status the application is in, and never refuses a withdrawal
        of an open application dated in order (P1)."""
        assert refused.status == before
        assert not (step == "withdrawal" and before in OPEN and on >= self.since)

    def check_allowed(
        self, before: Status | None, after: Status, step: Step, facts: StepFacts
    ) -> None:
        assert (before, after) in EDGES
        if step != "authorisation" and before is not None:
            assert facts.on >= self.since  # P1: never out of order
        if (before, after) == ("received", "accepted"):
            assert not facts.missing  # P3: complete, P2 covered
        if after == "publicity":
            assert self.opinion == "grant"  # P6: only a grant opinion is posted
        if (before, after) == ("investigating", "transmitted"):
            assert self.opinion == "refuse"  # P6: a refuse opinion goes straight to P7
        if (before, after) == ("publicity", "transmitted"):
            assert self.last_day is not None
            assert facts.on > self.last_day
        if (before, after) == ("publicity", "investigating"):
            assert self.last_day is not None
            assert facts.on <= self.last_day
        if after in ("granted", "refused"):
            assert facts.decider == facts.deciding_level  # P7

    def record(self, step: Step, after: Status, facts: StepFacts) -> None:
        if step == "investigation":
            self.opinion = facts.opinion
        elif step == "objection":
            self.opinion = None  # reopened: a new opinion is needed (P6)
        elif step == "publicity":
            self.last_day = facts.on + DAY * 7
        if step != "authorisation":
            self.since = facts.on
        self.status = after
        self.append(step, facts.on, after)

    def append(self, step: str, on: date, produced: str, corrects: str | None = None) -> None:
        entry = TimelineStep(
            step_id=f"s{len(self.timeline.steps) + 1}",
            step=step,
            on=on,
            by="officer-1",
            role="township",
            rules=step_rules(None, "application") if step == "application" else ("P12",),
            produced=produced,
            corrects=corrects,
        )
        self.previous, self.timeline = self.timeline, self.timeline.append(entry)

    @initialize(offset=st.integers(0, 3))
    def file(self, offset: int) -> None:
        """P1: every application starts with its filing, from no status."""
        self.take("application", offset, "grant", [], "county", "county")

    @rule(data=st.data())
    def correct(self, data: st.DataObject) -> None:
        """P12: a correction is a new step naming an earlier one; the status does not move."""
        target = data.draw(st.sampled_from(self.timeline.steps))
        assert self.status is not None
        self.append(target.step, self.since, self.status, corrects=target.step_id)

    @invariant()
    def status_is_known(self) -> None:
        assert self.status is None or self.status in STATUSES
        assert self.timeline.status == self.status

    @invariant()
    def timeline_only_grows(self) -> None:
        assert self.timeline.extends(self.previous)
        assert len(self.timeline.steps) - len(self.previous.steps) in (0, 1)
        assert all(self.timeline.find(s.step_id) == s for s in self.previous.steps)

    @invariant()
    def a_closed_application_stays_closed(self) -> None:
        produced = [s.produced for s in self.timeline.steps]
        closed = [i for i, p in enumerate(produced) if p in FINAL]
        if closed:
            assert set(produced[closed[0] :]) == {produced[closed[0]]}


ApplicationMachine.TestCase.settings = settings(
    max_examples=200, stateful_step_count=40, suppress_health_check=[HealthCheck.too_slow]
)
test_p1_p12_random_steps_reach_no_forbidden_status = ApplicationMachine.TestCase
