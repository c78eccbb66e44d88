"""The OpenAPI document the app serves equals the checked-in snapshot `docs/openapi.json`.

The snapshot is the served `/openapi.json` pretty-printed (2-space indent, sorted keys,
UTF-8, a trailing newline). A change of any route, model or description must be deliberate:
regenerate the snapshot and commit it with the change,

    HHGRAPH_UPDATE_OPENAPI=1 .venv/bin/pytest tests/api/test_openapi.py

With that variable set, the test rewrites the file instead of comparing. The app is built
without a database: serving `/openapi.json` needs none.
"""

import json
import os
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from core.settings import Settings
from tests.helpers import TEST_AUDIT_KEY, TEST_SECRET

SNAPSHOT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
UPDATE = "HHGRAPH_UPDATE_OPENAPI"


def served() -> dict[str, Any]:
    """The OpenAPI document as the app serves it (no lifespan: no driver is opened)."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        secret=SecretStr(TEST_SECRET),
        audit_key=SecretStr(TEST_AUDIT_KEY),
        api_docs=True,
    )
    app = create_app(settings)
    response = TestClient(app).get("/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def render(document: dict[str, Any]) -> str:
    """The snapshot's text: stable under key order, readable Chinese."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_snapshot() -> None:
    """Rewrite docs/openapi.json from the live app."""
    SNAPSHOT.write_text(render(served()), encoding="utf-8")


def test_the_served_openapi_equals_the_snapshot() -> None:
    if os.environ.get(UPDATE) == "1":
        write_snapshot()
    assert SNAPSHOT.is_file(), f"no {SNAPSHOT}: run with {UPDATE}=1 to create it"
    assert SNAPSHOT.read_text(encoding="utf-8") == render(served()), (
        f"the API changed: review the diff, then run with {UPDATE}=1 to accept it"
    )


def test_the_snapshot_is_rendered_canonically() -> None:
    text = SNAPSHOT.read_text(encoding="utf-8")
    assert text == render(json.loads(text))
    assert {"/health", "/v1/ingest/{feed}", "/v1/rescore"} <= set(json.loads(text)["paths"])
