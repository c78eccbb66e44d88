"""The application routes over HTTP (CONTRACT §4; RULES P1–P9, P12, C5): one household walked
from intake to the enrolment, the refusals as problems (409 naming the state and rule, 422
naming the field), the notice PDF read back, and who may call what."""

import io
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from graph.db import Graph
from tests.applications.family import COUNTY, HOUSEHOLD, TOWNSHIP, Couple, load_couple
from tests.helpers import bearer

TOWNSHIP_H = bearer("township", TOWNSHIP, "officer-1")
COUNTY_H = bearer("county", COUNTY, "county-1")
OTHER_H = bearer("township", "440304001000", "officer-sz")


@pytest.fixture
def couple(graph: Graph) -> Couple:
    return load_couple(graph)


def post(client: TestClient, url: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    return client.post(url, json=body, headers=headers)


def application(couple: Couple, **changes: Any) -> dict[str, Any]:
    """The body of a dibao application by the head of the couple's household."""
    body = {
        "program": "dibao",
        "household_id": HOUSEHOLD,
        "applicant_id": couple.head,
        "channel": "window",
        "received_on": "2026-03-02",
    }
    return body | changes


def filed(client: TestClient, couple: Couple, **changes: Any) -> str:
    body = application(couple, **changes)
    answer = post(client, "/v1/applications", body, TOWNSHIP_H)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["application_id"])


def accepted(client: TestClient, couple: Couple) -> str:
    app_id = filed(client, couple)
    signed = {
        "signer_id": couple.head,
        "person_ids": [couple.head, couple.wife],
        "channel": "paper",
        "signed_on": "2026-03-02",
    }
    assert post(client, f"/v1/applications/{app_id}/authorisations", signed, TOWNSHIP_H).is_success
    answer = post(
        client,
        f"/v1/applications/{app_id}/acceptance",
        {"on": "2026-03-03", "accept": True},
        TOWNSHIP_H,
    )
    assert answer.status_code == 200, answer.text
    return app_id


def visit(couple: Couple, opinion: str = "grant", reason: str | None = None) -> dict[str, Any]:
    return {
        "visited_on": "2026-03-05",
        "investigators": list(couple.investigators),
        "present_member_id": couple.head,
        "findings": "两位老人无收入",
        "opinion": opinion,
        "reason": reason,
    }


def test_p1_to_p8_one_household_from_intake_to_enrolment(
    client: TestClient, couple: Couple
) -> None:
    app_id = accepted(client, couple)
    url = f"/v1/applications/{app_id}"
    assert post(client, f"{url}/investigation", visit(couple), TOWNSHIP_H).status_code == 200
    posted = post(client, f"{url}/publicity", {"posted_on": "2026-03-06"}, TOWNSHIP_H).json()
    assert posted["status"] == "publicity"
    assert posted["publicity_last_day"] == "2026-03-13"
    sent = post(client, f"{url}/transmission", {"on": "2026-03-16"}, TOWNSHIP_H).json()
    assert (sent["status"], sent["due_step"]) == ("transmitted", "decision")
    granted = post(client, f"{url}/decision", {"decided_on": "2026-03-20", "grant": True}, COUNTY_H)
    assert granted.status_code == 200, granted.text
    body = granted.json()
    assert body["status"] == "granted"
    assert body["enrollment"] == {
        "program": "dibao",
        "subject_id": HOUSEHOLD,
        "from": "2026-04-01",
        "monthly_amount": 3000.0,
    }
    assert [s["step"] for s in body["timeline"]] == [
        "application", "authorisation", "acceptance", "investigation", "publicity",
        "transmission", "grant",
    ]  # fmt: skip
    assert body["timeline"][-1]["by"] == "county-1"
    assert body["verdict"]["household"]["dibao"]["eligible"] is True
    assert body["decision"]["grant"] is True
    assert body["decided_late"] is False
    listed = client.get("/v1/applications?status=granted", headers=COUNTY_H).json()
    assert [a["application_id"] for a in listed["items"]] == [app_id]


def test_p3_incomplete_acceptance_is_409_listing_every_missing_item(
    client: TestClient, couple: Couple
) -> None:
    app_id = filed(client, couple, channel="proxy_person")
    answer = post(
        client,
        f"/v1/applications/{app_id}/acceptance",
        {"on": "2026-03-03", "accept": True},
        TOWNSHIP_H,
    )
    assert answer.status_code == 409
    problem = answer.json()
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert problem["state"] == "received"
    assert "P3" in problem["rules"]
    assert set(problem["missing"]) == {
        f"authorisation:{couple.head}",
        f"authorisation:{couple.wife}",
        "proxy_name",
    }
    shown = client.get(f"/v1/applications/{app_id}", headers=TOWNSHIP_H).json()
    assert len(shown["missing"]) == 3


def test_p1_applicant_outside_the_household_is_422_naming_the_field(
    client: TestClient, couple: Couple
) -> None:
    body = application(couple, applicant_id=couple.son)
    answer = post(client, "/v1/applications", body, TOWNSHIP_H)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "body.applicant_id"


def test_p5_one_investigator_is_422(client: TestClient, couple: Couple) -> None:
    app_id = accepted(client, couple)
    body = visit(couple) | {"investigators": [couple.investigators[0]]}
    answer = post(client, f"/v1/applications/{app_id}/investigation", body, TOWNSHIP_H)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "body.investigators"


def test_p7_decision_inside_publicity_is_409(client: TestClient, couple: Couple) -> None:
    app_id = accepted(client, couple)
    url = f"/v1/applications/{app_id}"
    post(client, f"{url}/investigation", visit(couple), TOWNSHIP_H)
    post(client, f"{url}/publicity", {"posted_on": "2026-03-06"}, TOWNSHIP_H)
    answer = post(client, f"{url}/decision", {"decided_on": "2026-03-09", "grant": True}, COUNTY_H)
    assert answer.status_code == 409
    assert answer.json()["state"] == "publicity"
    early = post(client, f"{url}/transmission", {"on": "2026-03-10"}, TOWNSHIP_H)
    assert early.status_code == 409
    assert "P6" in early.json()["rules"]


def test_p9_refusal_notice_is_a_chinese_pdf(client: TestClient, couple: Couple) -> None:
    app_id = accepted(client, couple)
    url = f"/v1/applications/{app_id}"
    assert client.get(f"{url}/notice.pdf", headers=TOWNSHIP_H).status_code == 404
    post(client, f"{url}/investigation", visit(couple, "refuse", "子女有赡养能力"), TOWNSHIP_H)
    post(client, f"{url}/transmission", {"on": "2026-03-06"}, TOWNSHIP_H)
    refused = post(
        client,
        f"{url}/decision",
        {"decided_on": "2026-03-10", "grant": False, "reason": "子女有赡养能力"},
        COUNTY_H,
    )
    assert refused.json()["status"] == "refused"
    assert refused.json()["notice_due_on"] == "2026-03-13"  # 3 working days (P9)
    answer = client.get(f"{url}/notice.pdf", headers=TOWNSHIP_H)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(answer.content)).pages)
    assert "子女有赡养能力" in text
    assert "行政复议" in text
    assert couple.head not in text  # the id is masked on paper too
    assert couple.head[:6] in text


def test_c5_a_related_officer_is_409(client: TestClient, couple: Couple) -> None:
    related = bearer("township", TOWNSHIP, "officer-son", person_id=couple.son)
    answer = post(client, "/v1/applications", application(couple), related)
    assert answer.status_code == 409
    assert answer.json()["rules"][0] == "C5"


@pytest.mark.parametrize(
    ("role", "step", "status"),
    [
        ("investigator", "acceptance", 403),
        ("city", "acceptance", 403),
        ("county", "publicity", 403),
        ("township", "acceptance", 404),
    ],
)
def test_who_may_take_a_step(
    client: TestClient, couple: Couple, role: str, step: str, status: int
) -> None:
    """Township and county take steps (the township alone posts, P6); another township's
    case is 404, as if absent (CONTRACT §4)."""
    app_id = filed(client, couple)
    region = "440304001000" if status == 404 else TOWNSHIP
    body = (
        {"on": "2026-03-03", "accept": True}
        if step == "acceptance"
        else {"posted_on": "2026-03-06"}
    )
    answer = post(client, f"/v1/applications/{app_id}/{step}", body, bearer(role, region))
    assert answer.status_code == status
    assert client.get(f"/v1/applications/{app_id}", headers=OTHER_H).status_code == 404
    assert client.get("/v1/applications", headers=OTHER_H).json()["items"] == []


def test_overdue_on_lists_late_cases_for_the_county(client: TestClient, couple: Couple) -> None:
    app_id = accepted(client, couple)
    late = client.get("/v1/applications?overdue_on=2026-03-18", headers=COUNTY_H).json()
    assert [a["application_id"] for a in late["items"]] == [app_id]
    assert late["items"][0]["due_on"] == str(date(2026, 3, 17))


def test_p6_p8_the_village_board_shows_the_posting_then_the_grant(
    client: TestClient, couple: Couple
) -> None:
    app_id = accepted(client, couple)
    url = f"/v1/applications/{app_id}"
    post(client, f"{url}/investigation", visit(couple), TOWNSHIP_H)
    post(client, f"{url}/publicity", {"posted_on": "2026-03-06"}, TOWNSHIP_H)
    village = "440103001001"
    shown = client.get(f"/v1/publicity?region={village}&on=2026-03-10", headers=TOWNSHIP_H)
    assert shown.status_code == 200, shown.text
    assert shown.json() == [
        {
            "application_id": app_id,
            "name": "老张",
            "household_size": 2,
            "program": "dibao",
            "monthly_amount": 3000.0,
            "from": "2026-03-06",
            "until": "2026-03-13",
        }
    ]
    assert (
        client.get(f"/v1/publicity?region={village}&on=2026-03-14", headers=TOWNSHIP_H).json() == []
    )
    post(client, f"{url}/transmission", {"on": "2026-03-16"}, TOWNSHIP_H)
    post(client, f"{url}/decision", {"decided_on": "2026-03-20", "grant": True}, COUNTY_H)
    (line,) = client.get(f"/v1/publicity?region={village}&on=2026-05-01", headers=TOWNSHIP_H).json()
    assert (line["from"], line["until"], line["monthly_amount"]) == ("2026-03-20", None, 3000.0)
    assert couple.head not in shown.text  # never a resident id (P6)
    other = client.get(f"/v1/publicity?region={village}", headers=OTHER_H)
    assert other.status_code == 404
