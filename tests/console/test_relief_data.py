"""Temporary relief's and the standby fund's data layer (console/js/data/relief.js and
funds.js, issue 18), their pure shaping functions run by Node: the steps a case offers are the
moves relief/plan.py allows (R3: an advance on the emergency track only; R2, R4: the county
decides), the bodies are ones the API's models take (R1: filed by the officer's township;
R3, R7, P11), a 422 is sorted onto the form's fields, R3's paperwork deadline is marked, and
the ledger's running balance is R5's (allocations + returns − payments), the county alone
allocating."""

from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel

from api.models.funds import AllocationIn
from api.models.referrals import ReferralIn
from api.models.relief import (
    ReliefAdvanceIn,
    ReliefDecisionIn,
    ReliefFollowOnIn,
    ReliefIn,
    ReliefPaperworkIn,
)
from relief.plan import MOVES
from relief.records import STATUSES
from tests.console.world import Node

TOWNSHIP = "440103001000"


def case(status: str, track: str = "emergency", **more: Any) -> dict[str, Any]:
    return {
        "relief_id": more.pop("relief_id", "RL1"),
        "township_code": TOWNSHIP,
        "household_id": "H3",
        "person_id": None,
        "status": status,
        "track": track,
        "cause": "fire",
        "occurred_on": "2026-10-10",
        "persons": 1,
        "requested_amount": 3000,
        "paid_amount": 0,
        "paid_on": None,
        "due_on": None,
        "due_step": None,
        "due_on_provisional": None,
    } | more


def allowed(status: str, track: str) -> set[str]:
    """The steps relief/plan.py lets through from `status` (R3: advance, emergency only)."""
    steps: set[str] = {step for (s, step) in MOVES if s == status}
    return steps - {"advance"} if track == "expenditure" else steps


@pytest.mark.parametrize("track", ["emergency", "expenditure"])
@pytest.mark.parametrize("status", sorted(STATUSES))
def test_r2_r3_r7_the_steps_offered_are_the_moves_the_server_allows(
    node: Node, status: str, track: str
) -> None:
    township = set(node.call("relief", "stepsFor", case(status, track), "township"))
    assert township == allowed(status, track)
    county = node.call("relief", "stepsFor", case(status, track), "county")
    assert set(county) == allowed(status, track) & {"decision"}  # R2, R4: the county decides
    assert node.call("relief", "stepsFor", case(status, track), "department") == []
    assert node.call("relief", "stepsFor", case(status, track), "province") == []


def test_r1_the_intake_body_is_filed_by_the_officers_township_and_the_api_takes_it(
    node: Node,
) -> None:
    fields = {
        "subject_kind": "household",
        "subject_id": " H3 ",
        "track": "emergency",
        "cause": "fire",
        "occurred_on": "2026-10-10",
        "filed_on": "2026-10-12",
        "persons": "2",
        "requested_amount": "3000.5",
        "conference_id": "",
    }
    body = node.call("relief", "reliefBody", fields, TOWNSHIP)
    assert body == {
        "township_code": TOWNSHIP,
        "track": "emergency",
        "cause": "fire",
        "occurred_on": "2026-10-10",
        "persons": 2,
        "requested_amount": 3000.5,
        "household_id": "H3",
        "filed_on": "2026-10-12",
    }
    ReliefIn.model_validate(body)
    person = "440103198504040414"
    other = node.call(
        "relief",
        "reliefBody",
        fields | {"subject_kind": "person", "subject_id": person, "conference_id": "CF1"},
        TOWNSHIP,
    )
    assert (other["person_id"], "household_id" in other, other["conference_id"]) == (
        person,
        False,
        "CF1",
    )
    # Left empty or not a number: null, so that the API's 422 names the field.
    empty = node.call("relief", "reliefBody", fields | {"persons": "", "requested_amount": "x"}, "")
    assert (empty["persons"], empty["requested_amount"]) == (None, None)
    # What happened (事实经过, R1): sent trimmed, and left out when blank.
    facts = node.call(
        "relief", "reliefBody", fields | {"facts": "  厨房起火\n两间房烧毁 "}, TOWNSHIP
    )
    assert facts["facts"] == "厨房起火\n两间房烧毁"
    assert ReliefIn.model_validate(facts).facts == "厨房起火\n两间房烧毁"
    assert "facts" not in node.call("relief", "reliefBody", fields | {"facts": "  "}, TOWNSHIP)


def test_r1_a_422_goes_to_the_fields_it_names(node: Node) -> None:
    error = {
        "status": 422,
        "problem": {
            "detail": "invalid",
            "errors": [
                {"field": "body.requested_amount", "message": "must be positive"},
                {"field": "body.persons", "message": "required"},
                {"field": "body", "message": "exactly one of household_id and person_id"},
            ],
        },
    }
    sorted_ = node.call("relief", "fieldErrors", error, ["requested_amount", "persons"])
    assert sorted_["byField"] == {"requested_amount": ["must be positive"], "persons": ["required"]}
    assert sorted_["other"] == [
        {"field": "body", "message": "exactly one of household_id and person_id"}
    ]


def test_r3_the_paperwork_deadline_after_an_advance_is_marked_and_overdue_after_it(
    node: Node,
) -> None:
    advanced = case("advanced", paid_on="2026-10-12", due_on="2026-10-26", due_step="paperwork")
    due = node.call("relief", "dueOf", advanced, "2026-10-26")
    assert due == {
        "on": "2026-10-26",
        "step": "paperwork",
        "provisional": False,
        "overdue": False,
        "paperwork": True,
    }
    assert node.call("relief", "dueOf", advanced, "2026-10-27")["overdue"] is True
    decided = case("granted", due_on="2026-10-26", due_step="follow_on", paid_on="2026-10-12")
    assert node.call("relief", "dueOf", decided, "2026-10-12")["paperwork"] is False
    assert node.call("relief", "dueOf", case("filed"), "2026-10-12") is None


DAY = "2026-10-12"
STEP_BODIES = [
    (
        "advance",
        {"paid_on": DAY, "amount": "2000"},
        {"paid_on": DAY, "amount": 2000},
        ReliefAdvanceIn,
    ),
    (
        "paperwork",
        {"on": DAY, "investigators": "A1\nA2， A3", "findings": " 失火 "},
        {"on": DAY, "investigators": ["A1", "A2", "A3"], "findings": "失火"},
        ReliefPaperworkIn,
    ),
    (
        "decision",
        {"decided_on": DAY, "grant": "true", "amount": "3000", "instalments": ""},
        {"decided_on": DAY, "grant": True, "amount": 3000},
        ReliefDecisionIn,
    ),
    (
        "decision",
        {"decided_on": DAY, "grant": "false", "amount": "3000", "reason": "不符合"},
        {"decided_on": DAY, "grant": False, "reason": "不符合"},
        ReliefDecisionIn,
    ),
    (
        "follow_on",
        {"on": DAY, "kind": "referral", "ref_id": "RF1"},
        {"on": DAY, "kind": "referral", "ref_id": "RF1"},
        ReliefFollowOnIn,
    ),
    (
        "follow_on",
        {"on": DAY, "kind": "none", "ref_id": "RF1", "reason": "已纳入低保"},
        {"on": DAY, "kind": "none", "reason": "已纳入低保"},
        ReliefFollowOnIn,
    ),
]


@pytest.mark.parametrize(("step", "fields", "expected", "model"), STEP_BODIES)
def test_r3_r7_the_step_bodies_are_ones_the_api_takes(
    node: Node, step: str, fields: dict[str, str], expected: dict[str, Any], model: type[BaseModel]
) -> None:
    body = node.call("relief", "stepBody", step, fields)
    assert body == expected
    model.model_validate(body)


def test_r7_p11_the_follow_ons_referral_is_sent_from_the_case(node: Node) -> None:
    fields = {"department": "housing", "need": " 危房改造 ", "on": DAY, "consent_on": ""}
    sent = node.call("relief", "referralBody", case("granted"), fields)
    assert sent == {
        "source_id": "RL1",
        "department": "housing",
        "need": "危房改造",
        "sent_on": DAY,
        "household_id": "H3",
    }
    ReferralIn.model_validate(sent)
    person = "440103198504040414"
    of_person = case("granted", household_id=None, person_id=person)
    charity = fields | {"department": "charity", "consent_on": "2026-10-11"}
    sent = node.call("relief", "referralBody", of_person, charity)
    assert (sent["person_id"], "household_id" in sent, sent["consent_on"]) == (
        person,
        False,
        "2026-10-11",
    )
    ReferralIn.model_validate(sent)


def test_r5_the_ledgers_running_balance_is_allocations_plus_returns_minus_payments(
    node: Node,
) -> None:
    entries = [
        {"entry_id": "E1", "on": "2026-10-09", "kind": "allocation", "amount": 10000.1, "by": "c"},
        {
            "entry_id": "E2",
            "on": "2026-10-12",
            "kind": "payment",
            "amount": 2000.2,
            "relief_id": "RL1",
            "by": "t",
        },
        {
            "entry_id": "E3",
            "on": "2026-10-13",
            "kind": "return",
            "amount": 0.3,
            "relief_id": "RL1",
            "by": "t",
        },
    ]
    ledger = {"township_code": TOWNSHIP, "balance": 8000.2, "entries": entries}
    model = node.call("funds", "fundModel", ledger, {"role": "county"})
    balances = [Decimal(str(r["balance_after"])) for r in model["rows"]]
    assert balances == [Decimal("10000.1"), Decimal("7999.9"), Decimal("8000.2")]
    assert Decimal(str(model["rows"][-1]["balance_after"])) == Decimal(str(ledger["balance"]))
    assert [r["signed"] for r in model["rows"]] == [10000.1, -2000.2, 0.3]
    assert model["totals"] == {"allocation": 10000.1, "payment": 2000.2, "return": 0.3}
    assert model["rows"][1]["relief_id"] == "RL1"
    assert model["canAllocate"] is True
    for role in ("township", "city", "province", "department"):
        assert node.call("funds", "fundModel", ledger, {"role": role})["canAllocate"] is False
    body = node.call(
        "funds", "allocationBody", {"on": "2026-10-09", "amount": "10000", "note": " "}
    )
    assert body == {"on": "2026-10-09", "amount": 10000}
    AllocationIn.model_validate(body)
