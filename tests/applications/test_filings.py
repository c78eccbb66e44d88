"""C3 and C4 on an application against the real Neo4j: the son of the household serves its
township as a handler; acceptance files the case with the relation path, undeclared unless
the application declared it; the filed case is decided only after a county officer's visit."""

from dataclasses import replace
from datetime import date

import pytest

from applications import (
    Acceptance,
    Authorisation,
    Decision,
    Intake,
    Investigation,
    Posting,
    Transmission,
    file_application,
    get_case,
    record_step,
)
from graph.db import Graph
from loaders.pipeline import load_records
from loaders.read import RawRecord
from procedure.errors import StepNotAllowed
from procedure.policy import default_policy
from tests.applications.family import (
    COUNTY_OFFICER,
    HOUSEHOLD,
    TOWNSHIP,
    TOWNSHIP_OFFICER,
    Couple,
    load_couple,
)

POLICY = default_policy()
RECEIVED = date(2026, 3, 2)


@pytest.fixture
def couple(graph: Graph) -> Couple:
    couple = load_couple(graph)
    official = {
        "person_id": couple.son,
        "role": "handler",
        "region_code": TOWNSHIP,
        "from": "2020-01-01",
        "to": None,
    }
    report = load_records(graph, "officials", [RawRecord(0, official)])
    assert report.rejected == []
    return couple


def accept(graph: Graph, couple: Couple, declared: bool) -> str:
    intake = Intake(
        "dibao", HOUSEHOLD, couple.head, "window", RECEIVED, declared_official_relative=declared
    )
    app_id = file_application(graph, TOWNSHIP_OFFICER, intake, POLICY).application_id
    signed = Authorisation(couple.head, (couple.head, couple.wife), "paper", RECEIVED)
    record_step(graph, TOWNSHIP_OFFICER, app_id, signed, POLICY)
    record_step(graph, TOWNSHIP_OFFICER, app_id, Acceptance(date(2026, 3, 3), True), POLICY)
    return app_id


@pytest.mark.parametrize("declared", [False, True])
def test_c3_acceptance_files_the_case_with_the_relation_path(
    graph: Graph, couple: Couple, declared: bool
) -> None:
    case = get_case(graph, "44", accept(graph, couple, declared))
    assert case.application["filed"] is True
    by_member = {f["member_id"]: f for f in case.filings}
    assert set(by_member) == {couple.head, couple.wife}
    father = by_member[couple.head]
    assert (father["official_id"], father["relation"]) == (couple.son, "parent")
    assert father["relation_path"] == [couple.son, couple.head]
    assert (father["declared"], father["undeclared"]) == (declared, not declared)


def test_c4_a_filed_case_needs_a_county_visit_before_its_decision(
    graph: Graph, couple: Couple
) -> None:
    app_id = accept(graph, couple, declared=False)
    visit = Investigation(date(2026, 3, 5), couple.investigators, couple.head, "入户", "grant")
    record_step(graph, TOWNSHIP_OFFICER, app_id, visit, POLICY)
    record_step(graph, TOWNSHIP_OFFICER, app_id, Posting(date(2026, 3, 6)), POLICY)
    record_step(graph, TOWNSHIP_OFFICER, app_id, Transmission(date(2026, 3, 16)), POLICY)
    with pytest.raises(StepNotAllowed) as refused:
        record_step(graph, COUNTY_OFFICER, app_id, Decision(date(2026, 3, 20), True), POLICY)
    assert refused.value.rules == ("C4",)
    # The filing found again at the decision is not filed twice.
    assert len(get_case(graph, "44", app_id).filings) == 2


def test_c4_a_county_visit_lets_the_decision_through(graph: Graph, couple: Couple) -> None:
    app_id = accept(graph, couple, declared=True)
    county = replace(COUNTY_OFFICER, sub="county-visitor")
    visit = Investigation(
        date(2026, 3, 5), couple.investigators, couple.head, "县级入户核查", "grant"
    )
    record_step(graph, county, app_id, visit, POLICY)
    record_step(graph, TOWNSHIP_OFFICER, app_id, Posting(date(2026, 3, 6)), POLICY)
    record_step(graph, TOWNSHIP_OFFICER, app_id, Transmission(date(2026, 3, 16)), POLICY)
    done = record_step(graph, COUNTY_OFFICER, app_id, Decision(date(2026, 3, 20), True), POLICY)
    assert done.status == "granted"
