"""An application from intake to the enrolment against the real Neo4j (RULES P1–P8, P12, C5),
through `applications.service`: each rule's test is named by its id."""

import threading
from datetime import date

import pytest

from applications import (
    Acceptance,
    Authorisation,
    Case,
    Decision,
    Filters,
    Intake,
    Investigation,
    Objection,
    Posting,
    Transmission,
    Withdrawal,
    file_application,
    get_case,
    list_applications,
    record_step,
)
from core.errors import InvalidField, NotFound
from graph.db import Graph
from procedure.errors import StepNotAllowed
from procedure.policy import ProcedurePolicy, default_policy
from tests.applications.family import (
    COUNTY_OFFICER,
    HOUSEHOLD,
    OTHER_TOWNSHIP,
    TOWNSHIP,
    TOWNSHIP_OFFICER,
    Couple,
    load_couple,
)

POLICY = default_policy()
RECEIVED = date(2026, 3, 2)  # a Monday


@pytest.fixture
def couple(graph: Graph) -> Couple:
    return load_couple(graph)


def intake(couple: Couple, **changes: object) -> Intake:
    values: dict[str, object] = {
        "program": "dibao",
        "household_id": HOUSEHOLD,
        "applicant_id": couple.head,
        "channel": "window",
        "received_on": RECEIVED,
    }
    return Intake(**(values | changes))  # type: ignore[arg-type]


def accepted(graph: Graph, couple: Couple, policy: ProcedurePolicy = POLICY) -> Case:
    case = file_application(graph, TOWNSHIP_OFFICER, intake(couple), policy)
    signed = Authorisation(couple.head, (couple.head, couple.wife), "paper", RECEIVED)
    record_step(graph, TOWNSHIP_OFFICER, case.application_id, signed, policy)
    accept = Acceptance(on=date(2026, 3, 3), accept=True)
    return record_step(graph, TOWNSHIP_OFFICER, case.application_id, accept, policy)


def visit(
    couple: Couple, on: date, opinion: str = "grant", reason: str | None = None
) -> Investigation:
    return Investigation(on, couple.investigators, couple.head, "家中无收入", opinion, reason)  # type: ignore[arg-type]


def test_p1_application_is_filed_with_the_households_township(graph: Graph, couple: Couple) -> None:
    case = file_application(graph, TOWNSHIP_OFFICER, intake(couple), POLICY)
    assert case.status == "received"
    assert case.application["township_code"] == TOWNSHIP
    assert [s["step"] for s in case.steps] == ["application"]
    assert case.steps[0]["rules"] == ["P1", "W5"]
    assert case.steps[0]["by"] == "officer-1"


def test_p1_applicant_must_be_a_current_member(graph: Graph, couple: Couple) -> None:
    with pytest.raises(InvalidField) as refused:
        file_application(graph, TOWNSHIP_OFFICER, intake(couple, applicant_id=couple.son), POLICY)
    assert refused.value.field == "applicant_id"


def test_p1_tekun_names_a_member_of_the_household(graph: Graph, couple: Couple) -> None:
    with pytest.raises(InvalidField) as refused:
        file_application(
            graph, TOWNSHIP_OFFICER, intake(couple, program="tekun", person_id=couple.son), POLICY
        )
    assert refused.value.field == "person_id"


def test_p1_outside_the_callers_region_is_not_found(graph: Graph, couple: Couple) -> None:
    with pytest.raises(NotFound):
        file_application(graph, OTHER_TOWNSHIP, intake(couple), POLICY)
    case = file_application(graph, TOWNSHIP_OFFICER, intake(couple), POLICY)
    with pytest.raises(NotFound):
        get_case(graph, OTHER_TOWNSHIP.region_prefix, case.application_id)


def test_p3_acceptance_lists_every_missing_item(graph: Graph, couple: Couple) -> None:
    case = file_application(graph, TOWNSHIP_OFFICER, intake(couple, channel="proxy_person"), POLICY)
    with pytest.raises(StepNotAllowed) as refused:
        record_step(
            graph, TOWNSHIP_OFFICER, case.application_id, Acceptance(RECEIVED, True), POLICY
        )
    assert set(refused.value.missing) == {
        f"authorisation:{couple.head}",
        f"authorisation:{couple.wife}",
        "proxy_name",
    }
    assert get_case(graph, "44", case.application_id).status == "received"


def test_p2_an_outside_supporter_signs_only_for_self(graph: Graph, couple: Couple) -> None:
    case = file_application(graph, TOWNSHIP_OFFICER, intake(couple), POLICY)
    signed = Authorisation(couple.son, (couple.son, couple.head), "paper", RECEIVED)
    with pytest.raises(InvalidField) as refused:
        record_step(graph, TOWNSHIP_OFFICER, case.application_id, signed, POLICY)
    assert refused.value.field == "signer_id"
    own = Authorisation(couple.son, (couple.son,), "electronic", RECEIVED)
    after = record_step(graph, TOWNSHIP_OFFICER, case.application_id, own, POLICY)
    assert after.covered() == {couple.son: couple.son}


def test_p3_not_accepted_needs_a_reason(graph: Graph, couple: Couple) -> None:
    case = file_application(graph, TOWNSHIP_OFFICER, intake(couple), POLICY)
    with pytest.raises(InvalidField):
        record_step(
            graph, TOWNSHIP_OFFICER, case.application_id, Acceptance(RECEIVED, False), POLICY
        )
    refused = Acceptance(RECEIVED, False, "户籍不在本镇")
    after = record_step(graph, TOWNSHIP_OFFICER, case.application_id, refused, POLICY)
    assert after.status == "not_accepted"
    assert after.application.get("due_on") is None


def test_p5_investigation_needs_two_investigators_and_a_present_member(
    graph: Graph, couple: Couple
) -> None:
    case = accepted(graph, couple)
    one = Investigation(date(2026, 3, 5), couple.investigators[:1], couple.head, "x", "grant")
    with pytest.raises(InvalidField) as refused:
        record_step(graph, TOWNSHIP_OFFICER, case.application_id, one, POLICY)
    assert refused.value.field == "investigators"
    absent = Investigation(date(2026, 3, 5), couple.investigators, couple.son, "x", "grant")
    with pytest.raises(InvalidField) as refused:
        record_step(graph, TOWNSHIP_OFFICER, case.application_id, absent, POLICY)
    assert refused.value.field == "present_member_id"


def test_p5_deadline_runs_from_acceptance(graph: Graph, couple: Couple) -> None:
    case = accepted(graph, couple)
    # 10 working days after Tue 2026-03-03: Tue 2026-03-17.
    assert case.application["due_on"] == date(2026, 3, 17)
    assert case.application["due_step"] == "investigation"


def test_p5_snapshot_does_not_change_with_the_graph(graph: Graph, couple: Couple) -> None:
    case = accepted(graph, couple)
    after = record_step(
        graph, TOWNSHIP_OFFICER, case.application_id, visit(couple, date(2026, 3, 5)), POLICY
    )
    snapshot = after.data(after.steps[-1])["verdict"]
    assert snapshot["household"]["dibao"]["eligible"] is True
    assert snapshot["as_of"] == "2026-03-05"
    graph.driver.execute_query(
        "MATCH (p:Person {person_id: $id}) SET p.annual_income = 999999", {"id": couple.head}
    )
    again = get_case(graph, "44", case.application_id)
    assert again.data(again.steps[-1])["verdict"] == snapshot


def through_publicity(graph: Graph, couple: Couple) -> Case:
    case = accepted(graph, couple)
    app_id = case.application_id
    record_step(graph, TOWNSHIP_OFFICER, app_id, visit(couple, date(2026, 3, 5)), POLICY)
    return record_step(graph, TOWNSHIP_OFFICER, app_id, Posting(date(2026, 3, 6)), POLICY)


def test_p6_publicity_runs_seven_days_and_blocks_early_transmission(
    graph: Graph, couple: Couple
) -> None:
    case = through_publicity(graph, couple)
    assert case.status == "publicity"
    # 7 days from Sat 2026-03-07: Fri 2026-03-13, a working day.
    assert case.application["publicity_last_day"] == date(2026, 3, 13)
    with pytest.raises(StepNotAllowed) as refused:
        record_step(
            graph, TOWNSHIP_OFFICER, case.application_id, Transmission(date(2026, 3, 13)), POLICY
        )
    assert "P7" in refused.value.rules


def test_p6_objection_reopens_the_investigation(graph: Graph, couple: Couple) -> None:
    case = through_publicity(graph, couple)
    after = record_step(
        graph,
        TOWNSHIP_OFFICER,
        case.application_id,
        Objection(date(2026, 3, 9), "邻居反映有房产"),
        POLICY,
    )
    assert after.status == "investigating"
    assert after.opinion is None
    assert after.application["due_step"] == "investigation"
    with pytest.raises(StepNotAllowed):
        record_step(
            graph, TOWNSHIP_OFFICER, case.application_id, Posting(date(2026, 3, 10)), POLICY
        )


def test_p7_p8_county_decides_and_the_grant_enrols_next_month(graph: Graph, couple: Couple) -> None:
    case = through_publicity(graph, couple)
    app_id = case.application_id
    sent = record_step(graph, TOWNSHIP_OFFICER, app_id, Transmission(date(2026, 3, 16)), POLICY)
    assert sent.status == "transmitted"
    assert sent.application["due_step"] == "decision"
    with pytest.raises(StepNotAllowed) as refused:
        record_step(graph, TOWNSHIP_OFFICER, app_id, Decision(date(2026, 3, 20), True), POLICY)
    assert refused.value.rules == ("P7",)
    granted = record_step(graph, COUNTY_OFFICER, app_id, Decision(date(2026, 3, 20), True), POLICY)
    assert granted.status == "granted"
    # (1500 - 0) × 2 members.
    assert granted.application["monthly_amount"] == 3000
    assert granted.application["enrollment_from"] == date(2026, 4, 1)
    assert granted.application.get("due_on") is None
    rows = graph.driver.execute_query(
        "MATCH (e:Enrollment {subject_id: $h, program: 'dibao'})-[:OF]->(:Household) "
        "RETURN e.monthly_amount AS amount, e.from AS from",
        {"h": HOUSEHOLD},
    ).records
    assert [(r["amount"], r["from"].to_native()) for r in rows] == [(3000, date(2026, 4, 1))]


def test_p7_a_delegated_township_decides(graph: Graph, couple: Couple) -> None:
    from procedure.policy import ProcedureSettings

    delegated = ProcedureSettings(confirmation_level={"440103": "township"}).policy()
    case = accepted(graph, couple, delegated)
    app_id = case.application_id
    record_step(
        graph,
        TOWNSHIP_OFFICER,
        app_id,
        visit(couple, date(2026, 3, 5), "refuse", "有赡养人"),
        delegated,
    )
    record_step(graph, TOWNSHIP_OFFICER, app_id, Transmission(date(2026, 3, 6)), delegated)
    with pytest.raises(StepNotAllowed):
        record_step(
            graph, COUNTY_OFFICER, app_id, Decision(date(2026, 3, 9), False, "有赡养人"), delegated
        )
    done = record_step(
        graph, TOWNSHIP_OFFICER, app_id, Decision(date(2026, 3, 9), False, "有赡养人"), delegated
    )
    assert done.status == "refused"


def test_p12_timeline_only_grows_and_names_who(graph: Graph, couple: Couple) -> None:
    case = through_publicity(graph, couple)
    timeline = case.timeline()
    assert [s.step for s in timeline.steps] == [
        "application",
        "authorisation",
        "acceptance",
        "investigation",
        "publicity",
    ]
    later = record_step(
        graph,
        TOWNSHIP_OFFICER,
        case.application_id,
        Withdrawal(date(2026, 3, 9), "家庭收入增加"),
        POLICY,
    )
    assert later.timeline().extends(timeline)
    assert later.status == "withdrawn"


def test_p12_two_officers_at_once_cannot_both_decide(graph: Graph, couple: Couple) -> None:
    case = through_publicity(graph, couple)
    app_id = case.application_id
    record_step(graph, TOWNSHIP_OFFICER, app_id, Transmission(date(2026, 3, 16)), POLICY)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(grant: bool) -> None:
        start.wait()
        try:
            record_step(
                graph, COUNTY_OFFICER, app_id, Decision(date(2026, 3, 20), grant, "理由"), POLICY
            )
            outcomes.append("won")
        except StepNotAllowed:
            outcomes.append("refused")

    threads = [threading.Thread(target=decide, args=(g,)) for g in (True, False)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused", "won"]
    final = get_case(graph, "44", app_id)
    assert [s["step"] for s in final.steps].count("grant") + [s["step"] for s in final.steps].count(
        "refusal"
    ) == 1


def test_c5_a_related_officer_is_refused(graph: Graph, couple: Couple) -> None:
    from dataclasses import replace

    related = replace(TOWNSHIP_OFFICER, person_id=couple.son)
    with pytest.raises(StepNotAllowed) as refused:
        file_application(graph, related, intake(couple), POLICY)
    assert refused.value.rules[0] == "C5"
    case = accepted(graph, couple)
    bad = Investigation(
        date(2026, 3, 5), (couple.investigators[0], couple.son), couple.head, "x", "grant"
    )
    with pytest.raises(StepNotAllowed) as refused:
        record_step(graph, TOWNSHIP_OFFICER, case.application_id, bad, POLICY)
    assert refused.value.rules[0] == "C5"


def test_list_filters_and_overdue(graph: Graph, couple: Couple) -> None:
    case = accepted(graph, couple)
    file_application(graph, TOWNSHIP_OFFICER, intake(couple), POLICY)
    everything = list_applications(graph, "440103", Filters(), None, 10)
    assert len(everything) == 2
    overdue = list_applications(graph, "440103", Filters(overdue_on=date(2026, 3, 18)), None, 10)
    assert [a["application_id"] for a in overdue] == [case.application_id]
    assert list_applications(graph, "440103", Filters(overdue_on=date(2026, 3, 17)), None, 10) == []
    assert list_applications(graph, "440304", Filters(), None, 10) == []


def test_p7_a_decision_past_the_overall_limit_counts_and_shows_late(
    graph: Graph, couple: Couple
) -> None:
    case = through_publicity(graph, couple)
    app_id = case.application_id
    record_step(graph, TOWNSHIP_OFFICER, app_id, Transmission(date(2026, 3, 16)), POLICY)
    # 30 working days from 2026-03-03 end on 2026-04-15 (Qingming 4-4..4-6 off).
    late = record_step(graph, COUNTY_OFFICER, app_id, Decision(date(2026, 5, 6), True), POLICY)
    assert late.status == "granted"
    assert late.application["decided_late"] is True
