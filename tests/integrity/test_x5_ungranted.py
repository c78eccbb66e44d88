"""X5: an enrolment begun on or after `workflow_from` with no granted case behind it; a
grant through the application workflow (P1–P8) is one, a feed's enrolment is not."""

from datetime import date

from applications import (
    Acceptance,
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
from graph.db import Graph
from tests.applications.family import COUNTY_OFFICER, HOUSEHOLD, TOWNSHIP_OFFICER, load_couple
from tests.integrity.world import POLICY, scan, subjects
from tests.scoring.kin import Family


def grant(graph: Graph) -> str:
    """The couple's dibao application granted on 2026-03-20 (enrolled from 1 April)."""
    couple = load_couple(graph)
    intake = Intake("dibao", HOUSEHOLD, couple.head, "window", date(2026, 3, 2))
    app_id = file_application(graph, TOWNSHIP_OFFICER, intake, POLICY).application_id
    steps: list[Command] = [
        Authorisation(couple.head, (couple.head, couple.wife), "paper", date(2026, 3, 2)),
        Acceptance(date(2026, 3, 3), True),
        Investigation(date(2026, 3, 5), couple.investigators, couple.head, "入户", "grant"),
        Posting(date(2026, 3, 6)),
        Transmission(date(2026, 3, 16)),
    ]
    for step in steps:
        record_step(graph, TOWNSHIP_OFFICER, app_id, step, POLICY)
    record_step(graph, COUNTY_OFFICER, app_id, Decision(date(2026, 3, 20), True), POLICY)
    return app_id


def test_x5_a_granted_enrolment_has_its_case(graph: Graph) -> None:
    grant(graph)
    assert scan(graph, "X5", workflow_from=date(2026, 1, 1)) == []


def test_x5_a_fed_enrolment_after_the_workflow_began(graph: Graph) -> None:
    fam = Family()
    fam.household("HX")
    p = fam.person("无案", date(1940, 1, 1), "HX")
    fam.enrol("HX", "dibao", date(2026, 7, 1))
    fam.enrol(p, "tekun", date(2026, 6, 30))  # before workflow_from (2026-07-01)
    fam.enrol(p, "temporary_relief", date(2026, 8, 1))  # no application programme (P1)
    fam.load(graph)
    found = scan(graph, "X5")
    assert subjects(found) == ["HX"]
    assert found[0].params["workflow_from"] == "2026-07-01"
    assert found[0].next_step.kind == "check_decision"
    assert subjects(scan(graph, "X5", workflow_from=date(2026, 6, 1))) == sorted(["HX", p])


def test_x5_an_enrolment_begun_after_the_as_of_date_waits(graph: Graph) -> None:
    fam = Family()
    fam.household("HX")
    fam.person("后来", date(1940, 1, 1), "HX")
    fam.enrol("HX", "dibao", date(2026, 10, 1))
    fam.load(graph)
    assert scan(graph, "X5") == []
