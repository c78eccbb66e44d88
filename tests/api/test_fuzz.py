"""schemathesis against the app (issue 6): no 5xx, and responses as the OpenAPI schema says.

The schema is the live app's (`create_app().openapi()`, which needs no database). Each
operation then runs against a fresh app over a freshly loaded small world
(`tests.api.test_matrix.load_world`), with 100 generated requests (positive and negative;
derandomized, so that CI is reproducible), sent in-process to the ASGI app with a valid
province token over the whole province (a township token over it where only township and
county officers may call: the verification of a warning). POST /v1/rescore is fuzzed like
the others: in process its background job runs before the response returns, one job at a
time, each over this small world. The console's static routes are not in the schema (and
are probed by the matrix and injection tests instead).

Checks: every built-in check of `call_and_validate` (no 5xx, status codes, response
schemas, headers, negative data rejected, auth not ignored, ...) except

- `positive_data_acceptance`: it wants a 2xx for any schema-valid request, which our stricter
  validation refuses on purpose (`region=000000000000` is no region code, a kinship path from
  a person to themselves is 422, an unknown id is 404);
- `content_type_conformance`, replaced by `errors_are_problems`: an error is
  `application/problem+json` with a problem body (CONTRACT §3), a success as documented;
- `negative_data_rejection`: what it calls schema-violating and we accept is fine by the
  contract (unknown query parameters are ignored; a JSON Lines body is bytes).

The bugs this found (numbers read as dates, a 500 for the year 1, an undocumented 400,
errors documented as application/json, ingest without a body) each keep a regression test
at the end of this module.
"""

import json
import re
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from pydantic import SecretStr
from schemathesis import Case as GenericCase
from schemathesis import CheckContext, Response

from api.app import create_app
from api.errors import PROBLEM_MEDIA_TYPE
from core.settings import Settings
from graph.db import Graph
from tests.api.test_matrix import load_world
from tests.helpers import TEST_AUDIT_KEY, TEST_SECRET, bearer

Case = GenericCase[Any]  # the operation type does not matter here
SPEC: dict[str, Any] = create_app(
    Settings(  # type: ignore[call-arg]
        _env_file=None, secret=SecretStr(TEST_SECRET), audit_key=SecretStr(TEST_AUDIT_KEY)
    )
).openapi()
schema = schemathesis.openapi.from_dict(SPEC)
checks = schemathesis.checks
INGEST = "POST /v1/ingest/{feed}"
# A province token everywhere but where the province may not go: there a role that may, over
# the whole province, so that the fuzz reaches past the 403.
ROLES = {"POST /v1/warnings/{warning_id}/verification": "township"}


@schemathesis.serializer("application/x-ndjson")
def ndjson(_ctx: schemathesis.SerializationContext, value: Any) -> bytes:
    """JSON Lines bodies of POST /v1/ingest/{feed}: a string as is, anything else as JSON."""
    return (value if isinstance(value, str) else json.dumps(value)).encode("utf-8")


def errors_are_problems(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """An error is application/problem+json with a problem body for its own status; a
    success has a documented content type."""
    if response.status_code < 400:
        result: bool | None = checks.content_type_conformance(ctx, response, case)
        return result
    media = response.headers.get("content-type", [""])[0]
    assert media == PROBLEM_MEDIA_TYPE, f"an error as {media!r}"
    body = json.loads(response.content)
    assert body["type"].startswith("urn:hhgraph:problem:"), body
    assert (body["status"], isinstance(body["title"], str)) == (response.status_code, True), body
    return None


@pytest.fixture
def settings(settings: Settings) -> Settings:
    # The fuzz sends many bad tokens on purpose (auth checks): past the limit on bad tokens
    # (issue 14 item 15) every request would be 429 and the fuzz would test nothing more.
    return settings.model_copy(update={"bad_token_limit": 1_000_000})


@pytest.fixture
def app(app: FastAPI, graph: Graph) -> FastAPI:
    """The shared app (and so the shared `client`), over the world of tests/api/test_matrix.py."""
    load_world(graph)
    return app


@schema.parametrize()
@hypothesis_settings(
    max_examples=100,
    derandomize=True,
    deadline=None,  # each example is a real round trip to Neo4j
    database=None,  # no .hypothesis folder in the tree
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # one world per operation, on purpose
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_the_api_holds_to_its_schema(case: Case, app: FastAPI) -> None:
    case.operation.app = app  # this operation's fresh app, for the case and every probe
    case.operation.schema.app = app
    case.call_and_validate(
        headers=bearer(ROLES.get(case.operation.label, "province")),
        excluded_checks=[
            # Our validation is stricter than the schema can say (resident-id checksums,
            # region levels): a schema-valid request may rightly be refused.
            checks.positive_data_acceptance,
            checks.content_type_conformance,  # replaced by errors_are_problems
            # Its "negative" cases that we accept are fine by the contract: an unknown query
            # parameter is ignored (`?=0.0`), and a JSON Lines body is bytes whose schema
            # ("a string") cannot say that `{}` is one line of it.
            checks.negative_data_rejection,
        ],
        additional_checks=[errors_are_problems],
    )


# Regression tests of bugs the fuzzing found (fixed since).


def documented(method: str, path: str) -> set[int]:
    return {int(code) for code in SPEC["paths"][path][method]["responses"]}


def test_ingest_without_a_body_is_refused(client: TestClient) -> None:
    response = client.post("/v1/ingest/regions", headers=bearer("province"))
    assert response.status_code in (400, 422)


def test_ingest_refuses_a_json_object_for_an_array(client: TestClient) -> None:
    response = client.post("/v1/ingest/regions", json={"a": 1}, headers=bearer("province"))
    assert response.status_code in (400, 422)


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("POST", "/v1/rescore", {"as_of": 0}),
        ("GET", "/v1/households/H1/score?as_of=0", None),
        ("GET", "/v1/warnings?overdue_on=0", None),
    ],
)
def test_a_number_is_no_date(client: TestClient, method: str, url: str, body: Any) -> None:
    response = client.request(method, url, json=body, headers=bearer("province"))
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("role", "path", "url"),
    [
        ("province", "/v1/rescore", "/v1/rescore"),
        ("township", "/v1/warnings/{warning_id}/verification", "/v1/warnings/W/verification"),
    ],
)
def test_a_body_that_does_not_parse_gets_a_documented_status(
    client: TestClient, role: str, path: str, url: str
) -> None:
    headers = bearer(role) | {"Content-Type": "application/json"}
    response = client.post(url, content=b"{\xff", headers=headers)
    assert response.status_code in documented("post", path)


def test_an_ancient_as_of_is_no_server_error(client: TestClient) -> None:
    response = client.get("/v1/households/H1/score?as_of=0001-01-01", headers=bearer("province"))
    assert response.status_code < 500


def test_a_rescore_of_an_ancient_as_of_ends(client: TestClient) -> None:
    headers = bearer("province")
    accepted = client.post("/v1/rescore", json={"as_of": "0001-01-01"}, headers=headers)
    if accepted.status_code == 422:
        return  # refused up front: as good as a job that fails
    job = client.get(f"/v1/jobs/{accepted.json()['job_id']}", headers=headers).json()
    assert job["status"] in ("succeeded", "failed")


def is_problem_json(response: dict[str, Any]) -> bool:
    """Whether a documented response is application/problem+json with the Problem schema."""
    content = response.get("content", {})
    return list(content) == [PROBLEM_MEDIA_TYPE] and content[PROBLEM_MEDIA_TYPE]["schema"] == {
        "$ref": "#/components/schemas/Problem"
    }


def test_every_documented_error_is_a_problem_json() -> None:
    wrong = [
        f"{method.upper()} {path} {code}: {sorted(response.get('content', {}))}"
        for path, operations in SPEC["paths"].items()
        for method, operation in operations.items()
        for code, response in operation["responses"].items()
        if int(code) >= 400 and not is_problem_json(response)
    ]
    assert wrong == []


def test_every_path_allows_exactly_its_documented_methods(client: TestClient) -> None:
    """OPTIONS on every documented path (its parameters filled with a value that names
    nothing) is 405 whose `Allow` lists exactly the path's operations, as the fuzz's
    `allow_header_conformance` asks: a literal path beside a parameter route, such as
    /v1/webhooks/dead-letters beside DELETE /v1/webhooks/{webhook_id}, is no value of that
    parameter (issue 18)."""
    implicit = {"HEAD", "OPTIONS"}
    wrong = {}
    for path, operations in SPEC["paths"].items():
        answer = client.options(re.sub(r"\{\w+\}", "x1", path))
        allowed = {m.strip() for m in answer.headers.get("allow", "").split(",") if m.strip()}
        declared = {method.upper() for method in operations}
        if answer.status_code != 405 or allowed - implicit != declared:
            wrong[path] = (answer.status_code, sorted(allowed), sorted(declared))
    assert wrong == {}
