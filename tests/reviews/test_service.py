"""Reviews of open enrolments against the real Neo4j (RULES P10, P6, P9, P12, C5), through
`reviews.due` and `reviews.service`: each rule's test is named by its id."""

import threading
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from core.errors import InvalidCursor, InvalidField, NotFound
from graph.db import Graph
from procedure.errors import StepNotAllowed
from procedure.policy import default_policy
from reviews import DueReview, ReviewCommand, due_reviews, get_review, record_review
from tests.reviews.family import (
    COUNTY_OFFICER,
    FROM,
    OTHER_TOWNSHIP,
    TOWNSHIP,
    TOWNSHIP_OFFICER,
    Households,
    add_warning,
    load_households,
)

POLICY = default_policy()
PREFIX = TOWNSHIP_OFFICER.region_prefix
FAR = date(2027, 12, 31)


@pytest.fixture
def homes(graph: Graph) -> Households:
    return load_households(graph)


def due(graph: Graph, due_on: date = FAR, open_on: date = FROM, **kw: Any) -> list[DueReview]:
    items, _ = due_reviews(graph, kw.get("prefix", PREFIX), due_on, open_on, POLICY, None, 100)
    return items


def by_subject(items: list[DueReview]) -> dict[str, tuple[date, str]]:
    return {i.subject_id: (i.due_on, i.why) for i in items}


def review(subject: str = "HW", **changes: Any) -> ReviewCommand:
    program = "tekun" if subject.startswith("44") else "dibao"
    values: dict[str, Any] = {
        "subject_id": subject,
        "program": program,
        "enrollment_from": FROM,
        "reviewed_on": date(2026, 9, 1),
        "outcome": "continue",
    }
    return ReviewCommand(**(values | changes))


def enrolments(graph: Graph, subject: str) -> list[dict[str, Any]]:
    rows = graph.driver.execute_query(
        "MATCH (e:Enrollment {subject_id: $s}) "
        "OPTIONAL MATCH (r:Review)-[o:OF]->(e) "
        "RETURN e.from AS from, e.to AS to, e.monthly_amount AS amount, "
        "collect(o.as) AS links ORDER BY from",
        s=subject,
        database_="neo4j",
    ).records
    return [
        {**r.data(), "from": r["from"].to_native(), "to": r["to"] and r["to"].to_native()}
        for r in rows
    ]


def test_p10_scheduled_every_6_or_12_months_by_the_members_able_to_work(
    graph: Graph, homes: Households
) -> None:
    listed = by_subject(due(graph))
    assert listed == {
        "HW": (date(2026, 9, 1), "scheduled"),  # a member aged 35: every 6 months
        "HE": (date(2027, 3, 1), "scheduled"),  # two elders: every 12
        homes.tekun: (date(2027, 3, 1), "scheduled"),  # tekun: every 12
    }
    assert {i.township_code for i in due(graph)} == {TOWNSHIP}
    assert [i.subject_id for i in due(graph, date(2026, 9, 1))] == ["HW"]  # on or before D
    assert due(graph, date(2026, 8, 31)) == []
    assert "HS" in by_subject(due(graph, prefix="44"))  # 深圳's, outside the township


def test_p10_a_member_with_a_t2_disability_is_not_able_to_work(
    graph: Graph, homes: Households
) -> None:
    graph.driver.execute_query(
        "MATCH (p:Person {person_id: $p}) SET p.disability_type = 'physical', "
        "p.disability_grade = 1",
        p=homes.worker,
        database_="neo4j",
    )
    assert by_subject(due(graph))["HW"] == (date(2027, 3, 1), "scheduled")


def test_p10_a_blue_warning_brings_the_review_forward(graph: Graph, homes: Households) -> None:
    add_warning(graph, "HE", "blue", date(2026, 5, 6), date(2026, 5, 20))
    add_warning(graph, "HT", "green", date(2026, 5, 6), date(2026, 5, 7))
    listed = by_subject(due(graph, date(2026, 6, 30)))
    assert listed == {"HE": (date(2026, 5, 20), "warning")}  # green changes nothing
    add_warning(graph, "HT", "red", date(2026, 6, 1), date(2026, 6, 4))
    # A person's enrolment: the warning on their household.
    assert by_subject(due(graph, date(2026, 6, 30)))[homes.tekun] == (date(2026, 6, 4), "warning")


def test_p10_the_list_pages_by_cursor(graph: Graph, homes: Households) -> None:
    seen, cursor = [], None
    while True:
        page, cursor = due_reviews(graph, PREFIX, FAR, FROM, POLICY, cursor, 1)
        seen += [i.subject_id for i in page]
        if cursor is None:
            break
    assert seen == sorted(by_subject(due(graph)))
    with pytest.raises(InvalidCursor):
        due_reviews(graph, PREFIX, FAR, FROM, POLICY, "not-a-cursor", 10)


def test_p10_continue_changes_nothing_but_counts_the_next_review_from_it(
    graph: Graph, homes: Households
) -> None:
    case = record_review(graph, TOWNSHIP_OFFICER, review(reviewed_on=date(2026, 9, 3)), POLICY)
    assert case.review["status"] == "continued"
    assert case.review.get("notice_kind") is None
    assert enrolments(graph, "HW") == [
        {"from": FROM, "to": None, "amount": 800.0, "links": ["reviewed"]}
    ]
    assert by_subject(due(graph))["HW"] == (date(2027, 3, 3), "scheduled")


def test_p10_adjust_ends_the_enrolment_and_opens_the_new_amount_next_month(
    graph: Graph, homes: Households
) -> None:
    up = review(reviewed_on=date(2026, 9, 10), outcome="adjust", monthly_amount=Decimal(900))
    case = record_review(graph, TOWNSHIP_OFFICER, up, POLICY)
    assert (case.review["old_amount"], case.review["monthly_amount"]) == (800.0, 900.0)
    assert case.review.get("notice_kind") is None  # an increase: no hearing, no notice
    assert enrolments(graph, "HW") == [
        {"from": FROM, "to": date(2026, 9, 30), "amount": 800.0, "links": ["reviewed"]},
        {"from": date(2026, 10, 1), "to": None, "amount": 900.0, "links": ["opened"]},
    ]
    listed = due(graph, open_on=date(2026, 10, 1))
    assert [(i.enrollment_from, i.due_on) for i in listed if i.subject_id == "HW"] == [
        (date(2026, 10, 1), date(2027, 4, 1))
    ]


def test_p10_adjust_needs_an_amount_and_a_cash_programme(graph: Graph, homes: Households) -> None:
    with pytest.raises(InvalidField) as refused:
        record_review(graph, TOWNSHIP_OFFICER, review(outcome="adjust"), POLICY)
    assert refused.value.field == "monthly_amount"
    with pytest.raises(InvalidField) as refused:
        record_review(graph, TOWNSHIP_OFFICER, review(monthly_amount=Decimal(1)), POLICY)
    assert refused.value.field == "monthly_amount"


def test_p10_a_decrease_needs_a_hearing_on_or_before_the_review_and_a_reason(
    graph: Graph, homes: Households
) -> None:
    down = review(outcome="adjust", monthly_amount=Decimal(500), reason="收入增加")
    with pytest.raises(InvalidField) as refused:
        record_review(graph, TOWNSHIP_OFFICER, down, POLICY)
    assert refused.value.field == "hearing_on"
    late = replace(down, hearing_on=date(2026, 9, 2))
    with pytest.raises(InvalidField) as refused:
        record_review(graph, TOWNSHIP_OFFICER, late, POLICY)
    assert refused.value.field == "hearing_on"
    silent = replace(down, hearing_on=date(2026, 8, 28), reason=" ")
    with pytest.raises(InvalidField) as refused:
        record_review(graph, TOWNSHIP_OFFICER, silent, POLICY)
    assert refused.value.field == "reason"
    assert get_enrolment_links(graph) == []
    case = record_review(
        graph, TOWNSHIP_OFFICER, replace(down, hearing_on=date(2026, 8, 28)), POLICY
    )
    assert case.review["notice_kind"] == "decrease"
    assert case.review["notice_due_on"] == date(2026, 9, 4)  # P9: 3 working days after
    assert [s["step"] for s in case.steps] == ["hearing", "review"]
    assert case.steps[-1]["rules"] == ["P10", "P9"]


def get_enrolment_links(graph: Graph) -> list[str]:
    rows = graph.driver.execute_query(
        "MATCH (r:Review) RETURN r.review_id AS id", database_="neo4j"
    ).records
    return [r["id"] for r in rows]


def test_p10_terminate_ends_the_enrolment_at_the_months_end(
    graph: Graph, homes: Households
) -> None:
    end = review("HE", outcome="terminate", hearing_on=date(2026, 9, 1), reason="家庭收入超标")
    case = record_review(
        graph, TOWNSHIP_OFFICER, replace(end, reviewed_on=date(2026, 9, 15)), POLICY
    )
    assert case.review["notice_kind"] == "termination"
    assert case.review["effective_from"] == date(2026, 10, 1)
    assert enrolments(graph, "HE")[0]["to"] == date(2026, 9, 30)
    with pytest.raises(StepNotAllowed) as refused:
        record_review(graph, TOWNSHIP_OFFICER, review("HE", reviewed_on=date(2026, 9, 20)), POLICY)
    assert (refused.value.status, refused.value.rules) == ("ended", ("P10",))
    assert "HE" not in by_subject(due(graph, open_on=date(2026, 10, 1)))


def test_p6_a_tekun_termination_is_posted_for_7_days_first(graph: Graph, homes: Households) -> None:
    end = review(
        homes.tekun,
        outcome="terminate",
        hearing_on=date(2026, 8, 31),
        reason="有了法定赡养人",
        reviewed_on=date(2026, 9, 8),
    )
    with pytest.raises(StepNotAllowed) as refused:
        record_review(graph, TOWNSHIP_OFFICER, end, POLICY)
    assert "P6" in refused.value.rules
    posted = replace(end, posted_on=date(2026, 9, 1))  # a Tuesday: the period runs to 8 Sept
    with pytest.raises(StepNotAllowed) as refused:
        record_review(graph, TOWNSHIP_OFFICER, posted, POLICY)
    assert "P6" in refused.value.rules
    case = record_review(
        graph, TOWNSHIP_OFFICER, replace(posted, reviewed_on=date(2026, 9, 9)), POLICY
    )
    assert [s["step"] for s in case.steps] == ["hearing", "publicity", "review"]
    assert case.review["publicity_last_day"] == date(2026, 9, 8)
    assert case.steps[-1]["rules"] == ["P10", "P9", "P6"]
    with pytest.raises(InvalidField) as wrong:
        record_review(graph, TOWNSHIP_OFFICER, review(posted_on=date(2026, 9, 1)), POLICY)
    assert wrong.value.field == "posted_on"


def test_p10_an_enrolment_outside_the_region_or_absent_is_not_found(
    graph: Graph, homes: Households
) -> None:
    with pytest.raises(NotFound):
        record_review(graph, OTHER_TOWNSHIP, review(), POLICY)
    with pytest.raises(NotFound):
        record_review(graph, TOWNSHIP_OFFICER, review(enrollment_from=date(2026, 2, 1)), POLICY)
    case = record_review(graph, TOWNSHIP_OFFICER, review(), POLICY)
    assert get_review(graph, COUNTY_OFFICER.region_prefix, case.review_id) == case
    with pytest.raises(NotFound):
        get_review(graph, OTHER_TOWNSHIP.region_prefix, case.review_id)


def test_c5_an_officer_related_to_a_member_is_refused(graph: Graph, homes: Households) -> None:
    related = replace(TOWNSHIP_OFFICER, person_id=homes.son)
    with pytest.raises(StepNotAllowed) as refused:
        record_review(graph, related, review("HE"), POLICY)
    assert refused.value.rules[0] == "C5"
    unrelated = replace(TOWNSHIP_OFFICER, person_id=homes.worker)
    case = record_review(graph, unrelated, review("HE"), POLICY)
    assert case.steps[-1]["rules"] == ["P10", "C5"]


def test_p12_the_timeline_names_who_and_two_reviews_at_once_cannot_both_end_it(
    graph: Graph, homes: Households
) -> None:
    end = review("HE", outcome="terminate", hearing_on=date(2026, 9, 1), reason="收入超标")
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def terminate(actor: Any) -> None:
        start.wait()
        try:
            record_review(graph, actor, end, POLICY)
            outcomes.append("won")
        except StepNotAllowed:
            outcomes.append("refused")

    threads = [
        threading.Thread(target=terminate, args=(a,)) for a in (TOWNSHIP_OFFICER, COUNTY_OFFICER)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused", "won"]
    assert len(get_enrolment_links(graph)) == 1
    (review_id,) = get_enrolment_links(graph)
    case = get_review(graph, PREFIX, review_id)
    assert [(s["seq"], s["by"], s["role"]) for s in case.steps] in (
        [(1, "officer-1", "township"), (2, "officer-1", "township")],
        [(1, "county-1", "county"), (2, "county-1", "county")],
    )
