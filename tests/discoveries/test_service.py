"""Discoveries from the report to the outcome against the real Neo4j (RULES P4, P12), through
`discoveries.service`: each rule's test is named by its id."""

import threading
from dataclasses import replace
from datetime import date

import pytest

from applications import Intake, file_application
from core.errors import InvalidField, NotFound
from discoveries import (
    Filters,
    Outcome,
    Report,
    file_discovery,
    get_discovery,
    list_discoveries,
    record_outcome,
)
from graph.db import Graph
from procedure.clock import discovery_followup_due
from procedure.errors import StepNotAllowed
from procedure.policy import default_policy
from scoring.workdays import Calendar
from tests.discoveries.world import (
    COUNTY_OFFICER,
    OTHER_TOWNSHIP,
    TOWNSHIP,
    TOWNSHIP_OFFICER,
    load_world,
    verify,
)
from tests.loaders import family

POLICY = default_policy()
FOUND = date(2026, 10, 12)  # a Monday


@pytest.fixture
def warnings(graph: Graph) -> dict[str, str]:
    return load_world(graph)


def report(**changes: object) -> Report:
    values: dict[str, object] = {
        "source": "visit",
        "found_on": FOUND,
        "reporter": "沙面社区居委会 李主任",
        "household_id": "H1",
        "note": "老人独居，无人照料",
    }
    return Report(**(values | changes))  # type: ignore[arg-type]


def test_p4_a_report_is_filed_with_the_households_township_and_its_outcome_is_due(
    graph: Graph, warnings: dict[str, str]
) -> None:
    case = file_discovery(graph, TOWNSHIP_OFFICER, report(), POLICY)
    due = discovery_followup_due(Calendar.from_graph(graph), POLICY, FOUND)
    assert case.status == "open"
    assert case.discovery["township_code"] == TOWNSHIP
    assert case.discovery["household_id"] == "H1"
    assert case.discovery["person_id"] is None
    assert (case.discovery["due_on"], case.discovery["due_step"]) == (due.due_on, "outcome")
    assert case.discovery["due_on"] == date(2026, 10, 19)  # five working days after Monday
    assert case.discovery["due_on_provisional"] is due.provisional
    assert [s["step"] for s in case.steps] == ["discovery"]
    assert case.steps[0]["rules"] == ["P4"]
    assert (case.steps[0]["by"], case.steps[0]["role"]) == ("officer-1", "township")


def test_p4_the_followup_days_are_a_setting(graph: Graph, warnings: dict[str, str]) -> None:
    policy = replace(POLICY, discovery_followup_days=1)
    case = file_discovery(graph, TOWNSHIP_OFFICER, report(), policy)
    assert case.discovery["due_on"] == date(2026, 10, 13)


def test_p4_a_persons_report_is_filed_with_the_household_of_that_day(
    graph: Graph, warnings: dict[str, str]
) -> None:
    # The uncle lived in H1 until 1999, in H2 since: the day found decides (W5).
    now = file_discovery(
        graph, TOWNSHIP_OFFICER, report(household_id=None, person_id=family.UNCLE), POLICY
    )
    assert (now.discovery["household_id"], now.discovery["person_id"]) == ("H2", family.UNCLE)
    then = report(household_id=None, person_id=family.UNCLE, found_on=date(1995, 6, 1))
    assert file_discovery(graph, TOWNSHIP_OFFICER, then, POLICY).discovery["household_id"] == "H1"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"household_id": None}, "household_id"),  # neither
        ({"person_id": family.FATHER}, "household_id"),  # both
        ({"reporter": "  "}, "reporter"),
        ({"source": "rumour"}, "source"),
        ({"source": "warning"}, "warning_id"),  # no warning named
    ],
)
def test_p4_a_report_that_breaks_a_field_is_refused_naming_it(
    graph: Graph, warnings: dict[str, str], changes: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidField) as raised:
        file_discovery(graph, TOWNSHIP_OFFICER, report(**changes), POLICY)
    assert raised.value.field == field
    assert list_discoveries(graph, "44", Filters(), None, 10) == []


def test_p4_w6_a_warning_report_needs_a_verification_that_found_it_genuine(
    graph: Graph, warnings: dict[str, str]
) -> None:
    red = warnings["H1"]
    for warning_id in (red, warnings["H2"], "W-NONE"):  # open; another household's; absent
        with pytest.raises(InvalidField) as raised:
            file_discovery(
                graph, TOWNSHIP_OFFICER, report(source="warning", warning_id=warning_id), POLICY
            )
        assert raised.value.field == "warning_id"
    verify(graph, warnings["H2"], genuine=False)
    not_genuine = report(source="warning", warning_id=warnings["H2"], household_id="H2")
    with pytest.raises(InvalidField, match="genuine"):
        file_discovery(graph, TOWNSHIP_OFFICER, not_genuine, POLICY)
    verify(graph, red, genuine=True)
    case = file_discovery(graph, TOWNSHIP_OFFICER, report(source="warning", warning_id=red), POLICY)
    assert (case.discovery["source"], case.discovery["warning_id"]) == ("warning", red)
    assert case.steps[0]["rules"] == ["P4", "W6"]
    linked = graph.driver.execute_query(
        "MATCH (:Discovery {discovery_id: $id})-[:FROM_WARNING]->(w:Warning) RETURN w.warning_id",
        id=case.discovery_id,
        database_="neo4j",
    ).records
    assert [r[0] for r in linked] == [red]


def test_p4_a_report_outside_the_callers_region_is_not_found(
    graph: Graph, warnings: dict[str, str]
) -> None:
    with pytest.raises(NotFound):
        file_discovery(graph, OTHER_TOWNSHIP, report(), POLICY)
    with pytest.raises(NotFound):
        file_discovery(
            graph, OTHER_TOWNSHIP, report(household_id=None, person_id=family.FATHER), POLICY
        )
    case = file_discovery(graph, TOWNSHIP_OFFICER, report(), POLICY)
    with pytest.raises(NotFound):
        get_discovery(graph, OTHER_TOWNSHIP.region_prefix, case.discovery_id)
    with pytest.raises(NotFound):
        record_outcome(
            graph, OTHER_TOWNSHIP, case.discovery_id, Outcome("no_need", FOUND, "无"), POLICY
        )
    assert get_discovery(graph, COUNTY_OFFICER.region_prefix, case.discovery_id).status == "open"


def test_p4_p12_one_outcome_closes_the_discovery_and_a_second_is_refused(
    graph: Graph, warnings: dict[str, str]
) -> None:
    case = file_discovery(graph, TOWNSHIP_OFFICER, report(), POLICY)
    done = record_outcome(
        graph,
        COUNTY_OFFICER,
        case.discovery_id,
        Outcome("referral", FOUND, referral_id="RF-1"),
        POLICY,
    )
    assert (done.status, done.discovery["outcome"], done.discovery["referral_id"]) == (
        "closed",
        "referral",
        "RF-1",
    )
    assert done.discovery["due_on"] is None
    assert done.discovery["due_step"] is None
    assert [(s["step"], s["produced"], s["rules"]) for s in done.steps] == [
        ("discovery", "open", ["P4"]),
        ("outcome", "closed", ["P4", "P11"]),
    ]
    assert done.steps[1]["by"] == "county-1"
    assert done.timeline().extends(case.timeline())  # P12: the timeline only grows
    with pytest.raises(StepNotAllowed) as refused:
        record_outcome(
            graph, TOWNSHIP_OFFICER, case.discovery_id, Outcome("no_need", FOUND, "无"), POLICY
        )
    assert refused.value.status == "closed"
    assert len(get_discovery(graph, "44", case.discovery_id).steps) == 2


@pytest.mark.parametrize(
    ("outcome", "field"),
    [
        (Outcome("no_need", FOUND), "reason"),
        (Outcome("no_need", FOUND, " "), "reason"),
        (Outcome("referral", FOUND), "referral_id"),
        (Outcome("relief", FOUND), "relief_id"),
        (Outcome("application", FOUND), "application_id"),
        (Outcome("application", FOUND, application_id="A-NONE"), "application_id"),
        (Outcome("no_need", FOUND, "无", relief_id="R-1"), "relief_id"),
    ],
)
def test_p4_an_outcome_without_what_it_needs_is_refused_naming_the_field(
    graph: Graph, warnings: dict[str, str], outcome: Outcome, field: str
) -> None:
    case = file_discovery(graph, TOWNSHIP_OFFICER, report(), POLICY)
    with pytest.raises(InvalidField) as raised:
        record_outcome(graph, TOWNSHIP_OFFICER, case.discovery_id, outcome, POLICY)
    assert raised.value.field == field
    assert get_discovery(graph, "44", case.discovery_id).status == "open"


def test_p4_an_outcome_before_the_discovery_is_refused(
    graph: Graph, warnings: dict[str, str]
) -> None:
    case = file_discovery(graph, TOWNSHIP_OFFICER, report(), POLICY)
    early = Outcome("no_need", date(2026, 10, 11), "无")
    with pytest.raises(StepNotAllowed, match="before found_on"):
        record_outcome(graph, TOWNSHIP_OFFICER, case.discovery_id, early, POLICY)


def test_p4_p1_the_outcome_application_names_an_application_of_the_same_household(
    graph: Graph, warnings: dict[str, str]
) -> None:
    case = file_discovery(graph, TOWNSHIP_OFFICER, report(), POLICY)
    intake = Intake(
        program="dibao",
        household_id="H1",
        applicant_id=family.FATHER,
        channel="discovery",
        received_on=date(2026, 10, 13),
        discovery_id=case.discovery_id,
    )
    application = file_application(graph, TOWNSHIP_OFFICER, intake, POLICY)
    other = file_application(
        graph,
        TOWNSHIP_OFFICER,
        Intake("dibao", "H2", family.UNCLE, "window", date(2026, 10, 13)),
        POLICY,
    )
    wrong = Outcome("application", FOUND, application_id=other.application_id)
    with pytest.raises(InvalidField, match="household"):
        record_outcome(graph, TOWNSHIP_OFFICER, case.discovery_id, wrong, POLICY)
    right = Outcome("application", date(2026, 10, 13), application_id=application.application_id)
    done = record_outcome(graph, TOWNSHIP_OFFICER, case.discovery_id, right, POLICY)
    assert done.discovery["application_id"] == application.application_id
    assert done.steps[-1]["rules"] == ["P4", "P1"]
    led = graph.driver.execute_query(
        "MATCH (:Discovery {discovery_id: $id})-[:LED_TO]->(a:Application) RETURN a.application_id",
        id=case.discovery_id,
        database_="neo4j",
    ).records
    assert [r[0] for r in led] == [application.application_id]


def test_p4_overdue_on_lists_open_discoveries_due_before_the_day(
    graph: Graph, warnings: dict[str, str]
) -> None:
    late = file_discovery(graph, TOWNSHIP_OFFICER, report(), POLICY)  # due 2026-10-19
    answered = file_discovery(graph, TOWNSHIP_OFFICER, report(), POLICY)
    record_outcome(
        graph,
        TOWNSHIP_OFFICER,
        answered.discovery_id,
        Outcome("relief", FOUND, relief_id="RL-1"),
        POLICY,
    )

    def ids(prefix: str, filters: Filters) -> list[str]:
        return [c.discovery_id for c in list_discoveries(graph, prefix, filters, None, 10)]

    assert ids("44", Filters(overdue_on=date(2026, 10, 19))) == []  # due that day: not yet
    assert ids("44", Filters(overdue_on=date(2026, 10, 20))) == [late.discovery_id]
    assert ids("440103", Filters(status="closed")) == [answered.discovery_id]
    assert ids(OTHER_TOWNSHIP.region_prefix, Filters()) == []
    assert sorted(ids("440103001", Filters())) == sorted([late.discovery_id, answered.discovery_id])
    first = list_discoveries(graph, "44", Filters(), None, 1)
    rest = list_discoveries(graph, "44", Filters(), first[0].discovery_id, 10)
    assert len(first) == len(rest) == 1
    assert first[0].discovery_id < rest[0].discovery_id


def test_p12_two_outcomes_at_once_cannot_both_win(graph: Graph, warnings: dict[str, str]) -> None:
    case = file_discovery(graph, TOWNSHIP_OFFICER, report(), POLICY)
    results: list[str] = []
    barrier = threading.Barrier(2)

    def record(outcome: Outcome) -> None:
        barrier.wait()
        try:
            record_outcome(graph, TOWNSHIP_OFFICER, case.discovery_id, outcome, POLICY)
            results.append("recorded")
        except StepNotAllowed:
            results.append("refused")

    threads = [
        threading.Thread(target=record, args=(Outcome("no_need", FOUND, "无需救助"),)),
        threading.Thread(target=record, args=(Outcome("relief", FOUND, relief_id="RL-2"),)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["recorded", "refused"]
    assert [s["step"] for s in get_discovery(graph, "44", case.discovery_id).steps] == [
        "discovery",
        "outcome",
    ]
