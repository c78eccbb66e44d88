"""`GET /v1/integrity` (CONTRACT §4; RULES §9): who may call it, the region it scans, the
keyset pages across rules, one rule alone, and the masking of a person a finding names
outside the caller's region (CONTRACT §3); `GET /v1/integrity/scans`, the counts per rule of
the last recorded scans."""

from datetime import date

import pytest
from fastapi.testclient import TestClient

from core.ids import mask_id
from graph.db import Graph
from integrity import RULE_IDS
from stats.findings import record
from tests.helpers import bearer
from tests.scoring.kin import SZ_VILLAGE, Family

TOWNSHIP = "440103001000"
TOKEN = bearer("township", TOWNSHIP, sub="officer-1")
BORN = date(1980, 5, 5)
URL = "/v1/integrity?as_of=2026-09-01"


@pytest.fixture
def ids(graph: Graph) -> dict[str, str]:
    fam = Family()
    fam.household("H1")
    fam.household("H2")
    fam.household("HSZ", village=SZ_VILLAGE)
    dead = fam.person("故人", date(1940, 1, 1), "H1", death_date=date(2026, 3, 5))
    fam.enrol(dead, "tekun", date(2020, 1, 1))
    fam.person("户主", date(1960, 1, 1), "H2", annual_income=0)
    fam.enrol("H2", "dibao", date(2026, 1, 1))
    fam.enrol("H2", "marginal", date(2026, 2, 1))
    mother = fam.person("母亲", date(1955, 1, 1), "H2", sex="F")
    here = fam.person("李娜", BORN, "H2", sex="F")
    there = fam.person("李娜", BORN, "HSZ", sex="F")
    fam.parent(mother, here)
    fam.parent(mother, there)
    fam.load(graph)
    return {"dead": dead, "here": here, "there": there}


def test_x1_x7_the_route_pages_findings_by_rule(client: TestClient, ids: dict[str, str]) -> None:
    first = client.get(f"{URL}&limit=1", headers=TOKEN)
    assert first.status_code == 200, first.text
    page = first.json()
    assert [(i["rule"], i["subject_id"]) for i in page["items"]] == [("X1", ids["dead"])]
    assert page["items"][0]["township_code"] == TOWNSHIP
    seen = [(i["rule"], i["subject_id"]) for i in page["items"]]
    cursor = page["next_cursor"]
    while cursor:
        more = client.get(f"{URL}&limit=1&cursor={cursor}", headers=TOKEN).json()
        seen += [(i["rule"], i["subject_id"]) for i in more["items"]]
        cursor = more["next_cursor"]
    rules = [rule for rule, _ in seen]
    assert rules == sorted(rules)
    assert {("X1", ids["dead"]), ("X2", "H2"), ("X7", ids["here"])} <= set(seen)
    assert len(seen) == len(set(seen))
    whole = client.get(f"{URL}&limit=500", headers=TOKEN).json()
    assert [(i["rule"], i["subject_id"]) for i in whole["items"]] == seen
    assert whole["next_cursor"] is None


def test_x7_the_other_person_outside_the_region_is_masked(
    client: TestClient, ids: dict[str, str]
) -> None:
    answer = client.get(f"{URL}&rule=X7", headers=TOKEN)
    assert answer.status_code == 200, answer.text
    (item,) = answer.json()["items"]
    assert item["subject_id"] == ids["here"]
    assert item["params"]["other_id"] == mask_id(ids["there"])
    assert item["next_step"] == {
        "kind": "merge",
        "params": {"person_ids": [ids["here"], mask_id(ids["there"])], "shared": ["parent"]},
    }
    assert ids["there"] not in answer.text
    province = client.get(f"{URL}&rule=X7", headers=bearer("province", "440000000000")).json()
    assert ids["there"] in {i["params"]["other_id"] for i in province["items"]}


def test_x2_one_rule_alone(client: TestClient, ids: dict[str, str]) -> None:
    items = client.get(f"{URL}&rule=X2", headers=TOKEN).json()["items"]
    assert [(i["rule"], i["subject_id"], i["next_step"]["kind"]) for i in items] == [
        ("X2", "H2", "review")
    ]
    assert items[0]["detail"].startswith("X2: H2 is enrolled in dibao")


def test_x_authorisation_region_and_bad_input(client: TestClient, ids: dict[str, str]) -> None:
    assert client.get(URL).status_code == 401
    investigator = bearer("investigator", TOWNSHIP)
    assert client.get(URL, headers=investigator).status_code == 403
    assert client.get(URL, headers=bearer("batch", "440000000000")).status_code == 403
    assert client.get(f"{URL}&region=440304001000", headers=TOKEN).status_code == 404
    assert client.get(f"{URL}&rule=X9", headers=TOKEN).status_code == 422
    assert client.get(f"{URL}&cursor=abc", headers=TOKEN).status_code == 422
    sz = client.get(f"{URL}&rule=X1", headers=bearer("township", "440304001000")).json()
    assert sz["items"] == []


SCANS = "/v1/integrity/scans"


def test_x1_x8_the_recorded_counts_per_rule_and_their_dates(
    client: TestClient, graph: Graph
) -> None:
    """`GET /v1/integrity/scans` (S1's recorded scans, RULES §9): for each rule X1-X8 its
    latest scan on or before the date covering the region, the findings in the region asked
    and the scan's date; null for a rule never scanned; no check runs."""
    county = bearer("county", "440103000000", sub="county-1")
    none = client.get(f"{SCANS}?as_of=2026-09-30", headers=county)
    assert none.status_code == 200, none.text
    assert none.json() == {
        "region": "440103000000",
        "as_of": "2026-09-30",
        "rules": [{"rule": r, "findings": None, "scanned_on": None} for r in RULE_IDS],
    }
    second = "440103002000"
    record(graph, "44", date(2026, 9, 1), {"X1": {TOWNSHIP: 2, second: 1}, "X3": {TOWNSHIP: 5}})
    record(graph, "44", date(2026, 9, 20), {"X1": {TOWNSHIP: 4}, "X8": {}})
    record(graph, "44", date(2026, 10, 5), {"X1": {TOWNSHIP: 9}})  # after the date asked
    found = client.get(f"{SCANS}?as_of=2026-09-30", headers=county).json()["rules"]
    by_rule = {r["rule"]: (r["findings"], r["scanned_on"]) for r in found}
    assert [r["rule"] for r in found] == list(RULE_IDS)
    assert by_rule["X1"] == (4, "2026-09-20")  # the latest scan on or before the date
    assert by_rule["X3"] == (5, "2026-09-01")
    assert by_rule["X8"] == (0, "2026-09-20")  # scanned, nothing found
    assert by_rule["X2"] == (None, None)  # never scanned
    # A region inside the caller's: the findings routed to its townships only.
    early = client.get(f"{SCANS}?as_of=2026-09-10&region={second}", headers=county).json()
    assert {r["rule"]: r["findings"] for r in early["rules"]}["X1"] == 1
    assert early["region"] == second
    # Outside the caller's region: 404, as if absent (CONTRACT §3).
    outside = client.get(f"{SCANS}?region=440304001000", headers=county)
    assert outside.status_code == 404
    assert client.get(SCANS, headers=bearer("investigator", TOWNSHIP, "i")).status_code == 403
