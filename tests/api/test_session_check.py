"""The session check of an account's token on the officers' routes (CONTRACT §5,
docs/security.md) runs as the first read of the route's first transaction
(`api.deps.current_officer`, `graph.db.run_first`): no transaction of its own, and still a
session that ended is 401 at once and a limited one 403, whether or not the route opens a
transaction, through HTTP against the real Neo4j."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.db import Graph
from tests.api.test_accounts import GOOD, PROVINCE, auth, login, new_account, signed_in
from tests.helpers import bearer

TOWNSHIP = "440103001000"
WARNINGS = f"/v1/warnings?region={TOWNSHIP}"


def sessions_opened(graph: Graph, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts the sessions the real driver opens, each for one transaction here: those of
    `Driver.session` and of `Driver.execute_query` (which opens its own)."""
    opened: list[str] = []
    for name in ("session", "execute_query"):
        method: Callable[..., Any] = getattr(graph.driver, name)

        def counting(*args: Any, _name: str = name, _call: Any = method, **kwargs: Any) -> Any:
            opened.append(_name)
            return _call(*args, **kwargs)

        monkeypatch.setattr(graph.driver, name, counting)
    return opened


def test_an_accounts_session_costs_no_transaction_of_its_own(
    client: TestClient, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    pair = signed_in(client, graph, "li.ming")
    plain_token = bearer("township", TOWNSHIP, sub="li.ming")  # `hhgraph token`: no session
    opened = sessions_opened(graph, monkeypatch)
    assert client.get(WARNINGS, headers=plain_token).status_code == 200
    without = len(opened)
    assert without >= 1
    assert client.get(WARNINGS, headers=auth(pair)).status_code == 200
    assert len(opened) - without == without  # the same transactions, the check in the first


def test_a_session_that_ended_is_refused_by_a_data_route(client: TestClient, graph: Graph) -> None:
    pair = signed_in(client, graph, "li.ming")
    assert client.get(WARNINGS, headers=auth(pair)).status_code == 200
    assert client.post("/v1/accounts/li.ming/disable", headers=PROVINCE).status_code == 200
    refused = client.get(WARNINGS, headers=auth(pair))
    assert refused.status_code == 401, refused.text
    assert refused.json()["detail"] == "the bearer token is not valid"


def test_a_route_that_fails_before_any_transaction_still_refuses_an_ended_session(
    client: TestClient, graph: Graph
) -> None:
    """A bad parameter is answered before the route runs: for a session that ended the
    answer is still 401, never the 422 that a live session gets."""
    pair = signed_in(client, graph, "li.ming")
    bad = "/v1/warnings?region=not-a-region"
    assert client.get(bad, headers=auth(pair)).status_code == 422
    assert client.post("/v1/auth/logout", headers=auth(pair)).status_code == 204
    assert client.get(bad, headers=auth(pair)).status_code == 401


def test_a_limited_session_is_403_on_a_data_route(client: TestClient, graph: Graph) -> None:
    once = new_account(graph, "wang.fang")
    limited = login(client, "wang.fang", once).json()
    assert limited["must_change_password"] is True
    for url in (WARNINGS, "/v1/warnings?region=not-a-region"):
        answer = client.get(url, headers=auth(limited))
        assert answer.status_code == 403, (url, answer.text)
        assert "POST /v1/accounts/me/password" in answer.json()["detail"]
    body = {"old": once, "new": GOOD}
    assert client.post("/v1/accounts/me/password", json=body, headers=auth(limited)).is_success
