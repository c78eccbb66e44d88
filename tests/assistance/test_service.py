"""The assistance chain (一户一条救助链) against the real Neo4j: items in time order with their
status on the as-of date, gaps by E3, E4, E5, E6 and T1, overlaps by X2 and P11, each test
named by the rule it checks and failing when that rule breaks."""

from dataclasses import replace
from datetime import date

import pytest

from applications import Intake, Withdrawal, file_application, record_step
from assistance import assistance_chain
from core.errors import NotFound
from discoveries import Outcome, Report, file_discovery, record_outcome
from graph.db import Graph
from procedure.policy import default_policy
from referrals import ReferralIn, answer, send
from tests.applications.family import (
    COUNTY_OFFICER,
    HOUSEHOLD,
    OTHER_TOWNSHIP,
    TOWNSHIP_OFFICER,
    load_couple,
)
from tests.scoring.kin import Family, born_aged

POLICY = default_policy()
AS_OF = date(2026, 6, 1)
PREFIX = "440103"


def chain(graph: Graph, household: str = HOUSEHOLD, as_of: date = AS_OF):  # type: ignore[no-untyped-def]
    return assistance_chain(graph, PREFIX, household, as_of)


def gap_keys(found) -> set[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    return {(g.rule, g.program, g.person_id) for g in found.gaps}


def test_e3_gap_until_an_application_is_open_and_again_once_withdrawn(graph: Graph) -> None:
    couple = load_couple(graph)  # no income in 广州 (1500 urban): E3 holds
    assert gap_keys(chain(graph)) == {("E3", "dibao", None)}
    gap = chain(graph).gaps[0]
    assert gap.reason.startswith("E3: the household is eligible for dibao on 2026-06-01")
    assert gap.explanations[0].code == "gap_household"
    assert any(e.code == "e3_below" for e in gap.explanations[1:])  # the verdict's why
    intake = Intake("dibao", HOUSEHOLD, couple.head, "window", date(2026, 5, 4))
    case = file_application(graph, TOWNSHIP_OFFICER, intake, POLICY)
    assert gap_keys(chain(graph)) == set()  # received: applying
    assert gap_keys(chain(graph, as_of=date(2026, 5, 3))) == {("E3", "dibao", None)}
    record_step(
        graph,
        TOWNSHIP_OFFICER,
        case.application_id,
        Withdrawal(date(2026, 5, 20), "不再申请"),
        POLICY,
    )
    assert gap_keys(chain(graph)) == {("E3", "dibao", None)}  # withdrawn on 2026-05-20
    assert gap_keys(chain(graph, as_of=date(2026, 5, 19))) == set()  # still open then
    item = next(i for i in chain(graph).items if i.kind == "application")
    assert (item.status, item.from_, item.to, item.program) == (
        "withdrawn",
        date(2026, 5, 4),
        date(2026, 5, 20),
        "dibao",
    )
    earlier = next(
        i for i in chain(graph, as_of=date(2026, 5, 19)).items if i.kind == "application"
    )
    assert (earlier.status, earlier.to) == ("received", None)  # P12: a later step unseen


def test_e3_no_gap_while_enrolled(graph: Graph) -> None:
    fam = Family()
    fam.household("H-E3")
    fam.person("甲", born_aged(50), "H-E3")
    fam.enrol("H-E3", "dibao", date(2025, 1, 1), date(2026, 3, 31))
    fam.load(graph)
    assert gap_keys(chain(graph, "H-E3", date(2026, 3, 31))) == set()
    assert gap_keys(chain(graph, "H-E3")) == {("E3", "dibao", None)}  # ended on 03-31
    (item,) = chain(graph, "H-E3").items
    assert (item.kind, item.status, item.id) == ("enrollment", "ended", "dibao:H-E3:2025-01-01")


def test_e4_gap_of_a_marginal_household(graph: Graph) -> None:
    fam = Family()
    fam.household("H-E4")
    fam.person("乙", born_aged(45), "H-E4", annual_income=12 * 2000)  # 1500 <= 2000 < 2250
    fam.load(graph)
    assert gap_keys(chain(graph, "H-E4")) == {("E4", "marginal", None)}
    fam.enrol("H-E4", "marginal", date(2026, 1, 1))
    fam.load(graph)
    assert gap_keys(chain(graph, "H-E4")) == set()


def test_e5_gap_of_expenditure_hardship(graph: Graph) -> None:
    fam = Family()
    fam.household("H-E5", rigid_expenditure_annual=50000)
    fam.person("丙", born_aged(40), "H-E5", annual_income=60000)  # 5000 a month: no dibao
    fam.load(graph)
    # The seed's test before 2026-07-01: 50000 >= 0.6 × 60000.
    assert gap_keys(chain(graph, "H-E5")) == {("E5", "expenditure_hardship", None)}


def test_e6_gap_of_a_severely_disabled_member(graph: Graph) -> None:
    fam = Family()
    fam.household("H-E6")
    fam.person("丁", born_aged(45), "H-E6", annual_income=12 * 2000)
    disabled = fam.person(
        "戊",
        born_aged(20),
        "H-E6",
        disability_grade=1,
        disability_type="physical",
        annual_income=12 * 2000,
    )
    fam.enrol("H-E6", "marginal", date(2026, 1, 1))
    fam.load(graph)
    assert gap_keys(chain(graph, "H-E6")) == {("E6", "single_person_dibao", disabled)}
    gap = chain(graph, "H-E6").gaps[0]
    assert gap.explanations[0].code == "gap_person"
    assert disabled in gap.reason
    fam.enrol(disabled, "single_person_dibao", date(2026, 2, 1))
    fam.load(graph)
    assert gap_keys(chain(graph, "H-E6")) == set()


def test_t1_gap_of_a_destitute_person_and_an_open_tekun_application(graph: Graph) -> None:
    fam = Family()
    fam.household("H-T1")
    old = fam.person("己", born_aged(75), "H-T1")
    fam.enrol("H-T1", "dibao", date(2026, 1, 1))
    fam.load(graph)
    # No supporter, no income, aged 75: T1 holds; the household's dibao covers E3.
    assert gap_keys(chain(graph, "H-T1")) == {("T1", "tekun", old)}
    intake = Intake("tekun", "H-T1", old, "window", date(2026, 5, 4), person_id=old)
    file_application(graph, TOWNSHIP_OFFICER, intake, POLICY)
    assert gap_keys(chain(graph, "H-T1")) == set()


def test_x2_person_enrolled_in_tekun_and_single_person_dibao_at_once(graph: Graph) -> None:
    fam = Family()
    fam.household("H-X2")
    pid = fam.person("庚", born_aged(70), "H-X2")
    fam.enrol(pid, "tekun", date(2025, 1, 1))
    fam.enrol(pid, "single_person_dibao", date(2025, 6, 1), date(2025, 12, 31))
    fam.enrol(pid, "single_person_dibao", date(2026, 7, 1))  # after AS_OF: not yet
    fam.load(graph)
    found = chain(graph, "H-X2")
    (overlap,) = found.overlaps
    assert (overlap.rule, overlap.from_, overlap.to) == ("X2", date(2025, 6, 1), date(2025, 12, 31))
    assert overlap.ids == (f"tekun:{pid}:2025-01-01", f"single_person_dibao:{pid}:2025-06-01")
    assert set(overlap.ids) <= {i.id for i in found.items}
    assert overlap.explanations[0].code == "overlap_x2_person"
    assert [i.program for i in found.items] == ["tekun", "single_person_dibao"]  # time order


def test_x2_household_in_dibao_and_marginal_at_once_up_to_the_as_of_date(graph: Graph) -> None:
    fam = Family()
    fam.household("H-X2H")
    fam.person("辛", born_aged(40), "H-X2H")
    fam.enrol("H-X2H", "dibao", date(2025, 1, 1))
    fam.enrol("H-X2H", "marginal", date(2026, 3, 1))
    fam.enrol("H-X2H", "marginal", date(2024, 1, 1), date(2024, 12, 31))  # before: apart
    fam.load(graph)
    (overlap,) = chain(graph, "H-X2H").overlaps
    assert (overlap.rule, overlap.from_, overlap.to) == ("X2", date(2026, 3, 1), AS_OF)
    assert overlap.reason.startswith("X2: the household was enrolled in dibao and in marginal")
    assert chain(graph, "H-X2H", date(2026, 2, 28)).overlaps == ()


def _refer(graph: Graph, source: str, department: str, need: str, sent: date) -> str:
    body = ReferralIn(source, department, need, sent, household_id=HOUSEHOLD)
    return send(graph, TOWNSHIP_OFFICER, body, POLICY).referral_id


def _done(graph: Graph, referral_id: str, department: str, on: date) -> None:
    officer = replace(COUNTY_OFFICER, sub=f"{department}-1", role="department")
    answer(graph, officer, department, referral_id, "done", on, "已解决", POLICY)


def test_p11_one_need_referred_to_two_departments_that_both_gave(graph: Graph) -> None:
    couple = load_couple(graph)
    intake = Intake("dibao", HOUSEHOLD, couple.head, "window", date(2026, 5, 4))
    app_id = file_application(graph, TOWNSHIP_OFFICER, intake, POLICY).application_id
    housing = _refer(graph, app_id, "housing", "危房改造", date(2026, 5, 5))
    emergency = _refer(graph, app_id, "emergency_management", " 危房改造 ", date(2026, 5, 6))
    other = _refer(graph, app_id, "health", "慢病随访", date(2026, 5, 6))
    _done(graph, housing, "housing", date(2026, 5, 8))
    assert chain(graph).overlaps == ()  # one of the two gave so far
    _done(graph, emergency, "emergency_management", date(2026, 5, 12))
    _done(graph, other, "health", date(2026, 5, 12))
    found = chain(graph)
    (overlap,) = found.overlaps
    assert (overlap.rule, overlap.ids) == ("P11", tuple(sorted((housing, emergency))))
    assert (overlap.from_, overlap.to) == (date(2026, 5, 8), date(2026, 5, 12))
    assert overlap.explanations[0].params["departments"] == ("emergency_management", "housing")
    assert chain(graph, as_of=date(2026, 5, 11)).overlaps == ()  # the second was not done yet
    kinds = [(i.kind, i.from_) for i in found.items]
    assert kinds == sorted(kinds, key=lambda k: k[1])
    referral = next(i for i in found.items if i.id == housing)
    assert (referral.department, referral.status, referral.to) == (
        "housing",
        "done",
        date(2026, 5, 8),
    )


def test_the_chain_is_absent_outside_the_callers_region(graph: Graph) -> None:
    load_couple(graph)
    with pytest.raises(NotFound):
        assistance_chain(graph, OTHER_TOWNSHIP.region_prefix, HOUSEHOLD, AS_OF)
    with pytest.raises(NotFound):
        assistance_chain(graph, PREFIX, "H-NONE", AS_OF)


def test_a_discovery_joins_the_chain_with_its_outcome(graph: Graph) -> None:
    load_couple(graph)
    report = Report(
        source="visit", found_on=date(2026, 5, 4), reporter="走访", household_id=HOUSEHOLD
    )
    found = file_discovery(graph, TOWNSHIP_OFFICER, report, POLICY)
    record_outcome(
        graph,
        TOWNSHIP_OFFICER,
        found.discovery_id,
        Outcome("no_need", date(2026, 5, 6), reason="亲属照料"),
        POLICY,
    )
    (item,) = [i for i in chain(graph).items if i.kind == "discovery"]
    assert (item.status, item.to, item.detail) == ("closed", date(2026, 5, 6), "visit → no_need")
