"""Why a review is due (RULES P10, W3, X3; CONTRACT §4 `why`, `why_rules`, `why_reason`):
the review list checks X3 on the day it is given (`x3_on`), so an enrolment failing its rule
is due that day with `why: X3` and the rule it fails; a review already due on another ground
keeps that `why` and still names X3 among its grounds. Against the real Neo4j."""

from datetime import date
from typing import Any

import pytest

from graph.db import Graph
from procedure.policy import default_policy
from reviews import DueReview, due_reviews
from tests.integrity.world import load
from tests.reviews.family import FROM, Households, add_warning, load_households

POLICY = default_policy()
TOWNSHIP_PREFIX = "440103001"


@pytest.fixture
def homes(graph: Graph) -> Households:
    return load_households(graph)


def listed(
    graph: Graph, due_on: date, x3_on: date | None, prefix: str = TOWNSHIP_PREFIX
) -> dict[str, DueReview]:
    items, _ = due_reviews(graph, prefix, due_on, x3_on or FROM, POLICY, None, 100, x3_on=x3_on)
    return {i.subject_id: i for i in items}


def earn(graph: Graph, person_id: str, annual_income: int) -> None:
    graph.driver.execute_query(
        "MATCH (p:Person {person_id: $p}) SET p.annual_income = $income",
        p=person_id,
        income=annual_income,
        database_="neo4j",
    )


def grounds(item: DueReview) -> list[tuple[Any, ...]]:
    return [(g.why, g.due_on, g.rules) for g in item.grounds]


def test_x3_e3_a_dibao_household_over_the_standard_is_due_on_the_day_checked(
    graph: Graph, homes: Households
) -> None:
    day = date(2026, 7, 1)  # HW's schedule: 2026-09-01 (a member able to work, 6 months)
    assert "HW" not in listed(graph, day, day)
    earn(graph, homes.worker, 60000)  # 60000 / 12 / 2 = 2500 a month, above the standard
    assert "HW" not in listed(graph, day, None)  # without X3: not due yet
    item = listed(graph, day, day)["HW"]
    assert (item.due_on, item.why) == (day, "X3")
    assert item.why_rules == ["X3", "E3"]
    assert "信息比对X3" in item.why_reason
    assert "最低生活保障条件" in item.why_reason
    assert "2026年7月1日" in item.why_reason
    assert set(listed(graph, day, day)) == {"HW"}  # HE and the tekun person meet their rules


def test_x3_p10_an_overdue_schedule_keeps_its_why_and_names_x3_too(
    graph: Graph, homes: Households
) -> None:
    earn(graph, homes.worker, 60000)
    day = date(2026, 10, 1)  # the schedule's 2026-09-01 is past
    item = listed(graph, day, day)["HW"]
    assert (item.due_on, item.why) == (date(2026, 9, 1), "scheduled")
    assert grounds(item) == [
        ("scheduled", date(2026, 9, 1), ("P10",)),
        ("X3", day, ("X3", "E3")),
    ]
    assert item.why_rules == ["P10", "X3", "E3"]
    assert item.why_reason.startswith("定期核查（P10）：自2026年3月1日起每6个月核查一次")


def test_x3_w3_a_warning_and_x3_both_named_the_earliest_is_why(
    graph: Graph, homes: Households
) -> None:
    earn(graph, homes.worker, 60000)
    add_warning(graph, "HW", "blue", date(2026, 6, 1), date(2026, 6, 15))
    day = date(2026, 7, 1)
    item = listed(graph, day, day)["HW"]
    assert (item.due_on, item.why) == (date(2026, 6, 15), "warning")
    assert item.why_rules == ["P10", "W3", "X3", "E3"]


def test_x3_e4_a_marginal_household_that_meets_dibao_fails_e4(
    graph: Graph, homes: Households
) -> None:
    day = date(2026, 7, 1)
    item = listed(graph, day, day, prefix="44")["HS"]  # 深圳's: no income, so dibao (E3)
    assert (item.why, item.why_rules) == ("X3", ["X3", "E4"])
    assert "低保边缘家庭条件" in item.why_reason


def test_x3_t1_a_tekun_person_with_an_able_son_fails_t1(graph: Graph, homes: Households) -> None:
    son = {"kind": "parent", "a": homes.tekun, "b": homes.son, "basis": "birth", "from": None}
    load(graph, "kinship", [son | {"to": None}])  # an able adult son (T4, T6)
    earn(graph, homes.son, 60000)
    day = date(2026, 7, 1)
    item = listed(graph, day, day)[homes.tekun]
    assert (item.why, item.why_rules) == ("X3", ["X3", "T1"])


def test_x3_an_enrolment_not_yet_open_on_the_day_checked_is_not_x3(
    graph: Graph, homes: Households
) -> None:
    earn(graph, homes.worker, 60000)
    item = listed(graph, date(2027, 12, 31), date(2026, 2, 1))["HW"]  # before FROM
    assert item.why == "scheduled"
    assert "X3" not in item.why_rules
