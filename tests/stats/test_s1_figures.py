"""S1: the figures of a region and of each region directly under it on an as-of date, each
counted as RULES S1 and CONTRACT §4 name it, on real Neo4j."""

from datetime import date
from decimal import Decimal

from api.models.warnings import VerificationIn
from api.security import Officer
from api.services.warnings import verify_warning
from applications import (
    Acceptance,
    Actor,
    Authorisation,
    Command,
    Decision,
    Intake,
    Investigation,
    Posting,
    Transmission,
    file_application,
    record_step,
)
from core.ids import make_resident_id
from funds import post
from graph.db import Graph
from procedure.policy import default_policy
from referrals import ReferralIn, send
from scoring.deadlines import visit_deadlines
from scoring.rescore import Mode, rescore_households
from scoring.ruleset import default_ruleset
from stats import region_stats
from stats.figures import Figures
from tests.loaders import family
from tests.scoring.test_score import event, load
from tests.stats import world
from tests.stats.world import COUNTY, TOWN_A, TOWN_B, TOWN_C, enrolment

AS_OF = date(2026, 10, 30)
POLICY = default_policy()


def _figures(graph: Graph, code: str, day: date = AS_OF) -> tuple[Figures, dict[str, Figures]]:
    found = region_stats(graph, code, day, 1)
    assert found is not None
    return found.figures, {region.code: figures for region, figures in found.children}


def test_s1_monitored_households_and_persons_by_group_by_open_enrolment(graph: Graph) -> None:
    # X0 (3 persons, TOWN_A) dibao; X1 (2, TOWN_B) with a tekun member alone; X2 (1, TOWN_C,
    # another county) dibao that ended; X3 (2, TOWN_B) temporary relief only (no group).
    world.load_world(
        graph,
        [
            (world.VILLAGE_A2, 3),
            (world.VILLAGE_B1, 2),
            (world.VILLAGE_C1, 1),
            (world.VILLAGE_B1, 2),
        ],
        [
            enrolment("X0", "dibao", "2024-01-01"),
            enrolment(world.member_id(1, 0), "tekun", "2025-06-01"),
            enrolment("X2", "dibao", "2020-01-01", "2026-09-30"),
            enrolment("X3", "temporary_relief", "2026-10-01"),
            enrolment("X0", "expenditure_hardship", "2027-01-01"),  # not yet open
        ],
    )
    county, towns = _figures(graph, COUNTY)
    # The family's H1 (4 current members) is marginal (M3) since 2025 (family.enrollments).
    assert towns[TOWN_A]["households_by_group"] == {"M1": 1, "M2": 0, "M3": 1, "M4": 0, "M5": 0}
    assert towns[TOWN_A]["persons_by_group"] == {"M1": 3, "M2": 0, "M3": 4, "M4": 0, "M5": 0}
    assert towns[TOWN_B]["households_by_group"]["M2"] == 1
    assert towns[TOWN_B]["persons_by_group"]["M2"] == 1  # the tekun member alone, not X1's 2
    assert sum(towns[TOWN_B]["households_by_group"].values()) == 1  # X3's relief is no group
    assert county["households_by_group"] == {"M1": 1, "M2": 1, "M3": 1, "M4": 0, "M5": 0}
    province, _ = _figures(graph, world.PROVINCE)
    assert province["households_by_group"]["M1"] == 1  # X2's dibao ended on 2026-09-30
    before, _ = _figures(graph, world.PROVINCE, date(2026, 9, 30))
    assert before["households_by_group"]["M1"] == 2  # ... and was open on its last day


def test_s1_warnings_open_by_level_overdue_and_visits_on_time_or_late(graph: Graph) -> None:
    world.load_world(graph, [(world.VILLAGE_B1, 1), (world.VILLAGE_C1, 1)])
    load(
        graph,
        "events",
        [
            event("death", date(2026, 9, 1)),  # H1 (TOWN_A): 6 points, blue
            event("petition", date(2026, 9, 2)),  # + 6: red
            event("disaster", date(2026, 9, 3), household_id="X0"),  # TOWN_B: 4, green
            event("accident", date(2026, 9, 3), household_id="X1"),  # TOWN_C: 4, green
        ],
    )
    rescore_households(
        graph, date(2026, 10, 8), Mode.FULL, default_ruleset(), visit_deadlines(graph)
    )
    county, towns = _figures(graph, COUNTY)
    assert towns[TOWN_A]["warnings_open_by_level"] == {
        "red": 1, "orange": 0, "yellow": 0, "blue": 0, "green": 0,
    }  # fmt: skip
    assert towns[TOWN_B]["warnings_open_by_level"]["green"] == 1
    assert county["warnings_open_by_level"]["red"] == county["warnings_open_by_level"]["green"] == 1
    # Red: a visit within 3 working days of 2026-10-08 (W3): overdue from the day after.
    assert county["warnings_overdue"] == 1  # on 2026-10-30 the red one is past its due date
    assert _figures(graph, COUNTY, date(2026, 10, 9))[0]["warnings_overdue"] == 0
    # The red warning's visit, late; W6 closes it: no longer open, no longer overdue.
    (red,) = graph.driver.execute_query(
        "MATCH (w:Warning {level: 'red'}) RETURN w.warning_id AS id", database_="neo4j"
    ).records
    officer = Officer(sub="t", role="township", region=TOWN_A)
    body = VerificationIn(
        visited_on=date(2026, 10, 20), genuine=True, findings="入户", action="转办"
    )
    verify_warning(graph, officer, red["id"], body)
    county, towns = _figures(graph, COUNTY)
    assert towns[TOWN_A]["warnings_open_by_level"]["red"] == 0
    assert (county["warnings_overdue"], county["verifications_late"]) == (0, 1)
    assert county["verifications_on_time"] == 0
    # As of the day before the visit it was open, red and overdue (S1 on any as-of date).
    before, _ = _figures(graph, COUNTY, date(2026, 10, 19))
    assert (before["warnings_open_by_level"]["red"], before["warnings_overdue"]) == (1, 1)
    assert before["verifications_late"] == 0
    other, _ = _figures(graph, world.OTHER_COUNTY)
    assert other["warnings_open_by_level"]["green"] == 1
    assert other["verifications_late"] == 0


MEMBERS = (family.GRANDMA, family.FATHER, family.MOTHER, family.CHILD)
INVESTIGATORS = (
    make_resident_id("440105", date(1980, 5, 5), 71),
    make_resident_id("440105", date(1981, 6, 6), 73),
)
TOWNSHIP = Actor(sub="town", role="township", region_prefix="440103001")
COUNTY_ACTOR = Actor(sub="county", role="county", region_prefix="440103")


def _granted(graph: Graph, received: date) -> str:
    """A dibao application of H1 from intake to a grant: accepted the next day, visited,
    posted for 7 days, transmitted and decided (P1-P8)."""
    case = file_application(
        graph, TOWNSHIP, Intake("dibao", "H1", family.FATHER, "window", received), POLICY
    )
    aid = case.application_id
    steps: list[Command] = [
        Authorisation(family.FATHER, MEMBERS, "paper", received),
        Acceptance(date(2026, 10, 13), True),
        Investigation(date(2026, 10, 14), INVESTIGATORS, family.FATHER, "入户", "grant", None),
        Posting(date(2026, 10, 15)),
        Transmission(date(2026, 10, 23)),
    ]
    for step in steps:
        record_step(graph, TOWNSHIP, aid, step, POLICY)
    record_step(graph, COUNTY_ACTOR, aid, Decision(date(2026, 10, 27), True), POLICY)
    return aid


def test_s1_applications_by_status_median_days_and_overdue_cases(graph: Graph) -> None:
    world.load_world(graph, [(world.VILLAGE_B1, 1)])
    _granted(graph, date(2026, 10, 12))
    waiting = file_application(
        graph,
        TOWNSHIP,
        Intake("marginal", "H1", family.FATHER, "window", date(2026, 10, 12)),
        POLICY,
    )
    record_step(
        graph,
        TOWNSHIP,
        waiting.application_id,
        Authorisation(family.FATHER, MEMBERS, "paper", date(2026, 10, 12)),
        POLICY,
    )
    record_step(
        graph, TOWNSHIP, waiting.application_id, Acceptance(date(2026, 10, 13), True), POLICY
    )
    county, towns = _figures(graph, COUNTY)
    statuses = county["applications_by_status"]
    assert (statuses["granted"], statuses["accepted"], sum(statuses.values())) == (1, 1, 2)
    assert towns[TOWN_B]["applications_by_status"]["granted"] == 0
    # Accepted on Tuesday 2026-10-13, decided on Tuesday 2026-10-27: 10 working days (W4).
    assert county["median_working_days_to_decision"] == 10.0
    # As of 2026-10-14 both were accepted, the first being investigated (visited that day).
    early, _ = _figures(graph, COUNTY, date(2026, 10, 14))
    assert early["applications_by_status"]["investigating"] == 1
    assert early["applications_by_status"]["accepted"] == 1
    assert early["median_working_days_to_decision"] is None
    # The accepted one's investigation was due 10 working days after acceptance (P5):
    # 2026-10-27; overdue from the 28th, as a case of its township.
    assert county["cases_overdue"] == 1
    assert towns[TOWN_A]["cases_overdue"] == 1
    assert _figures(graph, COUNTY, date(2026, 10, 27))[0]["cases_overdue"] == 0


def test_s1_overdue_referrals_relief_paid_and_fund_balances(graph: Graph) -> None:
    world.load_world(graph, [(world.VILLAGE_C1, 1)])
    intake = Intake("dibao", "H1", family.FATHER, "window", date(2026, 10, 12))
    source = file_application(graph, TOWNSHIP, intake, POLICY).application_id
    body = ReferralIn(source, "housing", "危房改造", date(2026, 10, 12), household_id="H1")
    send(graph, TOWNSHIP, body, POLICY)  # acknowledgement due 2 working days after (P11)
    post(graph, TOWN_A, "allocation", Decimal("10000"), date(2026, 9, 1), "county")
    post(graph, TOWN_A, "payment", Decimal("1500.50"), date(2026, 9, 20), "town", relief_id="RL1")
    post(graph, TOWN_A, "payment", Decimal("800"), date(2026, 10, 5), "town", relief_id="RL2")
    post(graph, TOWN_C, "allocation", Decimal("3000"), date(2026, 10, 2), "county")
    province, cities = _figures(graph, world.PROVINCE)
    assert province["referrals_overdue"] == 1
    assert province["fund_balance"] == 10000 - 1500.5 - 800 + 3000
    assert province["relief_paid"] == 800.0  # paid in October up to the as-of day
    assert cities[world.CITY]["fund_balance"] == province["fund_balance"]
    county, towns = _figures(graph, COUNTY, date(2026, 9, 30))
    assert (county["fund_balance"], county["relief_paid"]) == (8499.5, 1500.5)
    assert county["referrals_overdue"] == 0  # not yet sent
    assert towns[TOWN_B]["fund_balance"] == 0
