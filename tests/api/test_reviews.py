"""Reviews over HTTP (CONTRACT §4; RULES P10, P6, P9, P12, C3, C4, C5): the due list, a review's
answers (201, 404, 409, 422) and the written notice read back from its PDF."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.security import mint_token
from core.ids import mask_id
from graph.db import Graph
from tests.helpers import TEST_SECRET, bearer
from tests.loaders import family
from tests.notices.test_notices import pdf_text
from tests.reviews.family import TOWNSHIP, Households, load_households
from tests.reviews.test_filings import load_family

OTHER_TOWNSHIP = "440304001000"
TOWNSHIP_TOKEN = bearer("township", TOWNSHIP, sub="officer-1")


@pytest.fixture
def homes(graph: Graph) -> Households:
    return load_households(graph)


def body(**changes: Any) -> dict[str, Any]:
    return {
        "subject_id": "HW",
        "program": "dibao",
        "enrollment_from": "2026-03-01",
        "reviewed_on": "2026-09-01",
        "outcome": "continue",
    } | changes


def post(client: TestClient, headers: dict[str, str] = TOWNSHIP_TOKEN, **changes: Any) -> Any:
    return client.post("/v1/reviews", json=body(**changes), headers=headers)


def test_p10_the_due_list_of_a_township(client: TestClient, homes: Households) -> None:
    answer = client.get(
        f"/v1/reviews?due_on=2027-03-01&region={TOWNSHIP}&limit=2", headers=TOWNSHIP_TOKEN
    )
    assert answer.status_code == 200, answer.text
    page = answer.json()
    assert [(i["subject_id"], i["due_on"], i["why"]) for i in page["items"]] == [
        (homes.tekun, "2027-03-01", "scheduled"),
        ("HE", "2027-03-01", "scheduled"),
    ]
    assert page["items"][0]["township_code"] == TOWNSHIP
    rest = client.get(
        f"/v1/reviews?due_on=2027-03-01&cursor={page['next_cursor']}", headers=TOWNSHIP_TOKEN
    ).json()
    assert [(i["subject_id"], i["due_on"]) for i in rest["items"]] == [("HW", "2026-09-01")]
    assert rest["next_cursor"] is None
    outside = client.get(f"/v1/reviews?region={OTHER_TOWNSHIP}", headers=TOWNSHIP_TOKEN)
    assert outside.status_code == 404
    spoiled = client.get("/v1/reviews?cursor=abc", headers=TOWNSHIP_TOKEN)
    assert spoiled.status_code == 422


def test_x3_the_due_list_says_x3_with_the_rule_it_fails(
    client: TestClient, graph: Graph, homes: Households
) -> None:
    """RULES §9 X3 over HTTP: `as_of` is the day X3 is checked on; a dibao household above
    the standard is due that day, `why` X3, `why_rules` X3 and E3, a Chinese `why_reason`."""
    graph.driver.execute_query(
        "MATCH (p:Person {person_id: $p}) SET p.annual_income = 60000",
        p=homes.worker,
        database_="neo4j",
    )
    url = f"/v1/reviews?due_on=2026-07-01&as_of=2026-07-01&region={TOWNSHIP}"
    answer = client.get(url, headers=TOWNSHIP_TOKEN)
    assert answer.status_code == 200, answer.text
    (item,) = answer.json()["items"]
    assert (item["subject_id"], item["due_on"], item["why"]) == ("HW", "2026-07-01", "X3")
    assert item["why_rules"] == ["X3", "E3"]
    assert "信息比对X3" in item["why_reason"]
    later = client.get("/v1/reviews?due_on=2027-03-01&as_of=2026-10-01", headers=TOWNSHIP_TOKEN)
    rules = {i["subject_id"]: i["why_rules"] for i in later.json()["items"]}
    assert rules["HW"] == ["P10", "X3", "E3"]  # overdue on its schedule, and X3
    assert rules["HE"] == ["P10"]


def test_p10_p12_a_review_answers_201_with_its_timeline(
    client: TestClient, homes: Households
) -> None:
    answer = post(client, outcome="adjust", monthly_amount=900)
    assert answer.status_code == 201, answer.text
    review = answer.json()
    assert review["review_id"].startswith("R20260901-440103001-")
    assert (review["old_amount"], review["monthly_amount"]) == (800.0, 900.0)
    assert review["effective_from"] == "2026-10-01"
    assert review["notice_due_on"] is None
    assert review["due_step"] is None
    assert [(s["step"], s["by"], s["role"], s["rules"]) for s in review["timeline"]] == [
        ("review", "officer-1", "township", ["P10"])
    ]


def test_p10_the_refusals_name_the_field_or_the_rule(client: TestClient, homes: Households) -> None:
    missing = post(client, outcome="adjust")
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "body.monthly_amount"
    unheard = post(client, outcome="adjust", monthly_amount=500, reason="收入增加")
    assert unheard.status_code == 422
    assert unheard.json()["errors"][0]["field"] == "body.hearing_on"
    tekun = post(
        client,
        subject_id=homes.tekun,
        program="tekun",
        outcome="terminate",
        hearing_on="2026-08-31",
        reason="有了法定赡养人",
    )
    assert tekun.status_code == 409
    assert "P6" in tekun.json()["rules"]
    assert post(client, headers=bearer("township", OTHER_TOWNSHIP)).status_code == 404
    assert post(client, enrollment_from="2026-02-01").status_code == 404
    assert post(client, headers=bearer("city", TOWNSHIP)).status_code == 403


def test_c5_a_token_of_a_related_officer_is_refused(client: TestClient, homes: Households) -> None:
    token = mint_token(TEST_SECRET, "township", TOWNSHIP, "officer-son", person_id=homes.son)
    answer = post(client, {"Authorization": f"Bearer {token}"}, subject_id="HE")
    assert answer.status_code == 409
    assert answer.json()["rules"][0] == "C5"


def test_p9_the_notice_of_a_decrease_reads_back(client: TestClient, homes: Households) -> None:
    decrease = post(
        client, outcome="adjust", monthly_amount=500, hearing_on="2026-08-28", reason="收入增加"
    ).json()
    answer = client.get(f"/v1/reviews/{decrease['review_id']}/notice.pdf", headers=TOWNSHIP_TOKEN)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    _, text = pdf_text(answer.content)
    assert "最低生活保障减发告知书" in text
    assert "由800.00元调整为500.00元" in text
    assert "沙面街道" in text
    assert "收入增加" in text
    assert decrease["review_id"] in text
    assert "王老" in text
    assert mask_id(homes.father) in text
    assert homes.father not in text
    assert homes.worker not in text
    assert "P10" in text
    assert "行政复议" in text
    assert decrease["notice_due_on"] == "2026-09-04"
    other = client.get(
        f"/v1/reviews/{decrease['review_id']}/notice.pdf",
        headers=bearer("township", OTHER_TOWNSHIP),
    )
    assert other.status_code == 404


def test_p9_a_tekun_termination_names_its_posting_and_a_continue_has_no_notice(
    client: TestClient, homes: Households
) -> None:
    ended = post(
        client,
        subject_id=homes.tekun,
        program="tekun",
        outcome="terminate",
        hearing_on="2026-08-31",
        posted_on="2026-09-01",
        reviewed_on="2026-09-09",
        reason="有了法定赡养人",
    ).json()
    pdf = client.get(f"/v1/reviews/{ended['review_id']}/notice.pdf", headers=TOWNSHIP_TOKEN)
    _, text = pdf_text(pdf.content)
    assert "特困人员救助供养终止告知书" in text
    assert mask_id(homes.tekun) in text
    assert homes.tekun not in text
    assert "陈孤" in text
    assert "2026年10月1日起终止" in text
    assert "P6" in text
    kept = post(client).json()
    answer = client.get(f"/v1/reviews/{kept['review_id']}/notice.pdf", headers=TOWNSHIP_TOKEN)
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("application/problem+json")


def test_a_405_allows_every_method_of_the_path(client: TestClient) -> None:
    answer = client.request("OPTIONS", "/v1/reviews", headers=TOWNSHIP_TOKEN)
    assert answer.status_code == 405
    assert answer.headers["allow"] == "GET, POST"
    assert client.request("OPTIONS", "/health").headers["allow"] == "GET"


def test_c3_review_files_the_case_and_c4_needs_the_county_officers_visit(
    client: TestClient, graph: Graph
) -> None:
    """H1 of tests/loaders/family.py (marginal from 2025-01-01): its head's brother handles
    cases at the township (C1). The township's review is refused naming C4; the county
    officer's review after a home visit answers 201 with the filings (C3), undeclared."""
    load_family(graph)
    h1: dict[str, Any] = {
        "subject_id": "H1",
        "program": "marginal",
        "enrollment_from": "2025-01-01",
    }
    refused = post(client, **h1, reviewed_on="2026-06-01")
    assert refused.status_code == 409, refused.text
    assert (refused.json()["rules"], refused.json()["state"]) == (["C4"], "open")
    county = bearer("county", "440103000000", sub="county-1")
    done = post(client, county, **h1, reviewed_on="2026-06-01", visited_on="2026-05-28")
    assert done.status_code == 201, done.text
    review = done.json()
    assert (review["filed"], review["visited_on"]) == (True, "2026-05-28")
    by_member = {f["member_id"]: f for f in review["filings"]}
    assert by_member[family.FATHER]["relation_path"] == [
        family.UNCLE, family.GRANDMA, family.FATHER,
    ]  # fmt: skip
    assert {(f["official_id"], f["undeclared"]) for f in review["filings"]} == {
        (family.UNCLE, True)
    }
    assert [s["step"] for s in review["timeline"]] == ["visit", "review"]
