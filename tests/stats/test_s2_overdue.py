"""S1, S2: overdue cases and referrals by month keep their history. A case overdue at a
past month end stays counted there after a later step replaced or cleared its deadline
(RULES §6 preamble: overdue from the day after the due date; P4, P7, P11), because every
step keeps the deadline it left running and the rollup counts each day overdue
(`stats.rollup.deadline_cells`); the rebuild counts the same cells again."""

from datetime import date, timedelta
from typing import Any

import pytest

from applications import (
    Acceptance,
    Actor,
    Authorisation,
    Intake,
    Withdrawal,
    file_application,
    get_case,
    record_step,
)
from cypher import query
from discoveries import Outcome, Report, file_discovery, record_outcome
from graph.db import Graph
from graph.values import plain
from procedure.policy import default_policy
from referrals import ReferralIn, answer, send
from stats import rebuild, region_stats
from stats.rollup import deadline_cells
from tests.stats import world

POLICY = default_policy()
ACTOR = Actor(sub="town", role="township", region_prefix="44")
HOUSING = Actor(sub="housing-1", role="department", region_prefix="44")
HOME = "X0"
APPLICANT = world.member_id(0, 0)
RECEIVED = date(2026, 3, 2)  # a Monday
RECOUNT = query("stats/recount")
D = date.fromisoformat


@pytest.fixture
def home(graph: Graph) -> str:
    """The household X0 (two members) of the stats world; its township's code."""
    world.load_world(graph, [(world.VILLAGE_A2, 2)])
    rows = graph.driver.execute_query(
        "MATCH (h:Household {household_id: $h}) RETURN h.region_code AS code", {"h": HOME}
    ).records
    return str(rows[0]["code"])[:9] + "000"


def _months(graph: Graph, town: str, as_of: date) -> dict[str, dict[str, Any]]:
    found = region_stats(graph, town, as_of, 3)
    assert found is not None
    return dict(found.monthly)


def _overdue(graph: Graph, town: str, as_of: date, key: str) -> dict[str, int]:
    return {month: f[key] for month, f in _months(graph, town, as_of).items()}


def _accepted(graph: Graph) -> str:
    case = file_application(
        graph, ACTOR, Intake("dibao", HOME, APPLICANT, "window", RECEIVED), POLICY
    )
    members = (APPLICANT, world.member_id(0, 1))
    signed = Authorisation(APPLICANT, members, "paper", RECEIVED)
    record_step(graph, ACTOR, case.application_id, signed, POLICY)
    record_step(graph, ACTOR, case.application_id, Acceptance(D("2026-03-03"), True), POLICY)
    return case.application_id


def test_s2_an_application_overdue_at_a_month_end_stays_counted_after_its_withdrawal(
    graph: Graph, home: str
) -> None:
    application_id = _accepted(graph)
    due = get_case(graph, "44", application_id).application["due_on"]
    assert due < D("2026-03-31")  # the investigation's deadline (P5) runs out in March
    assert _overdue(graph, home, D("2026-04-30"), "cases_overdue")["2026-03"] == 1
    record_step(graph, ACTOR, application_id, Withdrawal(D("2026-04-10"), "申请人撤回"), POLICY)
    months = _overdue(graph, home, D("2026-05-20"), "cases_overdue")
    # Still overdue on 03-31 (its deadline then); withdrawn on 04-10: none since.
    assert months == {"2026-03": 1, "2026-04": 0, "2026-05": 0}
    day_before = region_stats(graph, home, D("2026-04-09"), 1)
    assert day_before is not None
    assert day_before.figures["cases_overdue"] == 1
    steps = get_case(graph, "44", application_id).steps
    assert [s.get("due_on") for s in steps][-2:] == [due, None]  # P12: each step keeps its own


def test_s2_a_discovery_overdue_at_a_month_end_stays_counted_after_its_outcome(
    graph: Graph, home: str
) -> None:
    report = Report("visit", RECEIVED, "村委会", household_id=HOME)
    found = file_discovery(graph, ACTOR, report, POLICY)
    due = found.discovery["due_on"]
    assert due < D("2026-03-31")
    assert _overdue(graph, home, D("2026-03-31"), "cases_overdue")["2026-03"] == 1
    closed = Outcome("no_need", D("2026-04-10"), reason="家庭收入已恢复")
    record_outcome(graph, ACTOR, found.discovery_id, closed, POLICY)
    months = _overdue(graph, home, D("2026-05-20"), "cases_overdue")
    assert months == {"2026-03": 1, "2026-04": 0, "2026-05": 0}
    on_due = region_stats(graph, home, due, 1)  # overdue from the day after (§6 preamble)
    after = region_stats(graph, home, due + timedelta(days=1), 1)
    assert on_due is not None
    assert after is not None
    assert (on_due.figures["cases_overdue"], after.figures["cases_overdue"]) == (0, 1)


def test_s2_a_referral_answered_late_keeps_its_overdue_months(graph: Graph, home: str) -> None:
    application_id = _accepted(graph)
    body = ReferralIn(application_id, "housing", "危房改造", RECEIVED, household_id=HOME)
    referral_id = send(graph, ACTOR, body, POLICY).referral_id
    # Acknowledgement due 03-04, outcome 03-16 (P11); acknowledged late on 03-20, so the
    # outcome's deadline runs on, past; done on 04-10.
    answer(graph, HOUSING, "housing", referral_id, "acknowledged", D("2026-03-20"), None, POLICY)
    assert _overdue(graph, home, D("2026-03-31"), "referrals_overdue")["2026-03"] == 1
    answer(graph, HOUSING, "housing", referral_id, "done", D("2026-04-10"), "已改造", POLICY)
    months = _overdue(graph, home, D("2026-05-20"), "referrals_overdue")
    assert months == {"2026-03": 1, "2026-04": 0, "2026-05": 0}
    for day, n in ((D("2026-03-04"), 0), (D("2026-03-05"), 1), (D("2026-04-10"), 0)):
        found = region_stats(graph, home, day, 1)
        assert found is not None
        assert found.figures["referrals_overdue"] == n, day


def test_s1_the_overdue_cells_equal_a_recount_and_a_rebuild(graph: Graph, home: str) -> None:
    application_id = _accepted(graph)
    found = file_discovery(
        graph, ACTOR, Report("visit", RECEIVED, "村委会", household_id=HOME), POLICY
    )
    body = ReferralIn(found.discovery_id, "housing", "危房改造", RECEIVED, household_id=HOME)
    referral_id = send(graph, ACTOR, body, POLICY).referral_id
    answer(graph, HOUSING, "housing", referral_id, "acknowledged", D("2026-03-20"), None, POLICY)
    record_step(graph, ACTOR, application_id, Withdrawal(D("2026-04-10"), "申请人撤回"), POLICY)
    cells = (
        "MATCH (c:StatDay) WHERE c.n <> 0 AND c.key ENDS WITH '_overdue' "
        "RETURN c.region AS r, c.key AS k, c.day AS d, c.n AS n ORDER BY r, k, d"
    )
    kept = [plain(r.data()) for r in graph.driver.execute_query(cells).records]
    assert {r["k"] for r in kept} >= {"cases_overdue", "referrals_overdue"}
    for day in (D("2026-03-10"), D("2026-03-31"), D("2026-04-10"), D("2026-04-30")):
        recount = {r["key"]: r["n"] for r in graph.read(RECOUNT, {"prefix": home[:9], "day": day})}
        figures = region_stats(graph, home, day, 1)
        assert figures is not None
        for key in ("cases_overdue", "referrals_overdue"):
            assert figures.figures[key] == recount.get(key, 0), (day, key)
    rebuild(graph)
    assert [plain(r.data()) for r in graph.driver.execute_query(cells).records] == kept


def test_s2_deadline_cells_count_the_days_each_step_left_overdue() -> None:
    """Pure: a deadline replaced before it passed counts nothing; one passed counts from
    the day after it until the step that replaced it; the last step of a step list older
    than the steps' deadlines takes the resource's own."""
    steps = [
        {"seq": 1, "on": D("2026-03-02"), "due_on": D("2026-03-10")},
        {"seq": 2, "on": D("2026-03-05"), "due_on": D("2026-03-12")},
        {"seq": 3, "on": D("2026-03-20"), "due_on": None},
    ]
    cells = deadline_cells("T", "cases_overdue", steps, None)
    assert dict(cells) == {
        ("T", "cases_overdue", D("2026-03-13")): 1,
        ("T", "cases_overdue", D("2026-03-20")): -1,
    }
    legacy = [{"seq": 1, "on": D("2026-03-02")}]
    assert dict(deadline_cells("T", "k", legacy, D("2026-03-04"))) == {
        ("T", "k", D("2026-03-05")): 1
    }
    assert not deadline_cells("T", "k", [], D("2026-03-04"))
