"""Referrals (P11) against the real Neo4j: sent from an application, answered by the
department within its clocks, every change queued for the department's webhook in the same
transaction and delivered to a real local receiver."""

import json
import threading
from dataclasses import replace
from datetime import UTC, date, datetime

import httpx
import pytest

from applications import Intake, file_application
from core.errors import InvalidField, NotFound
from graph.db import Graph
from procedure.errors import StepNotAllowed
from procedure.policy import default_policy
from referrals import Filters, ReferralIn, answer, get_referral, list_referrals, send
from tests.applications.family import (
    COUNTY_OFFICER,
    HOUSEHOLD,
    OTHER_TOWNSHIP,
    TOWNSHIP,
    TOWNSHIP_OFFICER,
    Couple,
    load_couple,
)
from tests.webhooks.receiver import Receiver, running
from webhooks import deliver_due, register

POLICY = default_policy()
SENT = date(2026, 3, 2)  # a Monday
HOUSING = replace(COUNTY_OFFICER, sub="housing-1", role="department")


@pytest.fixture
def source(graph: Graph) -> tuple[Couple, str]:
    couple = load_couple(graph)
    intake = Intake("dibao", HOUSEHOLD, couple.head, "window", SENT)
    case = file_application(graph, TOWNSHIP_OFFICER, intake, POLICY)
    return couple, case.application_id


def referral(source_id: str, **changes: object) -> ReferralIn:
    values: dict[str, object] = {
        "source_id": source_id,
        "department": "housing",
        "need": "危房改造",
        "sent_on": SENT,
        "household_id": HOUSEHOLD,
    }
    return ReferralIn(**(values | changes))  # type: ignore[arg-type]


def messages(graph: Graph) -> list[str]:
    rows = graph.driver.execute_query(
        "MATCH (m:OutboxMessage) RETURN m.topic AS topic ORDER BY m.created_at"
    ).records
    return [r["topic"] for r in rows]


def test_p11_clocks_start_at_sent_on(graph: Graph, source: tuple[Couple, str]) -> None:
    _, app_id = source
    sent = send(graph, TOWNSHIP_OFFICER, referral(app_id), POLICY)
    r = sent.referral
    assert (r["status"], r["township_code"], r["source_kind"]) == ("sent", TOWNSHIP, "application")
    # Acknowledgement 2 working days after Mon 2026-03-02: Wed 2026-03-04.
    assert (r["due_on"], r["due_step"]) == (date(2026, 3, 4), "acknowledgement")
    acked = answer(
        graph, HOUSING, "housing", sent.referral_id, "acknowledged", date(2026, 3, 3), None, POLICY
    )
    # The outcome, 10 working days after sent_on: Mon 2026-03-16.
    assert (acked.referral["due_on"], acked.referral["due_step"]) == (date(2026, 3, 16), "outcome")
    done = answer(
        graph,
        HOUSING,
        "housing",
        sent.referral_id,
        "done",
        date(2026, 3, 10),
        "已纳入改造计划",
        POLICY,
    )
    assert done.referral["status"] == "done"
    assert done.referral.get("due_on") is None
    assert [s["step"] for s in done.steps] == ["sent", "acknowledged", "done"]


def test_p11_overdue_referrals_show_in_the_countys_list(
    graph: Graph, source: tuple[Couple, str]
) -> None:
    _, app_id = source
    sent = send(graph, TOWNSHIP_OFFICER, referral(app_id), POLICY)
    late = list_referrals(graph, "440103", Filters(overdue_on=date(2026, 3, 5)), None, 10)
    assert [r["referral_id"] for r in late] == [sent.referral_id]
    assert list_referrals(graph, "440103", Filters(overdue_on=date(2026, 3, 4)), None, 10) == []


def test_p11_another_department_sees_nothing(graph: Graph, source: tuple[Couple, str]) -> None:
    _, app_id = source
    sent = send(graph, TOWNSHIP_OFFICER, referral(app_id), POLICY)
    with pytest.raises(NotFound):
        get_referral(graph, "440103", "education", sent.referral_id)
    with pytest.raises(NotFound):
        answer(graph, HOUSING, "education", sent.referral_id, "acknowledged", SENT, None, POLICY)
    assert list_referrals(graph, "440103", Filters(department="education"), None, 10) == []


def test_p11_charity_needs_the_households_consent(graph: Graph, source: tuple[Couple, str]) -> None:
    _, app_id = source
    with pytest.raises(InvalidField) as refused:
        send(graph, TOWNSHIP_OFFICER, referral(app_id, department="charity"), POLICY)
    assert refused.value.field == "consent_on"
    ok = send(
        graph, TOWNSHIP_OFFICER, referral(app_id, department="charity", consent_on=SENT), POLICY
    )
    assert ok.referral["department"] == "charity"


def test_p11_source_must_be_a_case_and_rejection_needs_a_reason(
    graph: Graph, source: tuple[Couple, str]
) -> None:
    _, app_id = source
    with pytest.raises(InvalidField):
        send(graph, TOWNSHIP_OFFICER, referral("A-NONE"), POLICY)
    with pytest.raises(NotFound):
        send(graph, OTHER_TOWNSHIP, referral(app_id), POLICY)
    sent = send(graph, TOWNSHIP_OFFICER, referral(app_id), POLICY)
    with pytest.raises(InvalidField):
        answer(graph, HOUSING, "housing", sent.referral_id, "rejected", SENT, " ", POLICY)
    answer(graph, HOUSING, "housing", sent.referral_id, "rejected", SENT, "不符合条件", POLICY)
    with pytest.raises(StepNotAllowed) as closed:
        answer(graph, HOUSING, "housing", sent.referral_id, "done", SENT, "x", POLICY)
    assert closed.value.status == "rejected"


def test_p11_two_answers_at_once_cannot_both_close_it(
    graph: Graph, source: tuple[Couple, str]
) -> None:
    _, app_id = source
    sent = send(graph, TOWNSHIP_OFFICER, referral(app_id), POLICY)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def close(status: str) -> None:
        start.wait()
        try:
            answer(graph, HOUSING, "housing", sent.referral_id, status, SENT, "结果", POLICY)  # type: ignore[arg-type]
            outcomes.append("won")
        except StepNotAllowed:
            outcomes.append("refused")

    threads = [threading.Thread(target=close, args=(s,)) for s in ("rejected", "done")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused", "won"]


def test_p11_each_change_reaches_the_departments_webhook(
    graph: Graph, source: tuple[Couple, str]
) -> None:
    _, app_id = source
    with running(Receiver()) as receiver:
        hook = register(graph, "housing", "440103000000", receiver.url)
        receiver.secret = hook.secret
        sent = send(graph, TOWNSHIP_OFFICER, referral(app_id), POLICY)
        answer(graph, HOUSING, "housing", sent.referral_id, "accepted", SENT, "受理", POLICY)
        assert messages(graph) == ["referral.sent", "referral.accepted"]
        with httpx.Client() as client:
            deliver_due(graph, datetime.now(UTC), client)
        bodies = [json.loads(body) for body in receiver.unique.values()]
    assert sorted(b["topic"] for b in bodies) == ["referral.accepted", "referral.sent"]
    assert {b["data"]["referral_id"] for b in bodies} == {sent.referral_id}
