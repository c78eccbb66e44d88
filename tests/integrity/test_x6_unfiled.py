"""X6: a household with an open enrolment and a relative of an official serving its township
(C2, C3) that no filing names; the filing made at acceptance (C3) clears it."""

from datetime import date

import pytest

from applications import Acceptance, Authorisation, Intake, file_application, record_step
from graph.db import Graph
from tests.applications.family import HOUSEHOLD, TOWNSHIP_OFFICER, Couple, load_couple
from tests.integrity.world import POLICY, load, scan, serve
from tests.scoring.kin import Family


@pytest.fixture
def couple(graph: Graph) -> Couple:
    couple = load_couple(graph)
    fam = Family()
    fam.enrol(HOUSEHOLD, "dibao", date(2026, 1, 1))
    load(graph, "enrollments", fam.enrollments)
    return couple


def test_x6_the_parents_of_a_handler_enrolled_without_a_filing(
    graph: Graph, couple: Couple
) -> None:
    load(graph, "officials", [serve(couple.son, "440103001000")])
    found = scan(graph, "X6")
    assert {(f.subject_id, f.params["member_id"], f.params["relation"]) for f in found} == {
        (HOUSEHOLD, couple.head, "parent"),
        (HOUSEHOLD, couple.wife, "parent"),
    }
    step = found[0].next_step
    assert step.kind == "filing"
    assert step.params["official_id"] == couple.son
    assert step.params["relation_path"] == ("parent",)
    assert step.params["programs"] == ("dibao",)
    assert found[0].regions[couple.son] == "440103001001"  # the son's own household


def test_x6_an_official_of_another_township_is_no_conflict(graph: Graph, couple: Couple) -> None:
    load(graph, "regions", [{"code": "440103002000", "name": "另一街道"}])
    load(graph, "officials", [serve(couple.son, "440103002000")])
    assert scan(graph, "X6") == []


def test_x6_the_filing_at_acceptance_clears_it(graph: Graph, couple: Couple) -> None:
    load(graph, "officials", [serve(couple.son, "440103000000")])  # the county's
    assert len(scan(graph, "X6")) == 2
    intake = Intake("dibao", HOUSEHOLD, couple.head, "window", date(2026, 3, 2))
    app_id = file_application(graph, TOWNSHIP_OFFICER, intake, POLICY).application_id
    signed = Authorisation(couple.head, (couple.head, couple.wife), "paper", date(2026, 3, 2))
    record_step(graph, TOWNSHIP_OFFICER, app_id, signed, POLICY)
    record_step(graph, TOWNSHIP_OFFICER, app_id, Acceptance(date(2026, 3, 3), True), POLICY)
    assert scan(graph, "X6") == []
