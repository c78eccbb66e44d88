"""`open_graph`: a command's graph, closed however its block ends, "Neo4j cannot be reached"
as one GraphUnavailable naming the URI, and refused credentials as one GraphRefused (issue 15
items 4, 6 and 9)."""

from pathlib import Path
from typing import Any

import pytest
from neo4j.exceptions import ClientError, DriverError, ServiceUnavailable

from core.errors import GraphRefused, GraphUnavailable
from core.settings import Settings
from cypher import query
from graph import connection
from graph.connection import open_graph
from tests.helpers import Neo4jTarget, refusing_bolt


class SpyDriver:
    """A driver that answers the probe and records whether it was closed."""

    def __init__(self) -> None:
        self.closed = False

    def verify_connectivity(self) -> None:
        return None

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> SpyDriver:
    driver = SpyDriver()

    def open_spy(settings: Settings, retry_s: float | None = None) -> Any:
        return driver

    monkeypatch.setattr(connection, "open_driver", open_spy)
    return driver


def nowhere(tmp_path: Path) -> Settings:
    """Settings pointing at a port where nothing listens (a spy driver answers for it)."""
    from tests.helpers import free_port

    uri = f"bolt://127.0.0.1:{free_port()}"
    return Settings(_env_file=None, NEO4J_URI=uri, data_dir=tmp_path)  # type: ignore[call-arg]


def test_the_graph_answers_and_its_driver_is_closed_after(settings: Settings) -> None:
    with open_graph(settings, actor="cli:tester") as graph:
        rows = graph.read(query("health/server_components"))
        assert rows[0]["edition"] == "community"
        assert graph.actor == "cli:tester"
    with pytest.raises(DriverError, match="Driver closed"):
        graph.driver.verify_connectivity()


def test_the_driver_is_closed_when_the_block_raises(spy: SpyDriver, tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="boom"), open_graph(nowhere(tmp_path)):
        raise RuntimeError("boom")
    assert spy.closed


def test_an_error_that_is_not_unavailability_passes_through_unchanged(
    spy: SpyDriver, tmp_path: Path
) -> None:
    refused = ClientError("Neo.ClientError.Statement.SyntaxError")
    with pytest.raises(ClientError) as raised, open_graph(nowhere(tmp_path)):
        raise refused
    assert raised.value is refused
    assert spy.closed


def test_a_server_lost_midway_is_graph_unavailable_naming_the_uri(
    spy: SpyDriver, tmp_path: Path
) -> None:
    settings = nowhere(tmp_path)  # the spy answers for it
    with pytest.raises(GraphUnavailable) as raised, open_graph(settings):
        raise ServiceUnavailable("connection lost\nwhile reading")
    message = str(raised.value)
    assert message.startswith(f"Neo4j cannot be reached at {settings.neo4j_uri} ")
    assert "connection lost while reading" in message
    assert spy.closed


def test_nothing_listening_is_one_line_that_says_what_to_do(tmp_path: Path) -> None:
    settings = nowhere(tmp_path)
    ran = False
    with pytest.raises(GraphUnavailable) as raised, open_graph(settings):
        ran = True
    assert not ran  # the probe fails before the block
    message = str(raised.value)
    assert "\n" not in message
    assert str(settings.neo4j_uri) in message
    assert "hhgraph db start" in message
    assert "NEO4J_URI" in message


def test_no_uri_and_no_local_server_is_graph_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    with pytest.raises(GraphUnavailable, match="hhgraph db start"), open_graph(settings):
        pytest.fail("the block must not run without a server")


WRONG_PASSWORD = "not-the-password-0123"


def with_password(uri: str, tmp_path: Path, user: str = "neo4j") -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        NEO4J_URI=uri,
        NEO4J_USER=user,
        NEO4J_PASSWORD=WRONG_PASSWORD,
        data_dir=tmp_path,
    )


def assert_refused(raised: pytest.ExceptionInfo[GraphRefused], uri: str, user: str) -> None:
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"Neo4j at {uri} refused the credentials of NEO4J_USER {user!r} (")
    assert message.endswith("; check NEO4J_USER and NEO4J_PASSWORD")
    assert WRONG_PASSWORD not in message


def test_issue15_item4_refused_credentials_are_graph_refused_naming_uri_and_user(
    tmp_path: Path,
) -> None:
    with refusing_bolt() as uri:
        ran = False
        with pytest.raises(GraphRefused) as raised, open_graph(with_password(uri, tmp_path, "ops")):
            ran = True
    assert not ran  # the probe is refused before the block
    assert_refused(raised, uri, "ops")
    assert "unauthorized due to authentication failure" in str(raised.value)


def test_issue15_item4_the_sessions_server_refuses_a_wrong_password(
    neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    if neo4j_target.auth is None:
        pytest.skip("the session's Neo4j runs without authentication (the local server)")
    user = neo4j_target.auth[0]
    settings = with_password(neo4j_target.uri, tmp_path, user)
    with pytest.raises(GraphRefused) as raised, open_graph(settings):
        pytest.fail("the block must not run with a wrong password")
    assert_refused(raised, neo4j_target.uri, user)
