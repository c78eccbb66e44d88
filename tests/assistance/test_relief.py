"""Temporary relief, its standby-fund payments and case conferences in the assistance chain
(一户一条救助链) against the real Neo4j, through the workflow's own services: R1's filing
township (any township files; the chain is read where the household lives), R3 and R5's
payments, R6's conferences with their status on the as-of date, and R4's overlap (one cause
relieved twice for one subject in a calendar year with no signed conference lifting the
second). Each test is named by its rule and fails when that rule breaks."""

from datetime import date
from decimal import Decimal

import pytest

from assistance import assistance_chain
from assistance.chain import Item
from conferences import ConferenceIn, Task, convene, sign
from core.errors import NotFound
from cypher import query
from funds import ledger
from graph.db import Graph
from procedure.policy import default_policy
from relief import (
    Advance,
    Command,
    Decision,
    FollowOn,
    Paperwork,
    file_relief,
    get_relief,
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
    filing,
    fund,
    load_couple,
)

POLICY = default_policy()
GUANGZHOU = "440103"  # 荔湾区: the household H-APP-1 and the township 沙面 that files
SHENZHEN = OTHER_TOWNSHIP.region_prefix  # where the neighbour's household lives
RELIEF_CREATE = query("relief/create")


@pytest.fixture
def couple(graph: Graph) -> Couple:
    return load_couple(graph)


def of_kind(items: tuple[Item, ...], kind: str) -> list[Item]:
    return [i for i in items if i.kind == kind]


def kind_on(graph: Graph, kind: str, day: date) -> list[Item]:
    """The items of one kind in H-APP-1's chain on `day`, read by 广州's county."""
    return of_kind(assistance_chain(graph, GUANGZHOU, HOUSEHOLD, day).items, kind)


def test_r1_relief_filed_by_another_township_joins_the_chain_where_the_household_lives(
    graph: Graph, couple: Couple
) -> None:
    # A fire in 沙面 (广州) hurts the neighbour, who lives in 深圳: 沙面 files (R1).
    body = filing(person_id=couple.neighbour, household_id=None, cause="accident")
    case = file_relief(graph, TOWNSHIP_OFFICER, body, POLICY)
    found = assistance_chain(graph, SHENZHEN, OTHER_HOUSEHOLD, date(2026, 6, 1))
    (item,) = of_kind(found.items, "relief")
    assert (item.id, item.program, item.status, item.from_, item.person_id, item.detail) == (
        case.relief_id, "emergency", "filed", OCCURRED, couple.neighbour, "accident",
    )  # fmt: skip
    assert item.rules == ("R1", "R2")
    # The filing township sees its case and the person it names, never the household's page.
    assert get_relief(graph, TOWNSHIP_OFFICER.region_prefix, case.relief_id).name == "李四"
    with pytest.raises(NotFound):
        assistance_chain(graph, TOWNSHIP_OFFICER.region_prefix, OTHER_HOUSEHOLD, date(2026, 6, 1))
    # Nor does the filing township's own household carry the neighbour's case.
    assert kind_on(graph, "relief", date(2026, 6, 1)) == []


def test_r1_a_members_case_joins_only_while_a_member(graph: Graph, couple: Couple) -> None:
    case = file_relief(
        graph, TOWNSHIP_OFFICER, filing(person_id=couple.head, household_id=None), POLICY
    )
    (item,) = kind_on(graph, "relief", date(2026, 6, 1))
    assert (item.id, item.person_id) == (case.relief_id, couple.head)
    # Not before it was filed (the chain as it then was).
    assert kind_on(graph, "relief", date(2026, 3, 1)) == []


def test_r3_r5_the_advance_paid_from_the_fund_is_a_relief_payment(
    graph: Graph, couple: Couple
) -> None:
    fund(graph)
    case = file_relief(graph, TOWNSHIP_OFFICER, filing(), POLICY)
    paid = date(2026, 3, 3)
    record_step(graph, TOWNSHIP_OFFICER, case.relief_id, Advance(paid, Decimal("1500")), POLICY)
    (entry,) = [e for e in ledger(graph, TOWNSHIP).entries if e.kind == "payment"]
    found = assistance_chain(graph, GUANGZHOU, HOUSEHOLD, date(2026, 3, 4))
    (relief,) = of_kind(found.items, "relief")
    (payment,) = of_kind(found.items, "relief_payment")
    assert (relief.status, relief.amount) == ("advanced", 1500.0)
    assert (payment.id, payment.from_, payment.amount, payment.status, payment.detail) == (
        entry.entry_id, paid, 1500.0, "paid", case.relief_id,
    )  # fmt: skip
    assert payment.rules == ("R3", "R5")
    # The day before the payment: the case is filed, nothing paid yet.
    before = assistance_chain(graph, GUANGZHOU, HOUSEHOLD, date(2026, 3, 2))
    assert of_kind(before.items, "relief_payment") == []
    assert [(i.status, i.amount) for i in of_kind(before.items, "relief")] == [("filed", 0.0)]
    # Procedure order on one day: the case, then its payment.
    assert [i.kind for i in found.items] == ["relief", "relief_payment"]


def test_r7_a_closed_case_ends_on_its_follow_on(graph: Graph, couple: Couple) -> None:
    case = file_relief(graph, TOWNSHIP_OFFICER, filing(), POLICY)
    steps: list[Command] = [
        Paperwork(date(2026, 3, 3), couple.investigators, "火灾烧毁住房，入户核实"),
        Decision(date(2026, 3, 4), True, Decimal("2000")),
        FollowOn(date(2026, 3, 5), "none", reason="已由子女照料"),
    ]
    for step in steps:
        record_step(graph, TOWNSHIP_OFFICER, case.relief_id, step, POLICY)
    (item,) = kind_on(graph, "relief", date(2026, 6, 1))
    assert (item.status, item.to) == ("closed", date(2026, 3, 5))
    (then,) = kind_on(graph, "relief", date(2026, 3, 4))
    assert (then.status, then.to) == ("granted", None)  # P12: the follow-on not yet seen


def conference_body(**changes: object) -> ConferenceIn:
    values: dict[str, object] = {
        "held_on": OCCURRED,
        "departments": ("housing", "medical_security"),
        "facts": "房屋失火，家中两位老人无收入",
        "decision": "一事一议：临时救助 12000 元",
        "amount": 12000.0,
        "tasks": (Task("housing", "危房改造"),),
        "household_id": HOUSEHOLD,
    }
    return ConferenceIn(**(values | changes))  # type: ignore[arg-type]


def test_r6_a_conference_joins_the_chain_a_draft_until_signed(graph: Graph, couple: Couple) -> None:
    held = convene(graph, COUNTY_OFFICER, conference_body())
    sign(graph, COUNTY_OFFICER, held.conference_id, date(2026, 3, 3), POLICY)
    found = assistance_chain(graph, GUANGZHOU, HOUSEHOLD, date(2026, 3, 5))
    (item,) = of_kind(found.items, "conference")
    assert (item.id, item.status, item.from_, item.to, item.amount) == (
        held.conference_id, "signed", OCCURRED, date(2026, 3, 3), 12000.0,
    )  # fmt: skip
    assert (item.rules, item.detail) == (("R6",), "一事一议：临时救助 12000 元")
    # Its task went out as a referral on the signature's day (P11), after it in the chain.
    kinds = [(i.kind, i.from_) for i in found.items]
    assert kinds == [("conference", OCCURRED), ("referral", date(2026, 3, 3))]
    draft = assistance_chain(graph, GUANGZHOU, HOUSEHOLD, OCCURRED)
    assert [(i.kind, i.status, i.to) for i in draft.items] == [("conference", "draft", None)]
    assert kind_on(graph, "conference", date(2026, 3, 1)) == []


def test_r6_a_conference_on_a_members_relief_case_joins_the_chain(
    graph: Graph, couple: Couple
) -> None:
    case = file_relief(
        graph, TOWNSHIP_OFFICER, filing(person_id=couple.wife, household_id=None), POLICY
    )
    body = conference_body(household_id=None, relief_id=case.relief_id, tasks=())
    held = convene(graph, COUNTY_OFFICER, body)
    (item,) = kind_on(graph, "conference", date(2026, 6, 1))
    assert (item.id, item.person_id, item.status) == (held.conference_id, couple.wife, "draft")


def _repeat_with_a_conference_signed_on(graph: Graph, signed_on: date) -> tuple[str, str]:
    """A fire relieved on 2026-03-02 and again on 2026-03-04 for H-APP-1, the second citing
    a conference of the county on the household signed (dated) on `signed_on`."""
    first = file_relief(graph, TOWNSHIP_OFFICER, filing(), POLICY)
    held = convene(graph, COUNTY_OFFICER, conference_body(tasks=()))
    sign(graph, COUNTY_OFFICER, held.conference_id, signed_on, POLICY)
    again = filing(occurred_on=date(2026, 3, 4), conference_id=held.conference_id)
    second = file_relief(graph, TOWNSHIP_OFFICER, again, POLICY)
    assert second.relief["repeated_cause"] is True
    return first.relief_id, second.relief_id


def test_r4_a_repeated_cause_is_an_overlap_until_its_conference_is_signed(
    graph: Graph, couple: Couple
) -> None:
    first, second = _repeat_with_a_conference_signed_on(graph, date(2026, 3, 10))
    found = assistance_chain(graph, GUANGZHOU, HOUSEHOLD, date(2026, 3, 5))
    (overlap,) = found.overlaps
    assert (overlap.rule, overlap.ids) == ("R4", (first, second))
    assert (overlap.from_, overlap.to) == (OCCURRED, date(2026, 3, 4))
    assert overlap.explanations[0].code == "overlap_r4_cause"
    assert overlap.reason.startswith(
        "R4: the cause fire was relieved twice for one subject in 2026"
    )
    assert set(overlap.ids) <= {i.id for i in found.items}
    # Signed on 2026-03-10: from then on the conference lifts the second case (R6).
    assert assistance_chain(graph, GUANGZHOU, HOUSEHOLD, date(2026, 3, 10)).overlaps == ()


def test_r4_a_signed_conference_lifts_the_repeat(graph: Graph, couple: Couple) -> None:
    _repeat_with_a_conference_signed_on(graph, date(2026, 3, 3))
    assert assistance_chain(graph, GUANGZHOU, HOUSEHOLD, date(2026, 6, 1)).overlaps == ()


def test_r4_two_filings_of_one_cause_at_the_same_moment_are_an_overlap(
    graph: Graph, couple: Couple
) -> None:
    """Two filings at the very same moment can both pass the filing's check (relief.service
    says why): the second is written as the racing filing wrote it, unflagged; the chain
    still names it, as it names any second case of the cause with no conference."""
    first = file_relief(graph, TOWNSHIP_OFFICER, filing(), POLICY).relief
    twin = dict(first) | {"relief_id": first["relief_id"] + "-twin", "version": None}
    twin = {k: v for k, v in twin.items() if v is not None and k != "created_at"}
    step = {"step_id": twin["relief_id"] + "-001", "seq": 1, "step": "filing", "on": OCCURRED,
            "by": "officer-2", "role": "township", "rules": ["R1", "R2", "R4"], "produced": "filed",
            "data": "{}"}  # fmt: skip
    params = {"person_id": None, "household_id": HOUSEHOLD, "relief": twin, "step": step}
    graph.one(RELIEF_CREATE, params, write=True)
    (overlap,) = assistance_chain(graph, GUANGZHOU, HOUSEHOLD, date(2026, 6, 1)).overlaps
    assert (overlap.rule, set(overlap.ids)) == ("R4", {first["relief_id"], twin["relief_id"]})


def test_r4_another_cause_or_another_year_is_no_overlap(graph: Graph, couple: Couple) -> None:
    file_relief(graph, TOWNSHIP_OFFICER, filing(), POLICY)
    file_relief(graph, TOWNSHIP_OFFICER, filing(cause="accident"), POLICY)
    file_relief(graph, TOWNSHIP_OFFICER, filing(occurred_on=date(2027, 1, 4)), POLICY)
    file_relief(graph, TOWNSHIP_OFFICER, filing(person_id=couple.head, household_id=None), POLICY)
    found = assistance_chain(graph, GUANGZHOU, HOUSEHOLD, date(2027, 2, 1))
    assert len(of_kind(found.items, "relief")) == 4
    assert found.overlaps == ()
