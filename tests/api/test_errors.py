"""The refusals of the error tree (core/errors.py) and their one table (api/errors.py): each
refusal is one status, problem type and title on every route, its message the `detail`, with
the bytes the API has always sent."""

import inspect

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import core.errors
from api.errors import PROBLEM_MEDIA_TYPE, REFUSALS, refusal_of
from core.errors import (
    ConfigError,
    HhgraphError,
    InvalidCursor,
    InvalidToken,
    NotFound,
    ServiceUnavailable,
)
from tests.helpers import bearer


def problem_bytes(status: int, kind: str, title: str, detail: str) -> bytes:
    return (
        f'{{"type":"urn:hhgraph:problem:{kind}","title":"{title}","status":{status},'
        f'"detail":"{detail}"}}'
    ).encode()


def test_the_docstring_tree_draws_every_error_class() -> None:
    classes = {
        name
        for name, value in vars(core.errors).items()
        if inspect.isclass(value) and issubclass(value, HhgraphError)
    }
    doc = core.errors.__doc__ or ""
    assert {name for name in classes if f"── {name}" not in doc} == {"HhgraphError"}
    assert set(core.errors.__all__) == classes


def test_the_table_answers_each_refusal_of_the_tree() -> None:
    answers = {kind: (r.status, r.kind, r.title) for kind, r in REFUSALS.items()}
    assert answers == {
        NotFound: (404, "not-found", "Not Found"),
        InvalidToken: (401, "unauthorized", "Unauthorized"),
        InvalidCursor: (422, "invalid-request", "Unprocessable Entity"),
        ServiceUnavailable: (503, "service-unavailable", "Service Unavailable"),
    }


def test_a_subclass_is_answered_as_its_refusal_and_other_errors_are_not_refusals() -> None:
    class NoSuchWarning(NotFound):
        """A refusal a layer adds below `NotFound`."""

    assert refusal_of(NoSuchWarning("no warning W1")) is REFUSALS[NotFound]
    with pytest.raises(LookupError):
        refusal_of(ConfigError("HHGRAPH_SECRET"))


def test_absent_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/v1/households/H404", headers=bearer("county", "440103000000"))
    assert (response.status_code, response.headers["content-type"]) == (404, PROBLEM_MEDIA_TYPE)
    assert response.content == problem_bytes(404, "not-found", "Not Found", "no household H404")


@pytest.mark.parametrize(
    ("headers", "detail"),
    [
        ({}, "a bearer token is required"),
        ({"Authorization": "Basic dXNlcjpwdw=="}, "a bearer token is required"),
        ({"Authorization": "Bearer not.a.token"}, "the bearer token is not valid"),
    ],
    ids=["none", "another-scheme", "forged"],
)
def test_a_missing_or_bad_token_is_a_401_problem_with_a_challenge(
    client: TestClient, headers: dict[str, str], detail: str
) -> None:
    response = client.get("/v1/warnings", headers=headers)
    assert (response.status_code, response.headers["www-authenticate"]) == (401, "Bearer")
    assert response.content == problem_bytes(401, "unauthorized", "Unauthorized", detail)


@pytest.mark.parametrize(
    ("cursor", "detail"),
    [
        ("abc", "cursor: not a cursor of this list"),
        ("WyJ4IiwiYSIsImIiXQ==", "cursor: Invalid isoformat string: 'x'"),  # ["x","a","b"]
    ],
    ids=["not-base64-json", "not-a-date"],
)
def test_a_cursor_the_list_did_not_hand_out_is_a_422_problem(
    client: TestClient, cursor: str, detail: str
) -> None:
    response = client.get(
        f"/v1/persons/440103192001010011/events?cursor={cursor}", headers=bearer("province")
    )
    assert response.content == problem_bytes(422, "invalid-request", "Unprocessable Entity", detail)


def test_service_unavailable_is_a_503_problem_with_retry_after(app: FastAPI) -> None:
    def down() -> None:
        raise ServiceUnavailable("Neo4j does not answer: ServiceUnavailable")

    app.add_api_route("/down", down)
    response = TestClient(app).get("/down")
    assert response.headers["retry-after"] == str(app.state.settings.retry_after_s)
    assert response.content == problem_bytes(
        503,
        "service-unavailable",
        "Service Unavailable",
        "Neo4j does not answer: ServiceUnavailable",
    )
