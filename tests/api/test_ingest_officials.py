"""C1: `POST /v1/ingest/officials`, the generic ingest path for the officials feed: the good
records applied, a bad one rejected with its index, key and field, the same push again
accepted and changing nothing (CONTRACT §2)."""

from typing import Any

from fastapi.testclient import TestClient

from tests.helpers import bearer
from tests.loaders import family


def push(client: TestClient, feed: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    response = client.post(f"/v1/ingest/{feed}", json=records, headers=bearer("batch"))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_c1_officials_are_ingested_with_their_rejects_and_again_change_nothing(
    client: TestClient,
) -> None:
    for feed in ("regions", "persons"):
        assert push(client, feed, family.all_feeds()[feed])["rejected"] == []
    bad = family.officials()[0] | {"role": "mayor", "from": "2021-01-01"}
    records = [*family.officials(), bad]
    first = push(client, "officials", records)
    assert (first["feed"], first["received"], first["accepted"]) == ("officials", 2, 1)
    (reject,) = first["rejected"]
    assert reject["index"] == 1
    assert reject["key"] == {
        "person_id": family.UNCLE,
        "role": "mayor",
        "region_code": "440103001000",
        "from": "2021-01-01",
    }
    assert [e["field"] for e in reject["errors"]] == ["role"]
    again = push(client, "officials", family.officials())
    assert (again["accepted"], again["applied"], again["unchanged"], again["rejected"]) == (
        1,
        0,
        1,
        [],
    )
