"""The standby fund routes (CONTRACT §4; RULES R5): the county allocates, officers read the
ledger, another region's fund is absent, a payment is never posted here."""

from fastapi.testclient import TestClient

from tests.helpers import bearer

TOWNSHIP = "440103001000"
COUNTY_H = bearer("county", "440103000000", "county-1")
TOWNSHIP_H = bearer("township", TOWNSHIP, "officer-1")


def test_r5_the_county_allocates_and_the_township_reads(client: TestClient) -> None:
    url = f"/v1/funds/{TOWNSHIP}"
    empty = client.get(url, headers=TOWNSHIP_H)
    assert empty.json() == {"township_code": TOWNSHIP, "balance": 0.0, "entries": []}
    given = client.post(
        f"{url}/allocations",
        json={"on": "2026-03-02", "amount": 20000, "note": "年度"},
        headers=COUNTY_H,
    )
    assert given.status_code == 201, given.text
    assert given.json()["balance"] == 20000.0
    (entry,) = client.get(url, headers=TOWNSHIP_H).json()["entries"]
    assert (entry["kind"], entry["amount"], entry["by"]) == ("allocation", 20000.0, "county-1")


def test_r5_only_the_county_allocates_and_only_positive_sums(client: TestClient) -> None:
    url = f"/v1/funds/{TOWNSHIP}/allocations"
    assert (
        client.post(url, json={"on": "2026-03-02", "amount": 1}, headers=TOWNSHIP_H).status_code
        == 403
    )
    assert (
        client.post(url, json={"on": "2026-03-02", "amount": 0}, headers=COUNTY_H).status_code
        == 422
    )
    other = bearer("county", "440304000000", "county-sz")
    assert client.get(f"/v1/funds/{TOWNSHIP}", headers=other).status_code == 404
    assert client.get("/v1/funds/440103000000", headers=COUNTY_H).status_code == 404  # a county
