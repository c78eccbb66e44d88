"""Case conferences (R6) against the real Neo4j: convened by a county on its case, signed
read-only, each task sent as a referral (P11) in the signature's own transaction."""

import threading
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from conferences import ReadOnly, Task, amend, convene, get_conference, list_conferences, sign
from core.errors import InvalidField, NotFound
from graph.db import Graph
from procedure.errors import StepNotAllowed
from procedure.policy import default_policy
from referrals import Filters, get_referral, list_referrals
from tests.applications.family import OTHER_HOUSEHOLD, Couple, load_couple
from tests.conferences.world import (
    COUNTY,
    COUNTY_OFFICER,
    HELD,
    HOUSEHOLD,
    SHENZHEN_COUNTY,
    SIGNED,
    TOWNSHIP,
    bare_relief,
    body,
)
from webhooks import register

POLICY = default_policy()


@pytest.fixture
def couple(graph: Graph) -> Couple:
    return load_couple(graph)


def node(graph: Graph, conference_id: str) -> dict[str, Any]:
    rows = graph.driver.execute_query(
        "MATCH (c:Conference {conference_id: $id}) RETURN properties(c) AS c",
        id=conference_id,
        database_="neo4j",
    ).records
    return dict(rows[0]["c"])


def count(graph: Graph, cypher: str, **params: Any) -> int:
    return int(graph.driver.execute_query(cypher, params, database_="neo4j").records[0][0])


def test_r6_convened_by_the_county_of_the_callers_region(graph: Graph, couple: Couple) -> None:
    case = convene(graph, COUNTY_OFFICER, body())
    c = node(graph, case.conference_id)
    # The agreed schema the relief package reads.
    assert (c["county_code"], c["status"], c["version"]) == (COUNTY, "draft", 1)
    assert (c["held_on"].to_native(), c["amount"], c["household_id"]) == (HELD, 12000.0, HOUSEHOLD)
    assert isinstance(c["amount"], float)
    assert c["departments"] == ["housing", "medical_security"]
    assert "signed_on" not in c
    assert "relief_id" not in c
    assert "person_id" not in c
    assert c["township_code"] == TOWNSHIP
    assert [s["step"] for s in case.steps] == ["convened"]
    assert case.steps[0]["rules"] == ["R6"]
    # An officer whose region is above any county convenes nothing (R6: a county convenes).
    city = replace(COUNTY_OFFICER, region_prefix="4401")
    with pytest.raises(StepNotAllowed) as refused:
        convene(graph, city, body())
    assert refused.value.rules == ("R6",)


def test_r6_a_conference_names_its_case_or_subject(graph: Graph, couple: Couple) -> None:
    with pytest.raises(InvalidField) as none:
        convene(graph, COUNTY_OFFICER, body(household_id=None))
    assert none.value.field == "relief_id"
    with pytest.raises(InvalidField) as both:
        convene(graph, COUNTY_OFFICER, body(person_id=couple.head))
    assert both.value.field == "person_id"
    with pytest.raises(InvalidField) as twice:
        convene(graph, COUNTY_OFFICER, body(departments=("housing", "housing")))
    assert twice.value.field == "departments"
    by_person = convene(graph, COUNTY_OFFICER, body(household_id=None, person_id=couple.head))
    assert by_person.conference["person_id"] == couple.head
    assert by_person.conference["township_code"] == TOWNSHIP


def test_r6_outside_the_county_it_is_absent(graph: Graph, couple: Couple) -> None:
    with pytest.raises(NotFound):
        convene(graph, SHENZHEN_COUNTY, body())
    case = convene(graph, COUNTY_OFFICER, body())
    with pytest.raises(NotFound):
        get_conference(graph, SHENZHEN_COUNTY.region_prefix, case.conference_id)
    with pytest.raises(NotFound):
        sign(graph, SHENZHEN_COUNTY, case.conference_id, SIGNED, POLICY)
    assert list_conferences(graph, "440304", None, None, 10) == []
    assert [c["conference_id"] for c in list_conferences(graph, "440103001", None, None, 10)] == [
        case.conference_id
    ]


def test_r6_signed_it_is_read_only(graph: Graph, couple: Couple) -> None:
    case = convene(graph, COUNTY_OFFICER, body())
    amended = amend(graph, COUNTY_OFFICER, case.conference_id, body(amount=15000.0), HELD)
    assert amended.conference["amount"] == 15000.0
    signed = sign(graph, COUNTY_OFFICER, case.conference_id, SIGNED, POLICY)
    assert (signed.status, signed.conference["signed_on"]) == ("signed", SIGNED)
    before = node(graph, case.conference_id)
    with pytest.raises(ReadOnly) as changed:
        amend(graph, COUNTY_OFFICER, case.conference_id, body(amount=1.0), SIGNED)
    assert (changed.value.status, changed.value.rules) == ("signed", ("R6",))
    with pytest.raises(ReadOnly):
        sign(graph, COUNTY_OFFICER, case.conference_id, SIGNED, POLICY)
    assert node(graph, case.conference_id) == before
    steps = get_conference(graph, "440103", case.conference_id).steps
    assert [s["step"] for s in steps] == ["convened", "amended", "signature"]


def test_r6_two_signatures_at_once_sign_once(graph: Graph, couple: Couple) -> None:
    case = convene(graph, COUNTY_OFFICER, body())
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def try_sign() -> None:
        start.wait()
        try:
            sign(graph, COUNTY_OFFICER, case.conference_id, SIGNED, POLICY)
            outcomes.append("signed")
        except ReadOnly:
            outcomes.append("read-only")

    threads = [threading.Thread(target=try_sign) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["read-only", "signed"]
    assert count(graph, "MATCH (r:Referral) RETURN count(r)") == 1


def test_r6_a_signature_before_the_conference_is_refused(graph: Graph, couple: Couple) -> None:
    case = convene(graph, COUNTY_OFFICER, body())
    with pytest.raises(StepNotAllowed) as early:
        sign(graph, COUNTY_OFFICER, case.conference_id, date(2026, 3, 1), POLICY)
    assert (early.value.status, early.value.rules) == ("draft", ("R6",))


def test_r6_each_task_becomes_a_referral_named_after_the_conference(
    graph: Graph, couple: Couple
) -> None:
    hook = register(graph, "housing", COUNTY, "https://93.184.216.34/hook")
    assert hook.webhook.department == "housing"
    tasks = (Task("housing", "危房改造"), Task("medical_security", "医疗救助"))
    case = convene(graph, COUNTY_OFFICER, body(tasks=tasks))
    assert count(graph, "MATCH (r:Referral) RETURN count(r)") == 0  # a draft sends nothing
    signed = sign(graph, COUNTY_OFFICER, case.conference_id, SIGNED, POLICY)
    ids = signed.conference["referral_ids"]
    referrals = [get_referral(graph, "440103", None, i).referral for i in ids]
    assert [(r["department"], r["need"]) for r in referrals] == [
        ("housing", "危房改造"),
        ("medical_security", "医疗救助"),
    ]
    assert {(r["source_id"], r["source_kind"], r["sent_on"]) for r in referrals} == {
        (case.conference_id, "conference", SIGNED)
    }
    assert {r["household_id"] for r in referrals} == {HOUSEHOLD}
    # The department with a webhook is told in the signature's transaction (the outbox).
    topics = graph.driver.execute_query(
        "MATCH (m:OutboxMessage) RETURN m.topic AS topic, m.department AS department",
        database_="neo4j",
    ).records
    assert [(m["topic"], m["department"]) for m in topics] == [("referral.sent", "housing")]
    assert count(graph, "MATCH (:Conference)-[:REFERRED]->(r:Referral) RETURN count(r)") == 2
    listed = list_referrals(graph, "440103", Filters(department="housing"), None, 10)
    assert [r["source_id"] for r in listed] == [case.conference_id]


def test_r6_the_signature_and_its_referrals_commit_together(graph: Graph, couple: Couple) -> None:
    """A task the referral service refuses (here a charity task whose consent was lost from
    the stored draft, which P11 refuses) undoes the whole signature: the first task's
    referral, its outbox message and the signed status are never committed."""
    register(graph, "housing", COUNTY, "https://93.184.216.34/hook")
    case = convene(graph, COUNTY_OFFICER, body())
    graph.driver.execute_query(
        "MATCH (c:Conference {conference_id: $id}) SET c.tasks_json = $tasks",
        id=case.conference_id,
        tasks='[{"department": "housing", "need": "危房改造", "consent_on": null},'
        ' {"department": "charity", "need": "慈善帮扶", "consent_on": null}]',
        database_="neo4j",
    )
    with pytest.raises(InvalidField) as refused:
        sign(graph, COUNTY_OFFICER, case.conference_id, SIGNED, POLICY)
    assert refused.value.field == "consent_on"
    assert node(graph, case.conference_id)["status"] == "draft"
    assert count(graph, "MATCH (r:Referral) RETURN count(r)") == 0
    assert count(graph, "MATCH (m:OutboxMessage) RETURN count(m)") == 0


def test_p11_a_charity_task_needs_the_households_consent(graph: Graph, couple: Couple) -> None:
    with pytest.raises(InvalidField) as missing:
        convene(graph, COUNTY_OFFICER, body(tasks=(Task("charity", "慈善帮扶"),)))
    assert missing.value.field == "tasks.0.consent_on"
    late = Task("charity", "慈善帮扶", date(2026, 3, 5))
    with pytest.raises(InvalidField) as after:
        convene(graph, COUNTY_OFFICER, body(tasks=(late,)))
    assert after.value.field == "tasks.0.consent_on"
    consented = Task("charity", "慈善帮扶", HELD)
    case = convene(graph, COUNTY_OFFICER, body(tasks=(consented,)))
    signed = sign(graph, COUNTY_OFFICER, case.conference_id, SIGNED, POLICY)
    (referral_id,) = signed.conference["referral_ids"]
    referral = get_referral(graph, "440103", None, referral_id).referral
    assert (referral["department"], referral["consent_on"]) == ("charity", HELD)


def test_r6_on_a_relief_case_tied_when_the_case_exists(graph: Graph, couple: Couple) -> None:
    bare_relief(graph, "RL-1", household_id=HOUSEHOLD)
    on_case = convene(graph, COUNTY_OFFICER, body(household_id=None, relief_id="RL-1"))
    assert on_case.conference["township_code"] == TOWNSHIP
    edges = (
        "MATCH (:Conference {relief_id: $r})-[:ON_CASE]->(:Relief {relief_id: $r}) RETURN count(*)"
    )
    assert count(graph, edges, r="RL-1") == 1
    # The tasks go to the relief case's household.
    signed = sign(graph, COUNTY_OFFICER, on_case.conference_id, SIGNED, POLICY)
    (referral_id,) = signed.conference["referral_ids"]
    assert get_referral(graph, "440103", None, referral_id).referral["household_id"] == HOUSEHOLD
    # A case filed after the conference is convened is tied at the signature.
    early = convene(graph, COUNTY_OFFICER, body(relief_id="RL-2"))
    assert count(graph, edges, r="RL-2") == 0
    bare_relief(graph, "RL-2")
    sign(graph, COUNTY_OFFICER, early.conference_id, SIGNED, POLICY)
    assert count(graph, edges, r="RL-2") == 1


def test_r6_tasks_need_someone_to_refer(graph: Graph, couple: Couple) -> None:
    bare_relief(graph, "RL-3")  # no subject recorded on it
    case = convene(graph, COUNTY_OFFICER, body(household_id=None, relief_id="RL-3"))
    with pytest.raises(StepNotAllowed) as nobody:
        sign(graph, COUNTY_OFFICER, case.conference_id, SIGNED, POLICY)
    assert nobody.value.rules == ("R6", "P11")
    bare = convene(graph, COUNTY_OFFICER, body(household_id=None, relief_id="RL-3", tasks=()))
    assert sign(graph, COUNTY_OFFICER, bare.conference_id, SIGNED, POLICY).status == "signed"


def test_r6_a_relief_case_elsewhere_is_absent(graph: Graph, couple: Couple) -> None:
    bare_relief(graph, "RL-SZ", township="440304001000")
    with pytest.raises(NotFound):
        convene(graph, COUNTY_OFFICER, body(household_id=None, relief_id="RL-SZ"))


def test_r6_a_task_on_a_subject_outside_the_county_is_refused_as_absent(
    graph: Graph, couple: Couple
) -> None:
    """R1 files a case where the emergency happened, for a subject who may live anywhere; R6
    turns each task into a referral (P11) of the convening county, and a subject living
    outside the county is outside its region: 404 as if absent (CONTRACT §3), at the
    convening, the amendment and the signature, with nothing written."""
    bare_relief(graph, "RL-SZ-HOME", household_id=OTHER_HOUSEHOLD)  # the household: 深圳
    bare_relief(graph, "RL-SZ-PERSON", person_id=couple.neighbour)  # a person of 深圳
    for relief_id in ("RL-SZ-HOME", "RL-SZ-PERSON"):
        with pytest.raises(NotFound):
            convene(graph, COUNTY_OFFICER, body(household_id=None, relief_id=relief_id))
        # Without tasks the conference on the case is the county's own (R1, R4, R6).
        bare = convene(
            graph, COUNTY_OFFICER, body(household_id=None, relief_id=relief_id, tasks=())
        )
        assert bare.conference["township_code"] == TOWNSHIP
        with pytest.raises(NotFound):
            amend(
                graph,
                COUNTY_OFFICER,
                bare.conference_id,
                body(household_id=None, relief_id=relief_id),
                HELD,
            )
        # A task the stored draft gained past the convening (or a subject who moved out of
        # the county before the signature): the signature is refused and writes nothing.
        graph.driver.execute_query(
            "MATCH (c:Conference {conference_id: $id}) SET c.tasks_json = $tasks",
            id=bare.conference_id,
            tasks='[{"department": "housing", "need": "危房改造", "consent_on": null}]',
            database_="neo4j",
        )
        with pytest.raises(NotFound):
            sign(graph, COUNTY_OFFICER, bare.conference_id, SIGNED, POLICY)
        assert node(graph, bare.conference_id)["status"] == "draft"
    assert count(graph, "MATCH (r:Referral) RETURN count(r)") == 0
    assert count(graph, "MATCH (m:OutboxMessage) RETURN count(m)") == 0
