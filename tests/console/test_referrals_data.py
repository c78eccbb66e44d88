"""The referrals' data layer (console/js/data/referrals.js, issue 18), its pure shaping
functions run by Node: the answers a status offers (P11's moves, referrals/plan.py), the
deadline with its overdue mark (P11: overdue the day after its due date, open referrals only),
the lists' queries and order (overdue first), the timeline and the answer's body."""

from datetime import date
from typing import Any

import pytest

from procedure.errors import StepNotAllowed
from referrals.plan import MOVES, next_status
from tests.console.world import Node

ON = date(2026, 10, 12)


def referral(status: str, due_on: str | None, **more: Any) -> dict[str, Any]:
    return {
        "referral_id": more.pop("referral_id", "RF1"),
        "household_id": "H1",
        "township_code": "440103001000",
        "department": "housing",
        "need": "危房改造",
        "sent_on": more.pop("sent_on", "2026-09-25"),
        "status": status,
        "acknowledged_on": None,
        "outcome_on": None,
        "due_on": due_on,
        "due_step": "acknowledgement" if due_on else None,
        "due_on_provisional": False,
    } | more


@pytest.mark.parametrize("status", ["sent", "acknowledged", "accepted", "rejected", "done"])
def test_p11_the_answers_offered_are_the_moves_the_server_allows(node: Node, status: str) -> None:
    """The console offers exactly the answers referrals/plan.py lets through from `status`."""
    offered = node.call("referrals", "answersFor", status)
    assert set(offered) == MOVES[status]
    for answer in ("acknowledged", "accepted", "rejected", "done"):
        try:
            next_status(status, answer, ON, ON, "已办")
            allowed = True
        except StepNotAllowed:
            allowed = False
        assert (answer in offered) is allowed, (status, answer)


def test_p11_overdue_the_day_after_the_due_date_and_only_while_open(node: Node) -> None:
    due = node.call("referrals", "dueOf", referral("sent", "2026-09-29"), "2026-09-30")
    assert due == {"on": "2026-09-29", "step": "acknowledgement", "provisional": False,
                   "overdue": True}  # fmt: skip
    assert not node.call("referrals", "dueOf", referral("sent", "2026-09-29"), "2026-09-29")[
        "overdue"
    ]
    closed = referral("done", "2026-09-29")  # a stale due date on a closed referral
    assert not node.call("referrals", "dueOf", closed, "2026-12-01")["overdue"]
    assert node.call("referrals", "dueOf", referral("done", None), "2026-12-01") is None


def test_p11_the_overdue_tab_asks_for_overdue_on_the_as_of_date(node: Node) -> None:
    assert node.call("referrals", "listQuery", {"overdue": "1"}, "2026-10-12")["overdue_on"] == (
        "2026-10-12"
    )
    plain = node.call("referrals", "listQuery", {"status": "sent"}, "2026-10-12")
    assert (plain["status"], plain["overdue_on"]) == ("sent", None)


def test_p11_the_inbox_lists_overdue_first_then_by_deadline(node: Node) -> None:
    rows = [
        node.call("referrals", "referralRow", r, "2026-10-12")
        for r in (
            referral("acknowledged", "2026-10-20", referral_id="RF-later"),
            referral("done", None, referral_id="RF-done"),
            referral("sent", "2026-10-09", referral_id="RF-overdue"),
            referral("sent", "2026-10-14", referral_id="RF-soon"),
        )
    ]
    ordered = node.call("referrals", "sortRows", rows)
    assert [r["referral_id"] for r in ordered] == ["RF-overdue", "RF-soon", "RF-later", "RF-done"]
    assert [r["due"]["overdue"] if r["due"] else None for r in ordered] == [
        True, False, False, None,
    ]  # fmt: skip
    assert set(ordered[0]) >= {"status", "need", "sent_on", "due", "acknowledged_on"}


def test_p11_p12_the_page_offers_answers_to_the_department_and_the_county_only(
    node: Node,
) -> None:
    r = referral("sent", "2026-09-29") | {
        "timeline": [
            {"step_id": "RF1-002", "step": "acknowledged", "on": "2026-09-28", "by": "zhu",
             "role": "department", "rules": ["P11"], "produced": "acknowledged",
             "details": {"outcome": None}},
            {"step_id": "RF1-001", "step": "sent", "on": "2026-09-25", "by": "li",
             "role": "township", "rules": ["P11"], "produced": "sent",
             "details": {"need": "危房改造"}},
        ]
    }  # fmt: skip
    ctx = {"asOf": "2026-10-12", "role": "department"}
    model = node.call("referrals", "referralModel", r, ctx)
    assert (model["acknowledge"], model["outcomes"]) == (True, ["accepted", "rejected", "done"])
    assert model["due"]["overdue"] is True
    assert [s["step"] for s in model["timeline"]] == ["sent", "acknowledged"]  # oldest first
    assert model["timeline"][0]["outcome"] == "危房改造"
    township = node.call("referrals", "referralModel", r, ctx | {"role": "township"})
    assert (township["acknowledge"], township["outcomes"]) == (False, [])


def test_p11_an_answer_body_carries_the_outcome_only_when_given(node: Node) -> None:
    assert node.call(
        "referrals", "answerBody", {"status": "acknowledged", "on": "2026-10-12", "outcome": " "}
    ) == {"status": "acknowledged", "on": "2026-10-12"}
    assert node.call(
        "referrals", "answerBody", {"status": "done", "on": "2026-10-12", "outcome": " 已修缮 "}
    ) == {"status": "done", "on": "2026-10-12", "outcome": "已修缮"}
