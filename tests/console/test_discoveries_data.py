"""The discoveries' data layer (console/js/data/discoveries.js, issue 17), its pure shaping
functions run by Node: the outcomes offered (P4's, discoveries/records.py) only while open and
to the roles that record them, the outcome's deadline with its overdue mark (P4: overdue the
day after its due date, open discoveries only), the list's query and order, the timeline, the
outcome's body as discoveries/plan.py accepts it, and a genuine warning's report (W6)."""

from datetime import date
from typing import Any

import pytest

from api.models.discoveries import DiscoveryIn, OutcomeIn
from core.errors import InvalidField
from discoveries.plan import _check_outcome
from discoveries.records import OUTCOME_ID, OUTCOMES, Outcome
from tests.console.world import Node


def discovery(status: str, due_on: str | None, **more: Any) -> dict[str, Any]:
    return {
        "discovery_id": more.pop("discovery_id", "D1"),
        "status": status,
        "township_code": "440103001000",
        "household_id": "H1",
        "person_id": None,
        "source": "warning",
        "found_on": more.pop("found_on", "2026-10-09"),
        "reporter": "li",
        "note": None,
        "warning_id": "W1",
        "outcome": None if status == "open" else "no_need",
        "due_on": due_on,
        "due_step": "outcome" if due_on else None,
        "due_on_provisional": False,
        "timeline": [],
    } | more


def test_p4_the_console_offers_the_servers_outcomes_each_with_its_id(node: Node) -> None:
    model = node.call("discoveries", "discoveryModel", discovery("open", "2026-10-16"),
                      {"asOf": "2026-10-12", "role": "township"})  # fmt: skip
    assert set(model["outcomes"]) == OUTCOMES
    for outcome, field in OUTCOME_ID.items():
        body = node.call(
            "discoveries", "outcomeBody", {"outcome": outcome, "on": "2026-10-12", "ref_id": "X1"}
        )
        assert (field in body) is (field is not None), outcome


@pytest.mark.parametrize("outcome", sorted(OUTCOMES))
def test_p4_an_outcome_body_is_one_the_server_accepts(node: Node, outcome: str) -> None:
    """Built from a form with every field filled, the body names only its outcome's id; the
    API model and discoveries/plan.py's field rules accept it as it is."""
    fields = {"outcome": outcome, "on": "2026-10-12", "ref_id": " A1 ", "reason": " 无需 "}
    body = node.call("discoveries", "outcomeBody", fields)
    parsed = OutcomeIn.model_validate(body)
    data = _check_outcome(Outcome(**parsed.model_dump()))
    assert data["outcome"] == outcome
    named = OUTCOME_ID[outcome]
    if named is not None:
        assert data[named] == "A1"
    assert data["reason"] == "无需"


def test_p4_no_need_without_a_reason_is_left_to_the_server(node: Node) -> None:
    body = node.call("discoveries", "outcomeBody", {"outcome": "no_need", "on": "2026-10-12"})
    assert body == {"outcome": "no_need", "on": "2026-10-12"}
    with pytest.raises(InvalidField) as refused:
        _check_outcome(Outcome(**OutcomeIn.model_validate(body).model_dump()))
    assert refused.value.field == "reason"


def test_p4_overdue_the_day_after_the_due_date_and_only_while_open(node: Node) -> None:
    due = node.call("discoveries", "dueOf", discovery("open", "2026-10-16"), "2026-10-17")
    assert due == {"on": "2026-10-16", "step": "outcome", "provisional": False, "overdue": True}
    assert not node.call("discoveries", "dueOf", discovery("open", "2026-10-16"), "2026-10-16")[
        "overdue"
    ]
    assert not node.call("discoveries", "dueOf", discovery("closed", "2026-10-16"), "2026-12-01")[
        "overdue"
    ]
    assert node.call("discoveries", "dueOf", discovery("closed", None), "2026-12-01") is None


def test_p4_the_list_asks_the_apis_filters(node: Node) -> None:
    assert node.call("discoveries", "listQuery", {"overdue": "1"}, "2026-10-12") == {
        "status": None,
        "overdue_on": "2026-10-12",
    }
    assert (
        node.call("discoveries", "listQuery", {"status": "open", "region": "440103001"}, "x")[
            "status"
        ]
        == "open"
    )
    assert node.call("discoveries", "listQuery", {"status": "x' OR 1=1"}, "x")["status"] is None


def test_p4_the_list_shows_overdue_first_then_open_by_deadline(node: Node) -> None:
    rows = [
        node.call("discoveries", "discoveryRow", d, "2026-10-12")
        for d in (
            discovery("closed", None, discovery_id="D-closed"),
            discovery("open", "2026-10-20", discovery_id="D-later"),
            discovery("open", "2026-10-09", discovery_id="D-overdue"),
            discovery("open", "2026-10-14", discovery_id="D-soon"),
        )
    ]
    ordered = node.call("discoveries", "sortRows", rows)
    assert [r["discovery_id"] for r in ordered] == ["D-overdue", "D-soon", "D-later", "D-closed"]
    assert ordered[0]["due"]["overdue"] is True


def test_p4_p12_the_page_offers_the_steps_to_township_and_county_while_open(node: Node) -> None:
    d = discovery("open", "2026-10-16") | {
        "timeline": [
            {"step_id": "D1-002", "step": "outcome", "on": "2026-10-12", "by": "li",
             "role": "township", "rules": ["P4", "P1"], "produced": "closed",
             "details": {"outcome": "application", "application_id": "A1", "reason": None}},
            {"step_id": "D1-001", "step": "discovery", "on": "2026-10-09", "by": "li",
             "role": "township", "rules": ["P4", "W6"], "produced": "open",
             "details": {"source": "warning", "reporter": "li", "warning_id": "W1"}},
        ]
    }  # fmt: skip
    ctx = {"asOf": "2026-10-12", "role": "township"}
    model = node.call("discoveries", "discoveryModel", d, ctx)
    assert model["intake"] == "#/intake?household=H1&on=2026-10-12&discovery=D1"
    assert [s["step"] for s in model["timeline"]] == ["discovery", "outcome"]
    assert (model["timeline"][1]["outcome"], model["timeline"][1]["ref_id"]) == ("application",
                                                                                 "A1")  # fmt: skip
    assert node.call("discoveries", "discoveryModel", d, ctx | {"role": "city"})["outcomes"] == []
    closed = node.call("discoveries", "discoveryModel", discovery("closed", None), ctx)
    assert (closed["outcomes"], closed["intake"]) == ([], None)
    # An as-of date before the discovery was found dates the outcome on the day found.
    early = node.call("discoveries", "discoveryModel", d, ctx | {"asOf": "2026-10-01"})
    assert early["outcomeOn"] == "2026-10-09"


def test_w6_p4_a_genuine_warning_is_reported_as_the_api_takes_it(node: Node) -> None:
    warning = {"warning_id": "W1", "household_id": "H1", "visited_on": "2026-10-09"}
    body = node.call("discoveries", "warningReportBody", warning, "li")
    parsed = DiscoveryIn.model_validate(body)
    assert (parsed.source, parsed.warning_id, parsed.found_on) == (
        "warning", "W1", date(2026, 10, 9),
    )  # fmt: skip
