"""The application's status machine (RULES P1–P8): the table, each guard, each refusal."""

from collections import deque
from datetime import date, timedelta

import pytest

from procedure.errors import StepNotAllowed
from procedure.states import (
    FINAL,
    GUARDS,
    MOVES,
    OPEN,
    STATUSES,
    STEP_RULES,
    STEPS,
    Status,
    Step,
    StepFacts,
    allowed_steps,
    next_status,
    step_rules,
)
from procedure.timeline import RULE_ID

DAY = timedelta(days=1)
D = date(2026, 3, 2)
POSTED = date(2026, 3, 10)
LAST_DAY = date(2026, 3, 17)  # seven days after posting, a Tuesday
COUNTY: StepFacts = StepFacts(on=D, decider="county", deciding_level="county")


def walk(steps: list[tuple[Step, StepFacts]]) -> list[Status]:
    status: Status | None = None
    seen: list[Status] = []
    for step, facts in steps:
        status = next_status(status, step, facts)
        seen.append(status)
    return seen


# --- the table ---------------------------------------------------------------------------


def test_p1_the_table_names_only_known_statuses_and_steps() -> None:
    for (source, step), move in MOVES.items():
        assert source is None or source in STATUSES
        assert step in STEPS
        assert move.target in STATUSES
        assert move.rules
        assert all(RULE_ID.match(r) for r in move.rules)
    assert set(STEP_RULES) == STEPS
    assert set(GUARDS) <= set(MOVES)


def test_p1_a_closed_application_allows_no_step() -> None:
    assert {"not_accepted", "withdrawn", "granted", "refused"} == FINAL
    for status in FINAL:
        assert allowed_steps(status) == frozenset()


def test_p1_every_status_is_reachable_and_every_open_one_can_close() -> None:
    reached: set[Status | None] = {None}
    queue: deque[Status | None] = deque([None])
    while queue:
        source = queue.popleft()
        for (s, _), move in MOVES.items():
            if s == source and move.target not in reached:
                reached.add(move.target)
                queue.append(move.target)
    assert reached == {None, *STATUSES}
    for status in OPEN:
        assert "withdrawal" in allowed_steps(status)


# --- the way through ---------------------------------------------------------------------


def test_p1_a_grant_goes_through_publicity_and_transmission() -> None:
    assert walk(
        [
            ("application", StepFacts(on=D)),
            ("acceptance", StepFacts(on=D)),
            ("investigation", StepFacts(on=D, opinion="grant")),
            ("publicity", StepFacts(on=POSTED, opinion="grant")),
            ("transmission", StepFacts(on=LAST_DAY + DAY, publicity_last_day=LAST_DAY)),
            ("grant", COUNTY),
        ]
    ) == ["received", "accepted", "investigating", "publicity", "transmitted", "granted"]


def test_p6_a_refuse_opinion_skips_publicity() -> None:
    facts = StepFacts(on=D, opinion="refuse")
    assert next_status("investigating", "transmission", facts) == "transmitted"
    with pytest.raises(StepNotAllowed, match=r"\(P6\): the opinion is refuse") as refused:
        next_status("investigating", "publicity", facts)
    assert refused.value.status == "investigating"
    assert refused.value.rules == ("P6",)


def test_p6_a_grant_opinion_is_posted_before_transmission() -> None:
    with pytest.raises(StepNotAllowed, match="the opinion is grant"):
        next_status("investigating", "transmission", StepFacts(on=D, opinion="grant"))


def test_p6_an_objection_reopens_the_investigation_and_a_new_opinion_is_needed() -> None:
    facts = StepFacts(on=LAST_DAY, since=POSTED, publicity_last_day=LAST_DAY)
    assert next_status("publicity", "objection", facts) == "investigating"
    with pytest.raises(StepNotAllowed, match=r"\(P5\): the investigation has no opinion"):
        next_status("investigating", "publicity", StepFacts(on=LAST_DAY, opinion=None))
    with pytest.raises(StepNotAllowed, match=r"\(P5\)"):
        next_status("investigating", "transmission", StepFacts(on=LAST_DAY, opinion=None))
    # The new opinion is posted for a full period again.
    regrant = StepFacts(on=LAST_DAY + DAY, opinion="grant")
    assert next_status("investigating", "investigation", regrant) == "investigating"
    assert next_status("investigating", "publicity", regrant) == "publicity"


def test_p6_an_objection_after_the_period_is_refused() -> None:
    facts = StepFacts(on=LAST_DAY + DAY, publicity_last_day=LAST_DAY)
    with pytest.raises(StepNotAllowed, match="publicity period ended on 2026-03-17"):
        next_status("publicity", "objection", facts)


def test_p7_transmission_on_the_last_day_of_publicity_is_refused() -> None:
    with pytest.raises(StepNotAllowed, match=r"\(P7, P6\): the publicity period runs until"):
        next_status(
            "publicity", "transmission", StepFacts(on=LAST_DAY, publicity_last_day=LAST_DAY)
        )
    facts = StepFacts(on=LAST_DAY + DAY, publicity_last_day=LAST_DAY)
    assert next_status("publicity", "transmission", facts) == "transmitted"


def test_p7_a_decision_inside_the_publicity_period_is_refused_naming_the_status() -> None:
    with pytest.raises(StepNotAllowed) as refused:
        next_status("publicity", "grant", COUNTY)
    assert "while the status is publicity" in str(refused.value)
    assert refused.value.rules == ("P7", "P8")


def test_p7_a_township_does_not_decide_where_the_county_decides() -> None:
    facts = StepFacts(on=D, decider="township", deciding_level="county")
    with pytest.raises(StepNotAllowed, match=r"\(P7\): the county decides here, not the township"):
        next_status("transmitted", "grant", facts)
    with pytest.raises(StepNotAllowed, match="the county decides"):
        next_status("transmitted", "refusal", facts)


def test_p7_where_delegated_the_township_decides_and_the_county_does_not() -> None:
    delegated = StepFacts(on=D, decider="township", deciding_level="township")
    assert next_status("transmitted", "refusal", delegated) == "refused"
    with pytest.raises(StepNotAllowed, match="the township decides here"):
        next_status(
            "transmitted", "grant", StepFacts(on=D, decider="county", deciding_level="township")
        )


def test_p3_acceptance_lists_every_missing_item_at_once() -> None:
    missing = ("authorisation of 440103199001011234", "proxy_name")
    with pytest.raises(StepNotAllowed) as refused:
        next_status("received", "acceptance", StepFacts(on=D, missing=missing))
    assert refused.value.missing == missing
    assert refused.value.rules == ("P3", "P2")


def test_p3_a_refused_acceptance_closes_the_application() -> None:
    assert next_status("received", "non_acceptance", StepFacts(on=D)) == "not_accepted"
    with pytest.raises(StepNotAllowed, match="none, the application is closed"):
        next_status("not_accepted", "acceptance", StepFacts(on=D))


@pytest.mark.parametrize("status", sorted(OPEN))
def test_p1_every_open_status_may_be_withdrawn(status: Status) -> None:
    assert next_status(status, "withdrawal", StepFacts(on=D)) == "withdrawn"


@pytest.mark.parametrize("status", sorted(FINAL))
def test_p1_a_closed_application_cannot_be_withdrawn(status: Status) -> None:
    with pytest.raises(StepNotAllowed, match=f"while the status is {status}"):
        next_status(status, "withdrawal", StepFacts(on=D))


def test_p1_only_an_application_starts_one() -> None:
    with pytest.raises(StepNotAllowed, match="before any application"):
        next_status(None, "acceptance", StepFacts(on=D))
    with pytest.raises(StepNotAllowed, match="allowed steps: acceptance"):
        next_status("received", "application", StepFacts(on=D))


def test_p1_a_step_dated_before_the_current_status_is_out_of_order() -> None:
    with pytest.raises(StepNotAllowed, match=r"\(P1\): dated 2026-03-01, before 2026-03-02"):
        next_status("received", "acceptance", StepFacts(on=D - DAY, since=D))
    assert next_status("received", "acceptance", StepFacts(on=D, since=D)) == "accepted"


def test_p2_an_authorisation_keeps_the_status_and_may_predate_it() -> None:
    signed_before = StepFacts(on=D - DAY * 3, since=D)
    for status in ("received", "accepted", "investigating"):
        assert next_status(status, "authorisation", signed_before) == status
    with pytest.raises(StepNotAllowed, match=r"\(P2\)"):
        next_status("publicity", "authorisation", StepFacts(on=D))


def test_p7_a_guard_without_its_facts_is_a_caller_bug_not_a_409() -> None:
    with pytest.raises(ValueError, match=r"StepFacts\.publicity_last_day"):
        next_status("publicity", "transmission", StepFacts(on=D))
    with pytest.raises(ValueError, match=r"StepFacts\.decider"):
        next_status("transmitted", "grant", StepFacts(on=D))


def test_p12_step_rules_are_the_moves_or_the_steps_own() -> None:
    assert step_rules("publicity", "transmission") == ("P7", "P6")
    assert step_rules(None, "application") == ("P1", "W5")
    assert step_rules("granted", "withdrawal") == ("P1",)  # no move: the step's own rules
