"""Sign-in, sessions, the second factor and account administration through HTTP, against the
real Neo4j (CONTRACT §5, issue 16: "Done when")."""

import json
import time
from pathlib import Path
from typing import Any

import pyotp
from fastapi.testclient import TestClient

from accounts import Caller, NewAccount, create
from core.settings import Settings
from graph.db import Graph
from tests.helpers import bearer

PROVINCE = bearer("province", "440000000000", sub="gd-admin")
CITY = bearer("city", "440100000000", sub="gz-admin")
GOOD = "Guangzhou-2026"
TOWNSHIP = "440103001000"
ROOT = Caller("gd", "province", "440000000000")


def new_account(graph: Graph, username: str, role: str = "township", region: str = TOWNSHIP) -> str:
    """Make an account; its one-time password."""
    new = NewAccount(username, role, region)  # type: ignore[arg-type]
    return create(graph, ROOT, new, "gd").one_time_password


def login(client: TestClient, username: str, password: str, otp: str | None = None) -> Any:
    body = {"username": username, "password": password, "otp": otp}
    return client.post("/v1/auth/login", json=body)


def auth(pair: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {pair['access_token']}"}


def signed_in(
    client: TestClient, graph: Graph, username: str, role: str = "township", region: str = TOWNSHIP
) -> dict[str, Any]:
    """A session of a new account whose one-time password was changed to `GOOD`."""
    once = new_account(graph, username, role, region)
    first = login(client, username, once)
    assert first.status_code == 200, first.text
    assert first.json()["must_change_password"] is True
    body = {"old": once, "new": GOOD}
    changed = client.post("/v1/accounts/me/password", json=body, headers=auth(first.json()))
    assert changed.status_code == 200, changed.text
    assert changed.json()["must_change_password"] is False
    return dict(changed.json())


def another_code(*codes: str) -> str:
    """A 6-digit code that is none of `codes` (a wrong one)."""
    return next(c for c in ("000000", "111111", "222222") if c not in codes)


def valid(client: TestClient, pair: dict[str, Any]) -> bool:
    """Whether the pair's access token is good now (/health shows Neo4j to a valid token)."""
    answer = client.get("/health", headers=auth(pair))
    return answer.status_code == 200 and "neo4j" in answer.json()


def audit_events(settings: Settings) -> list[dict[str, Any]]:
    files = sorted(Path(settings.audit_dir).glob("audit-*.jsonl"))
    entries = [json.loads(line) for f in files for line in f.read_text().splitlines()]
    return [e["event"] for e in entries if "event" in e]


def test_sign_in_then_refresh_rotates_and_the_access_token_works(
    client: TestClient, graph: Graph
) -> None:
    pair = signed_in(client, graph, "li.ming")
    assert pair["token_type"] == "bearer"
    assert pair["expires_in"] == 900
    assert valid(client, pair)
    again = login(client, "li.ming", GOOD)
    assert again.status_code == 200
    fresh = client.post("/v1/auth/refresh", json={"refresh_token": again.json()["refresh_token"]})
    assert fresh.status_code == 200, fresh.text
    assert fresh.json()["refresh_token"] != again.json()["refresh_token"]
    assert valid(client, fresh.json())
    assert valid(client, again.json())  # the same session: its older access token still works


def test_a_reused_refresh_token_revokes_the_whole_session(
    client: TestClient, graph: Graph, settings: Settings
) -> None:
    pair = signed_in(client, graph, "li.ming")
    stolen = pair["refresh_token"]
    rotated = client.post("/v1/auth/refresh", json={"refresh_token": stolen})
    assert rotated.status_code == 200
    reused = client.post("/v1/auth/refresh", json={"refresh_token": stolen})
    assert reused.status_code == 401
    newest = client.post(
        "/v1/auth/refresh", json={"refresh_token": rotated.json()["refresh_token"]}
    )
    assert newest.status_code == 401  # the session is gone, the holder's copy too
    assert not valid(client, rotated.json())
    assert {"kind": "refresh_reused", "account": None, "result": "session_revoked"} in (
        audit_events(settings)
    )


def test_lockout_after_five_failures_and_its_end(
    client: TestClient, graph: Graph, settings: Settings
) -> None:
    signed_in(client, graph, "li.ming")
    answers = [login(client, "li.ming", "Wrong-password-1").status_code for _ in range(5)]
    assert answers == [401, 401, 401, 401, 423]
    locked = login(client, "li.ming", GOOD)  # the right password too
    assert locked.status_code == 423
    assert int(locked.headers["retry-after"]) > 14 * 60
    graph.driver.execute_query(  # 15 minutes later
        "MATCH (a:Account {username: 'li.ming'}) "
        "SET a.locked_until = datetime() - duration('PT1S')",
        database_="neo4j",
    )
    assert login(client, "li.ming", GOOD).status_code == 200
    results = [e["result"] for e in audit_events(settings) if e["kind"] == "login"]
    assert results[-7:] == ["BadCredentials"] * 4 + ["lockout", "locked", "ok"]


def test_an_unknown_username_reads_as_a_wrong_password_and_locks_alike(
    client: TestClient, graph: Graph
) -> None:
    signed_in(client, graph, "li.ming")
    wrong = login(client, "li.ming", "Wrong-password-1")
    unknown = login(client, "nobody.here", "Wrong-password-1")
    assert (wrong.status_code, wrong.json()) == (unknown.status_code, unknown.json())
    answers = [login(client, "nobody.here", "Wrong-password-1").status_code for _ in range(4)]
    assert answers == [401, 401, 401, 423]


def test_a_disabled_accounts_access_token_stops_working_at_once(
    client: TestClient, graph: Graph
) -> None:
    pair = signed_in(client, graph, "li.ming")
    assert valid(client, pair)
    done = client.post("/v1/accounts/li.ming/disable", headers=PROVINCE)
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "disabled"
    assert not valid(client, pair)  # not only once its 15 minutes are over
    assert (
        client.post("/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]}).status_code
        == 401
    )
    assert login(client, "li.ming", GOOD).status_code == 403
    assert login(client, "li.ming", "Wrong-password-1").status_code == 401


def test_logout_and_a_new_password_end_sessions(client: TestClient, graph: Graph) -> None:
    pair = signed_in(client, graph, "li.ming")
    other = login(client, "li.ming", GOOD).json()
    assert client.post("/v1/auth/logout", headers=auth(pair)).status_code == 204
    assert not valid(client, pair)
    assert valid(client, other)
    body = {"old": GOOD, "new": "Shenzhen-2026"}
    changed = client.post("/v1/accounts/me/password", json=body, headers=auth(other))
    assert changed.status_code == 200
    assert not valid(client, other)  # every session of the account ended
    assert valid(client, changed.json())  # but the one the change started


def test_a_one_time_password_works_for_the_password_change_only(
    client: TestClient, graph: Graph
) -> None:
    once = new_account(graph, "gz.city", "city", "440100000000")
    pair = login(client, "gz.city", once).json()
    assert pair["must_change_password"] is True
    refused = client.get("/v1/accounts", headers=auth(pair))
    assert refused.status_code == 403
    assert "password" in refused.json()["detail"]
    body = {"old": once, "new": GOOD}
    changed = client.post("/v1/accounts/me/password", json=body, headers=auth(pair)).json()
    # A city account without a second factor may next only enrol one (issue 16).
    assert changed["must_enrol_otp"] is True
    assert client.get("/v1/accounts", headers=auth(changed)).status_code == 403


def test_the_policy_refuses_through_http(client: TestClient, graph: Graph) -> None:
    """Each refusal names the field and, as `code`, the rule it broke: the console shows
    the policy's refusals in Chinese from the code, never by parsing the English text."""
    once = new_account(graph, "li.ming")
    pair = login(client, "li.ming", once).json()
    for new, why, code in (
        ("Short-1", "10", "password_too_short"),
        ("alllowercase12", "3 of", "password_classes"),
        ("li.ming-2026X", "username", "password_username"),
        (once, "last 5", "password_reused"),
    ):
        answer = client.post(
            "/v1/accounts/me/password", json={"old": once, "new": new}, headers=auth(pair)
        )
        assert answer.status_code == 422, new
        assert answer.json()["errors"][0]["field"] == "body.new"
        assert answer.json()["errors"][0]["code"] == code
        assert why in answer.json()["detail"], answer.json()
    wrong_old = client.post(
        "/v1/accounts/me/password", json={"old": "Nope-nope-12", "new": GOOD}, headers=auth(pair)
    )
    assert wrong_old.status_code == 422
    assert wrong_old.json()["errors"][0]["field"] == "body.old"
    assert wrong_old.json()["errors"][0]["code"] == "password_wrong"


def test_totp_right_wrong_and_replayed(
    client: TestClient, graph: Graph, settings: Settings
) -> None:
    pair = signed_in(client, graph, "li.ming")
    enrol = client.post("/v1/accounts/me/otp", headers=auth(pair))
    assert enrol.status_code == 200, enrol.text
    secret = enrol.json()["secret"]
    assert enrol.json()["otpauth_uri"].startswith("otpauth://totp/household-graph:li.ming?")
    assert enrol.json()["qr_svg"].startswith("<svg")
    totp = pyotp.TOTP(secret)
    wrong = client.post(
        "/v1/accounts/me/otp/confirm",
        json={
            "otp": another_code(totp.now(), totp.at(time.time() - 30), totp.at(time.time() + 30))
        },
        headers=auth(pair),
    )
    assert wrong.status_code == 422
    confirmed = client.post(
        "/v1/accounts/me/otp/confirm", json={"otp": totp.now()}, headers=auth(pair)
    )
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["otp_enabled"] is True
    missing = login(client, "li.ming", GOOD)
    assert missing.status_code == 401
    assert missing.json()["otp_required"] is True
    assert (
        login(
            client,
            "li.ming",
            GOOD,
            another_code(totp.now(), totp.at(time.time() - 30), totp.at(time.time() + 30)),
        ).status_code
        == 401
    )
    code = totp.at(time.time() + 30)  # the next step: the current one was used to confirm
    assert login(client, "li.ming", GOOD, code).status_code == 200
    replayed = login(client, "li.ming", GOOD, code)
    assert replayed.status_code == 401
    assert replayed.json()["otp_required"] is True
    text = "\n".join(f.read_text() for f in Path(settings.audit_dir).glob("audit-*.jsonl"))
    assert secret not in text
    assert GOOD not in text
    assert code not in text.replace(f'"{code}"', "")  # no code as a value of its own


def test_province_and_city_must_enrol_and_then_need_the_code(
    client: TestClient, graph: Graph
) -> None:
    pair = signed_in(client, graph, "gz.city", "city", "440100000000")
    assert pair["must_enrol_otp"] is True
    secret = client.post("/v1/accounts/me/otp", headers=auth(pair)).json()["secret"]
    body = {"otp": pyotp.TOTP(secret).now()}
    assert (
        client.post("/v1/accounts/me/otp/confirm", json=body, headers=auth(pair)).status_code == 200
    )
    assert client.get("/v1/accounts", headers=auth(pair)).status_code == 200  # a full session now
    assert login(client, "gz.city", GOOD).json()["otp_required"] is True


def test_a_city_officer_is_refused_outside_its_region_and_above_its_role(
    client: TestClient, graph: Graph
) -> None:
    outside = {"username": "sz.town", "role": "township", "region": "440304001000"}
    assert client.post("/v1/accounts", json=outside, headers=CITY).status_code == 404
    above = {"username": "gd.two", "role": "province", "region": "440000000000"}
    assert client.post("/v1/accounts", json=above, headers=CITY).status_code == 403
    inside = {"username": "gz.town", "role": "township", "region": TOWNSHIP}
    made = client.post("/v1/accounts", json=inside, headers=CITY)
    assert made.status_code == 201, made.text
    assert len(made.json()["one_time_password"]) == 16
    assert "password_hash" not in made.text
    new_account(graph, "sz.other", "township", "440304001000")
    assert client.post("/v1/accounts/sz.other/disable", headers=CITY).status_code == 404
    assert client.post("/v1/accounts/sz.other/reset", headers=CITY).status_code == 404
    listed = client.get("/v1/accounts", headers=CITY).json()
    assert [a["username"] for a in listed["items"]] == ["gz.town"]
    reset = client.post("/v1/accounts/gz.town/reset", headers=CITY)
    assert reset.status_code == 200
    assert login(client, "gz.town", reset.json()["one_time_password"]).json()[
        "must_change_password"
    ]


def test_hhgraph_tokens_keep_working_and_have_no_account_to_act_on(client: TestClient) -> None:
    assert client.get("/health", headers=PROVINCE).json()["status"] == "ok"
    assert client.get("/v1/accounts", headers=PROVINCE).status_code == 200
    assert client.post("/v1/auth/logout", headers=PROVINCE).status_code == 403
    assert client.post("/v1/accounts/me/otp", headers=PROVINCE).status_code == 403
