"""The reviews' data layer (console/js/data/reviews.js, issue 17), its pure shaping functions
run by Node: the review list's query (due on or before the as-of date, or a later day), its
rows and order with the overdue mark, the outcomes a programme allows (P8, P10: no adjust
without a monthly amount, reviews/plan.py), the review's body as the API model and the
review's field rules accept it (P10, P6, C3, C4), and the recorded review's model (its
notice, P9; its filings, C3)."""

from datetime import date
from decimal import Decimal
from typing import Any, cast

import pytest

from api.models.reviews import ReviewIn
from core.errors import InvalidField
from notices.rules import CASH_PROGRAMS
from procedure.programs import PROGRAMS, Program
from reviews.plan import check_fields
from reviews.records import OUTCOMES, ReviewCommand
from tests.console.world import Node


def due(subject: str, due_on: str, program: str = "dibao") -> dict[str, Any]:
    return {
        "subject_id": subject,
        "program": program,
        "enrollment_from": "2026-03-01",
        "due_on": due_on,
        "why": "scheduled",
        "township_code": "440103001000",
    }


def test_p10_the_list_asks_for_the_as_of_date_or_the_day_picked(node: Node) -> None:
    assert node.call("reviews", "listQuery", {}, "2026-10-12")["due_on"] == "2026-10-12"
    assert (
        node.call("reviews", "listQuery", {"due_on": "2027-11-01"}, "2026-10-12")["due_on"]
        == "2027-11-01"
    )


def test_p10_rows_earliest_due_first_overdue_before_the_as_of_date(node: Node) -> None:
    rows = [
        node.call("reviews", "dueRow", item, "2026-10-12")
        for item in (due("HB", "2027-03-01"), due("HA", "2026-09-01"), due("HC", "2026-10-12"))
    ]
    ordered = node.call("reviews", "sortRows", rows)
    assert [(r["subject_id"], r["overdue"]) for r in ordered] == [
        ("HA", True), ("HC", False), ("HB", False),
    ]  # fmt: skip
    assert ordered[0]["href"] == "#/review?subject=HA&program=dibao&from=2026-03-01"


@pytest.mark.parametrize("program", sorted(PROGRAMS))
def test_p8_p10_the_outcomes_offered_are_those_the_review_allows(node: Node, program: str) -> None:
    offered = node.call("reviews", "outcomesFor", program)
    assert set(offered) <= OUTCOMES
    enrolled = cast(Program, program)
    adjust = ReviewCommand("H1", enrolled, date(2026, 3, 1), date(2026, 9, 1), "adjust",
                           monthly_amount=Decimal(100))  # fmt: skip
    try:
        check_fields(adjust)
        allowed = True
    except InvalidField:
        allowed = False
    assert ("adjust" in offered) is allowed
    assert allowed is (program in CASH_PROGRAMS)


def form(**changes: Any) -> dict[str, Any]:
    """The review form's fields as FormData gives them: every input, empty ones as ''."""
    return {
        "subject_id": "H1",
        "program": "marginal",
        "enrollment_from": "2026-11-01",
        "reviewed_on": "2026-12-01",
        "outcome": "terminate",
        "hearing_on": "2026-11-28",
        "visited_on": "",
        "reason": " 家庭收入已超过标准 ",
    } | changes


def test_p10_c4_the_body_is_one_the_api_and_the_reviews_rules_accept(node: Node) -> None:
    body = node.call("reviews", "reviewBody", form(visited_on="2026-11-30"))
    assert body == {
        "subject_id": "H1",
        "program": "marginal",
        "enrollment_from": "2026-11-01",
        "reviewed_on": "2026-12-01",
        "outcome": "terminate",
        "declared_official_relative": False,
        "hearing_on": "2026-11-28",
        "visited_on": "2026-11-30",
        "reason": "家庭收入已超过标准",
    }
    check_fields(ReviewCommand(**ReviewIn.model_validate(body).model_dump()))


def test_p10_c3_an_adjust_carries_its_amount_and_a_declaration_its_flag(node: Node) -> None:
    body = node.call(
        "reviews",
        "reviewBody",
        form(program="dibao", outcome="adjust", monthly_amount="650.5", hearing_on="",
             reason="", declared_official_relative="1"),
    )  # fmt: skip
    assert (body["monthly_amount"], body["declared_official_relative"]) == (650.5, True)
    assert "hearing_on" not in body
    assert "reason" not in body
    check_fields(ReviewCommand(**ReviewIn.model_validate(body).model_dump()))
    # An amount typed before switching to continue is not sent (P10: only an adjust has one).
    kept = node.call("reviews", "reviewBody", form(outcome="continue", monthly_amount="650"))
    assert "monthly_amount" not in kept


def test_p9_c3_a_recorded_review_shows_its_notice_and_filings(node: Node) -> None:
    review = {
        "review_id": "R1",
        "notice_kind": "termination",
        "timeline": [
            {"step_id": "R1-002", "step": "review", "on": "2026-12-01", "by": "chen",
             "role": "county", "rules": ["P10", "P9", "C3", "C4"], "produced": "terminated",
             "details": {"outcome": "terminate", "reason": "收入超标"}},
            {"step_id": "R1-001", "step": "visit", "on": "2026-11-30", "by": "chen",
             "role": "county", "rules": ["P10", "C4"], "produced": "visited", "details": {}},
        ],
        "filings": [
            {"official_id": "B", "member_id": "M2"},
            {"official_id": "A", "member_id": "M9"},
        ],
    }  # fmt: skip
    model = node.call("reviews", "reviewModel", review)
    assert model["notice"] is True
    assert [s["step"] for s in model["timeline"]] == ["visit", "review"]
    assert model["timeline"][1]["reason"] == "收入超标"
    assert [f["official_id"] for f in model["filings"]] == ["A", "B"]
    continued = node.call("reviews", "reviewModel", review | {"notice_kind": None})
    assert continued["notice"] is False
