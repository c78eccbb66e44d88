"""Temporary relief (R1–R4, R7) against the real Neo4j, each test failing when its rule
breaks: filed where the emergency happened, the two tracks, advance relief paid from the fund
in the step's own transaction, the caps and the once-a-year cause lifted only by a signed
conference, the follow-on after the household's screening."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

import pytest

from applications import Intake, file_application
from core.errors import InvalidField, NotFound
from funds import Overdrawn, ledger
from graph.db import Graph
from procedure.errors import StepNotAllowed
from procedure.policy import default_policy
from referrals import ReferralIn, send
from relief import (
    Advance,
    Decision,
    Filters,
    FollowOn,
    Paperwork,
    file_relief,
    get_relief,
    list_relief,
    record_step,
)
from tests.relief.fixtures import (
    COUNTY_OFFICER,
    HOUSEHOLD,
    OCCURRED,
    OTHER_HOUSEHOLD,
    OTHER_TOWNSHIP,
    TOWNSHIP,
    TOWNSHIP_OFFICER,
    Couple,
    conference,
    filing,
    fund,
    load_couple,
)

POLICY = default_policy()


@pytest.fixture
def couple(graph: Graph) -> Couple:
    return load_couple(graph)


def paperwork(couple: Couple, on: date) -> Paperwork:
    return Paperwork(on, couple.investigators, "火灾烧毁住房，入户核实")


def test_r1_filed_by_the_township_of_the_emergency_for_a_subject_anywhere(
    graph: Graph, couple: Couple
) -> None:
    # The neighbour lives in 深圳; the fire happened in 沙面 (广州): 沙面 files.
    case = file_relief(
        graph, TOWNSHIP_OFFICER, filing(person_id=couple.neighbour, household_id=None), POLICY
    )
    r = case.relief
    assert (r["township_code"], r["household_id"], r["person_id"]) == (
        TOWNSHIP, OTHER_HOUSEHOLD, couple.neighbour,
    )  # fmt: skip
    assert case.name == "李四"  # R1: the filing township sees the person its case names
    with pytest.raises(NotFound):  # another township's officer: as if absent
        get_relief(graph, OTHER_TOWNSHIP.region_prefix, case.relief_id)
    with pytest.raises(NotFound):  # a township files only for itself
        file_relief(graph, OTHER_TOWNSHIP, filing(), POLICY)


def test_r2_expenditure_relief_is_posted_before_its_decision(graph: Graph, couple: Couple) -> None:
    case = file_relief(
        graph, TOWNSHIP_OFFICER, filing(track="expenditure", cause="illness"), POLICY
    )
    assert case.relief["due_step"] == "paperwork"  # P5: investigation_days after filing
    with pytest.raises(StepNotAllowed) as refused:  # no advance on the expenditure track
        record_step(
            graph, TOWNSHIP_OFFICER, case.relief_id, Advance(OCCURRED, Decimal("100")), POLICY
        )
    assert refused.value.rules == ("R3",)
    posted = record_step(
        graph, TOWNSHIP_OFFICER, case.relief_id, paperwork(couple, date(2026, 3, 3)), POLICY
    )
    # Posted Tue 3 March for 3 days: the last day is Fri 6 March.
    assert (posted.relief["status"], posted.relief["publicity_last_day"]) == (
        "publicity",
        date(2026, 3, 6),
    )
    early = Decision(date(2026, 3, 6), True, Decimal("2000"))
    with pytest.raises(StepNotAllowed) as refused:
        record_step(graph, TOWNSHIP_OFFICER, case.relief_id, early, POLICY)
    assert refused.value.rules == ("R2", "P6")
    decided = record_step(
        graph,
        TOWNSHIP_OFFICER,
        case.relief_id,
        Decision(date(2026, 3, 9), True, Decimal("2000")),
        POLICY,
    )
    assert (decided.relief["status"], decided.relief["decided_amount"]) == ("granted", 2000.0)


def test_r2_r4_above_the_township_cap_the_county_decides(graph: Graph, couple: Couple) -> None:
    case = file_relief(graph, TOWNSHIP_OFFICER, filing(requested_amount=Decimal("5000")), POLICY)
    record_step(
        graph, TOWNSHIP_OFFICER, case.relief_id, paperwork(couple, date(2026, 3, 3)), POLICY
    )
    above = Decision(date(2026, 3, 4), True, Decimal("3000.01"))
    with pytest.raises(StepNotAllowed) as refused:
        record_step(graph, TOWNSHIP_OFFICER, case.relief_id, above, POLICY)
    assert refused.value.rules == ("R4", "R2")
    decided = record_step(graph, COUNTY_OFFICER, case.relief_id, above, POLICY)
    assert decided.relief["decided_by"] == "county"


def test_r3_the_advance_is_paid_from_the_fund_within_its_cap(graph: Graph, couple: Couple) -> None:
    fund(graph)
    case = file_relief(graph, TOWNSHIP_OFFICER, filing(requested_amount=Decimal("8000")), POLICY)
    assert case.relief["advance_cap"] == 6000.0  # 2 months × 1500 × 2 persons
    with pytest.raises(StepNotAllowed) as refused:
        record_step(
            graph, TOWNSHIP_OFFICER, case.relief_id, Advance(OCCURRED, Decimal("6000.01")), POLICY
        )
    assert refused.value.rules == ("R3",)
    paid = record_step(
        graph, TOWNSHIP_OFFICER, case.relief_id, Advance(OCCURRED, Decimal("6000")), POLICY
    )
    # The paperwork is due 10 working days after Mon 2 March: Mon 16 March.
    assert (paid.relief["status"], paid.relief["due_on"], paid.relief["due_step"]) == (
        "advanced", date(2026, 3, 16), "paperwork",
    )  # fmt: skip
    entries = ledger(graph, TOWNSHIP).entries
    assert [(e.kind, e.amount, e.relief_id) for e in entries][-1] == (
        "payment",
        6000.0,
        case.relief_id,
    )
    assert ledger(graph, TOWNSHIP).balance == 14000.0


def test_r3_an_advance_that_would_overdraw_the_fund_writes_nothing(
    graph: Graph, couple: Couple
) -> None:
    fund(graph, "100")
    case = file_relief(graph, TOWNSHIP_OFFICER, filing(), POLICY)
    with pytest.raises(Overdrawn):
        record_step(
            graph, TOWNSHIP_OFFICER, case.relief_id, Advance(OCCURRED, Decimal("500")), POLICY
        )
    after = get_relief(graph, TOWNSHIP_OFFICER.region_prefix, case.relief_id)
    assert (after.relief["status"], len(after.steps), after.relief["version"]) == ("filed", 1, 1)
    assert len(ledger(graph, TOWNSHIP).entries) == 1  # the allocation alone


def test_r3_overdue_paperwork_is_listed(graph: Graph, couple: Couple) -> None:
    fund(graph)
    case = file_relief(graph, TOWNSHIP_OFFICER, filing(), POLICY)
    record_step(graph, TOWNSHIP_OFFICER, case.relief_id, Advance(OCCURRED, Decimal("1000")), POLICY)
    due = Filters(overdue_on=date(2026, 3, 16))
    assert list_relief(graph, "440103", due, None, 10) == []  # due on the 16th: not yet late
    late = list_relief(graph, "440103", Filters(overdue_on=date(2026, 3, 17)), None, 10)
    assert [r["relief_id"] for r in late] == [case.relief_id]


def test_r3_a_decision_is_the_total_with_the_advance(graph: Graph, couple: Couple) -> None:
    fund(graph)
    case = file_relief(graph, TOWNSHIP_OFFICER, filing(), POLICY)
    record_step(graph, TOWNSHIP_OFFICER, case.relief_id, Advance(OCCURRED, Decimal("1500")), POLICY)
    record_step(
        graph, TOWNSHIP_OFFICER, case.relief_id, paperwork(couple, date(2026, 3, 3)), POLICY
    )
    with pytest.raises(StepNotAllowed) as refused:
        record_step(
            graph,
            TOWNSHIP_OFFICER,
            case.relief_id,
            Decision(date(2026, 3, 4), True, Decimal("1000")),
            POLICY,
        )
    assert refused.value.rules == ("R3",)
    decided = record_step(
        graph,
        TOWNSHIP_OFFICER,
        case.relief_id,
        Decision(date(2026, 3, 4), True, Decimal("2500")),
        POLICY,
    )
    assert decided.relief["decided_amount"] == 2500.0
    assert decided.relief["paid_amount"] == 1500.0


def test_r4_one_cause_once_per_subject_and_year(graph: Graph, couple: Couple) -> None:
    file_relief(graph, TOWNSHIP_OFFICER, filing(), POLICY)
    with pytest.raises(StepNotAllowed) as refused:
        file_relief(graph, TOWNSHIP_OFFICER, filing(occurred_on=date(2026, 11, 2)), POLICY)
    assert refused.value.rules == ("R4",)
    file_relief(graph, TOWNSHIP_OFFICER, filing(cause="accident"), POLICY)  # another cause
    file_relief(graph, TOWNSHIP_OFFICER, filing(occurred_on=date(2027, 1, 4)), POLICY)  # next year
    conference(graph, "CF-DRAFT", status="draft", household_id=HOUSEHOLD)
    conference(graph, "CF-ELSEWHERE", county_code="440304000000", household_id=HOUSEHOLD)
    conference(graph, "CF-OTHER", household_id=OTHER_HOUSEHOLD)
    conference(graph, "CF-OK", household_id=HOUSEHOLD)
    for unfit in ("CF-DRAFT", "CF-ELSEWHERE", "CF-OTHER"):
        with pytest.raises(StepNotAllowed):
            file_relief(graph, TOWNSHIP_OFFICER, filing(conference_id=unfit), POLICY)
    with pytest.raises(InvalidField):
        file_relief(graph, TOWNSHIP_OFFICER, filing(conference_id="CF-NONE"), POLICY)
    again = file_relief(graph, TOWNSHIP_OFFICER, filing(conference_id="CF-OK"), POLICY)
    assert again.relief["repeated_cause"] is True


def test_r4_above_the_case_cap_only_through_a_conference(graph: Graph, couple: Couple) -> None:
    with pytest.raises(StepNotAllowed) as refused:
        file_relief(graph, TOWNSHIP_OFFICER, filing(requested_amount=Decimal("9000.01")), POLICY)
    assert refused.value.rules == ("R4",)
    conference(graph, "CF-SMALL", amount=9500.0, household_id=HOUSEHOLD)
    case = file_relief(
        graph,
        TOWNSHIP_OFFICER,
        filing(requested_amount=Decimal("9400"), conference_id="CF-SMALL"),
        POLICY,
    )
    record_step(
        graph, TOWNSHIP_OFFICER, case.relief_id, paperwork(couple, date(2026, 3, 3)), POLICY
    )
    big = Decision(date(2026, 3, 4), True, Decimal("11000"))
    with pytest.raises(StepNotAllowed) as refused:  # the cited conference covers 9500 only
        record_step(graph, COUNTY_OFFICER, case.relief_id, big, POLICY)
    assert refused.value.rules == ("R4", "R6")
    conference(graph, "CF-CASE", amount=11000.0, relief_id=case.relief_id)
    decided = record_step(graph, COUNTY_OFFICER, case.relief_id, big, POLICY)
    assert decided.relief["decided_amount"] == 11000.0


def test_r7_one_follow_on_after_the_screening(graph: Graph, couple: Couple) -> None:
    case = file_relief(graph, TOWNSHIP_OFFICER, filing(), POLICY)
    record_step(
        graph, TOWNSHIP_OFFICER, case.relief_id, paperwork(couple, date(2026, 3, 3)), POLICY
    )
    decided = record_step(
        graph,
        TOWNSHIP_OFFICER,
        case.relief_id,
        Decision(date(2026, 3, 4), True, Decimal("2000")),
        POLICY,
    )
    assert (decided.relief["due_step"], decided.relief["due_on"]) == ("follow_on", date(2026, 3, 4))
    with pytest.raises(InvalidField) as bad:
        record_step(
            graph, TOWNSHIP_OFFICER, case.relief_id, FollowOn(date(2026, 3, 5), "none"), POLICY
        )
    assert bad.value.field == "reason"
    with pytest.raises(InvalidField) as bad:
        record_step(
            graph,
            TOWNSHIP_OFFICER,
            case.relief_id,
            FollowOn(date(2026, 3, 5), "application", "AP-NONE"),
            POLICY,
        )
    assert bad.value.field == "ref_id"
    intake = Intake("dibao", HOUSEHOLD, couple.head, "window", date(2026, 3, 5))
    application = file_application(graph, TOWNSHIP_OFFICER, intake, POLICY)
    done = record_step(
        graph,
        TOWNSHIP_OFFICER,
        case.relief_id,
        FollowOn(date(2026, 3, 5), "application", application.application_id),
        POLICY,
    )
    assert (done.relief["status"], done.relief.get("due_on")) == ("closed", None)
    screening = __import__("json").loads(done.steps[-1]["data"])["screening"]
    # The couple has no income at a 1500 standard: dibao-eligible (E3); both over 60 with an
    # able son, so not destitute (T1).
    assert (screening["dibao"], screening["tekun"]) == (True, [])
    with pytest.raises(StepNotAllowed):  # exactly one follow-on
        record_step(
            graph,
            TOWNSHIP_OFFICER,
            case.relief_id,
            FollowOn(date(2026, 3, 6), "none", reason="已转低保"),
            POLICY,
        )


def test_r7_a_referral_of_the_household_is_a_follow_on(graph: Graph, couple: Couple) -> None:
    case = file_relief(graph, TOWNSHIP_OFFICER, filing(), POLICY)
    record_step(
        graph, TOWNSHIP_OFFICER, case.relief_id, paperwork(couple, date(2026, 3, 3)), POLICY
    )
    record_step(
        graph,
        TOWNSHIP_OFFICER,
        case.relief_id,
        Decision(date(2026, 3, 4), False, reason="已获保险赔付"),
        POLICY,
    )
    sent = send(
        graph,
        TOWNSHIP_OFFICER,
        ReferralIn(case.relief_id, "housing", "住房修缮", date(2026, 3, 5), household_id=HOUSEHOLD),
        POLICY,
    )
    assert sent.referral["source_kind"] == "relief"
    done = record_step(
        graph,
        TOWNSHIP_OFFICER,
        case.relief_id,
        FollowOn(date(2026, 3, 5), "referral", sent.referral_id),
        POLICY,
    )
    assert done.relief["follow_on_ref"] == sent.referral_id


def test_r3_r5_parallel_advances_never_overdraw_and_fail_whole(
    graph: Graph, couple: Couple
) -> None:
    """1000 yuan, 12 advances of 100 at once on 12 cases: exactly 10 are paid; each refused
    case stays filed with no step and no payment (the step and its payment are one)."""
    fund(graph, "1000")
    subjects = [couple.head, couple.wife, couple.son, couple.neighbour]
    causes = ("accident", "fire", "disaster")
    cases = [
        file_relief(
            graph, TOWNSHIP_OFFICER, filing(household_id=None, person_id=p, cause=c), POLICY
        )
        for p in subjects
        for c in causes
    ]

    def pay(relief_id: str) -> bool:
        try:
            record_step(
                graph, TOWNSHIP_OFFICER, relief_id, Advance(OCCURRED, Decimal("100")), POLICY
            )
        except Overdrawn:
            return False
        return True

    with ThreadPoolExecutor(max_workers=12) as pool:
        ids = [c.relief_id for c in cases]
        paid = dict(zip(ids, pool.map(pay, ids), strict=True))
    assert sum(paid.values()) == 10
    assert ledger(graph, TOWNSHIP).balance == 0
    for relief_id, ok in paid.items():
        after = get_relief(graph, TOWNSHIP_OFFICER.region_prefix, relief_id)
        assert (after.relief["status"], len(after.steps)) == (
            ("advanced", 2) if ok else ("filed", 1)
        )


def test_r1_the_facts_are_stripped_and_bounded_for_every_caller(
    graph: Graph, couple: Couple
) -> None:
    """The service itself strips and bounds the facts (事实经过), whoever calls it."""
    case = file_relief(graph, TOWNSHIP_OFFICER, filing(facts="\t厨房起火，两间房烧毁 "), POLICY)
    assert case.relief["facts"] == "厨房起火，两间房烧毁"
    with pytest.raises(InvalidField) as refused:
        file_relief(graph, TOWNSHIP_OFFICER, filing(cause="accident", facts="火" * 2001), POLICY)
    assert refused.value.field == "facts"
    assert [r["cause"] for r in list_relief(graph, TOWNSHIP, Filters(), None, 10)] == ["fire"]
