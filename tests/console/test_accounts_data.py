"""The sign-in and accounts data layer (console/js/data/signin.js, account.js, accounts.js;
issue 16), its pure functions run by Node: the refusals of a sign-in as the screen says them
(one answer for a wrong username or password; the code when the API asks for it; a lock with
the time it ends), the password policy's refusals from the API's codes, the QR code as an
image URL, and the roles an officer is offered (the server's rank, accounts/records.py)."""

import base64
from collections.abc import Mapping
from typing import Any

import pytest

from accounts.records import ACCOUNT_ROLES, rank
from tests.console.world import Node


def refused(
    status: int, problem: Mapping[str, Any] | None = None, retry: int | None = None
) -> dict[str, Any]:
    """An ApiError as the data layer reads it."""
    return {"status": status, "problem": problem or {}, "retryAfter": retry}


def test_issue16_a_wrong_username_or_password_reads_the_same(node: Node) -> None:
    said = node.call("signin", "loginProblem", refused(401, {"detail": "wrong"}), False)
    assert said == {"key": "signin_wrong", "params": {}, "otp": False}


def test_issue16_the_code_is_asked_for_when_the_api_says_so(node: Node) -> None:
    problem = {"otp_required": True}
    asked = node.call("signin", "loginProblem", refused(401, problem), False)
    assert asked == {"key": "signin_otp_needed", "params": {}, "otp": True}
    wrong = node.call("signin", "loginProblem", refused(401, problem), True)
    assert wrong == {"key": "signin_otp_wrong", "params": {}, "otp": True}


def test_issue16_a_lock_says_when_it_ends_in_guangdong_time(node: Node) -> None:
    now = 1_790_000_000_000  # 2026-09-21T14:13:20Z, 22:13 in Guangdong
    said = node.call("signin", "loginProblem", refused(423, retry=900), False, now)
    assert said == {"key": "signin_locked_until", "params": {"until": "22:28"}, "otp": False}
    bare = node.call("signin", "loginProblem", refused(423), False, now)
    assert bare["key"] == "signin_locked"


@pytest.mark.parametrize(
    ("status", "key"), [(403, "signin_disabled"), (429, "signin_throttled"), (503, None)]
)
def test_issue16_disabled_throttled_and_other_answers(node: Node, status: int, key: str) -> None:
    said = node.call("signin", "loginProblem", refused(status), False)
    assert (said["key"] if said else None) == key


def test_issue16_the_policys_refusals_come_from_the_api_codes(node: Node) -> None:
    problem = {
        "errors": [
            {"field": "body.new", "message": "new: ...", "code": "password_reused"},
            {"field": "body.old", "message": "old: is not the account's current password"},
        ]
    }
    assert node.call("account", "fieldProblems", refused(422, problem)) == [
        {"field": "new", "key": "problem_password_reused", "message": "new: ..."},
        {"field": "old", "key": None, "message": "old: is not the account's current password"},
    ]
    assert node.call("account", "fieldProblems", refused(409, problem)) == []


def test_issue16_the_qr_code_is_an_image_url_of_the_apis_bytes(node: Node) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>李明</title></svg>'
    url = node.call("account", "svgDataUrl", svg)
    prefix = "data:image/svg+xml;base64,"
    assert url.startswith(prefix)
    assert base64.b64decode(url[len(prefix) :]).decode() == svg


@pytest.mark.parametrize("role", ["province", "city", "county", "township"])
def test_issue16_an_officer_is_offered_the_roles_up_to_its_own(node: Node, role: str) -> None:
    offered = node.call("accounts", "grantableRoles", role)
    assert offered == [r for r in ACCOUNT_ROLES if rank(r) <= rank(role)]
