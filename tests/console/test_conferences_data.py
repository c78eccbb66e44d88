"""The case conferences' data layer (console/js/data/conferences.js, issue 18), its pure
shaping functions run by Node: the form's body is one the API takes (R6: the subject, the
departments of P11 in their order, the amount in yuan; P11: a charity task keeps its consent
date), a conference is editable by a county officer while a draft only (R6: signed, it is
read-only), and the list shows drafts first."""

from typing import Any

from api.models.conferences import ConferenceIn
from core.terms import Department, values
from tests.console.world import Node


def fields(**changes: Any) -> dict[str, Any]:
    base = {
        "held_on": "2026-10-12",
        "relief_id": "",
        "household_id": " H3 ",
        "departments": ["medical_security", "housing"],
        "facts": " 房屋失火 ",
        "decision": "一事一议",
        "amount": "12000.5",
        "tasks": [
            {"department": "housing", "need": " 危房改造 ", "consent_on": ""},
            {"department": "", "need": "", "consent_on": ""},
            {"department": "charity", "need": "慈善帮扶", "consent_on": "2026-10-12"},
        ],
    }
    return base | changes


def test_r6_the_forms_body_is_one_the_api_takes(node: Node) -> None:
    body = node.call("conferences", "conferenceBody", fields())
    assert body == {
        "held_on": "2026-10-12",
        "departments": ["medical_security", "housing"],
        "facts": "房屋失火",
        "decision": "一事一议",
        "amount": 12000.5,
        "relief_id": None,
        "household_id": "H3",
        "tasks": [
            {"department": "housing", "need": "危房改造"},
            {"department": "charity", "need": "慈善帮扶", "consent_on": "2026-10-12"},
        ],
    }
    ConferenceIn.model_validate(body)  # the API's own model accepts it
    on_case = node.call("conferences", "conferenceBody", fields(relief_id="RL-1", household_id=""))
    assert (on_case["relief_id"], "household_id" in on_case) == ("RL-1", False)


def test_p11_only_a_charity_task_sends_a_consent_date(node: Node) -> None:
    tasks = [
        {"department": "housing", "need": "危房改造", "consent_on": "2026-10-12"},
        {"department": "charity", "need": "慈善帮扶", "consent_on": ""},
    ]
    assert node.call("conferences", "taskRows", tasks) == [
        {"department": "housing", "need": "危房改造"},
        {"department": "charity", "need": "慈善帮扶"},  # the server refuses it: 422 (P11)
    ]


def test_the_forms_departments_are_p11s(node: Node) -> None:
    assert (
        tuple(node.call("conferences", "conferenceBody", fields(departments=[]))["departments"])
        == ()
    )
    every = list(reversed(values(Department)))
    body = node.call("conferences", "conferenceBody", fields(departments=every))
    assert tuple(body["departments"]) == values(Department)


def test_r6_editable_by_the_county_while_a_draft(node: Node) -> None:
    for status, role, editable in (
        ("draft", "county", True),
        ("signed", "county", False),
        ("draft", "township", False),
        ("draft", "city", False),
    ):
        model = node.call(
            "conferences", "conferenceModel", {"status": status, "timeline": []}, {"role": role}
        )
        assert (model["canSign"], model["readOnly"]) == (editable, not editable), (status, role)


def test_r6_the_list_shows_drafts_first_then_the_latest(node: Node) -> None:
    rows = [
        {"conference_id": "CF-a", "status": "signed", "held_on": "2026-10-12"},
        {"conference_id": "CF-b", "status": "draft", "held_on": "2026-09-01"},
        {"conference_id": "CF-c", "status": "signed", "held_on": "2026-10-13"},
    ]
    ordered = node.call("conferences", "sortRows", rows)
    assert [r["conference_id"] for r in ordered] == ["CF-b", "CF-c", "CF-a"]
