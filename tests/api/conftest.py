"""The API's fixtures: the app as `hhgraph serve` builds it, over the test's graph, and one
client of it. A module that needs data first overrides `client` with a fixture of the same
name that asks for this one and loads its world; one that needs other settings overrides
`settings` or `app`."""

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from core.settings import Settings
from graph.db import Graph


@pytest.fixture
def app(graph: Graph, settings: Settings) -> FastAPI:
    """The API over the test's (empty) graph, with the test's settings."""
    return create_app(settings, graph)


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    """A client of `app`. A server error comes back as the 500 problem a real client gets
    (its traceback is in the captured log), so that a test can assert that nothing is a 500."""
    return TestClient(app, raise_server_exceptions=False)
