"""The applications in the console, end to end in headless Chromium (issue 17): a household
walked from its red warning through the visit, an application opened from it in one step,
authorisation (after the 409 that lists what acceptance lacks), acceptance (which files the
case: the head's brother handles cases at the township, C3), the county's visit from its list
of filed cases (C4), publicity (the village board), transmission and the county's decision to
the enrolment on the case page; and a refusal whose notice PDF is fetched from the case page's
link and read back.

Dates: the world is rescored on 2026-09-30 (tests/console/world.py); the steps are dated from
the visit on 2026-10-09, with the publicity period (2026-10-13 to 2026-10-20) over before the
transmission on 2026-10-22. H1's income (1666.67 a person a month) is above the dibao line
and below the marginal one (E4): the walk applies for 低保边缘.
"""

import io
import re
from datetime import date
from typing import Any

import httpx
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from core.ids import make_resident_id
from tests.console.test_console import open_queue, sign_in
from tests.console.world import NEIGHBOUR, TOWNSHIP, Live, shoot
from tests.helpers import bearer
from tests.loaders import family

COUNTY = "440103000000"
# Two investigators by resident id (P5, C5), related to nobody of the world.
INVESTIGATORS = [
    make_resident_id("440103", date(1990, 1, 1), 51),
    make_resident_id("440103", date(1991, 2, 2), 62),
]


# How long an action waits for its element: the household screen's first queries plan in a
# cold Neo4j on a shared machine. A bound on waiting, not an assertion about speed.
WAIT_MS = 60_000


def submit(page: Page, form: str) -> None:
    page.click(f"#{form}-submit")


def open_form(page: Page, form: str) -> None:
    """Unfold a step's form on the case page (the first one is open already)."""
    details = page.locator(f'details[data-form="{form}"]')
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def expect_status(page: Page, text: str) -> None:
    expect(page.locator("#app-status")).to_have_text(text)


def test_p1_to_p8_a_red_warning_walked_to_an_enrolment(page: Page, live: Live) -> None:
    page.set_default_timeout(WAIT_MS)
    sign_in(page, live, "township", TOWNSHIP, "li")
    open_queue(page, live)
    page.locator('tr.warning-row[data-household-id="H1"][data-level="red"]').click()
    page.fill("#visited-on", "2026-10-09")
    page.check("#genuine-true")
    page.fill("#findings", "奶奶去世，家庭收入骤减")
    page.fill("#action", "开启救助申请")
    page.click("#verify-submit")
    expect(page.locator("#verified")).to_contain_text("2026年10月9日")

    # One step from the visit to the intake form, prefilled with the household and the day.
    page.click("#open-application-from-visit")
    expect(page).to_have_url(re.compile(r"#/intake\?household=H1&on=2026-10-09&warning="))
    expect(page.locator("#intake-received-on")).to_have_value("2026-10-09")
    expect(page.locator("#intake-applicant")).to_have_value(family.FATHER)  # the head
    page.select_option("#intake-program", "marginal")
    shoot(page, "intake")
    page.click("#intake-submit")
    expect(page).to_have_url(re.compile(r"#/application/A20261009-"))
    expect_status(page, "已申请")

    # Acceptance before the authorisations: the 409 lists every missing signature by name.
    open_form(page, "acceptance")
    page.fill("#acceptance-on", "2026-10-10")
    submit(page, "acceptance")
    missing = page.locator("#acceptance-message #problem-missing li")
    expect(missing).to_have_count(3)
    expect(page.locator("#acceptance-message")).to_contain_text("P3")
    expect(page.locator("#acceptance-message")).to_contain_text("当前状态：已申请")
    names = ["缺少授权书：李建国", "缺少授权书：李小明", "缺少授权书：王芳"]
    expect(missing).to_contain_text(names)

    page.fill("#signed-on", "2026-10-09")
    submit(page, "authorisation")
    expect(page.locator("#app-timeline tr.step")).to_have_count(2)
    expect(page.locator("#missing")).to_have_count(0)
    open_form(page, "acceptance")
    page.fill("#acceptance-on", "2026-10-10")
    submit(page, "acceptance")
    expect_status(page, "已受理")
    expect(page.locator("#app-due")).to_contain_text("2026年10月23日")
    expect(page.locator("#app-due")).to_contain_text("入户调查")
    # The head's brother handles cases at the township (C1): acceptance files the case (C3),
    # undeclared, once for each member he is related to (brother, brother-in-law, uncle), and
    # its decision waits for a county officer's visit (C4), which the county records from its
    # list of filed cases.
    filings = page.locator("#filings tbody tr")
    expect(filings).to_have_count(3)
    expect(filings).to_contain_text(["未申报", "未申报", "未申报"])
    case_url = page.url

    page.click("#sign-out")
    sign_in(page, live, "county", COUNTY, "chen")
    page.goto(f"{live.url}/#/applications")
    page.click("#tab-filed")
    rows = page.locator("#app-list tr.app-row")
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_contain_text("是")
    rows.nth(0).click()
    expect(page.locator("#filings tbody tr").nth(0)).to_contain_text(family.UNCLE)
    page.fill("#investigation-on", "2026-10-12")
    page.fill("#investigators", "\n".join(INVESTIGATORS))
    page.fill("#investigation-findings", "夫妻二人务工收入，无其他收入")
    page.check("#opinion-grant")
    submit(page, "investigation")
    expect_status(page, "调查中")
    marginal = page.locator('#verdict-programs tr[data-program="marginal"]')
    expect(marginal).to_contain_text("符合")
    expect(marginal).to_contain_text("E4")
    expect(page.locator("#verdict")).to_contain_text("2026年10月12日")

    page.click("#sign-out")  # posting is the township's (P6)
    sign_in(page, live, "township", TOWNSHIP, "li")
    page.goto(case_url)
    page.fill("#posted-on", "2026-10-13")
    submit(page, "publicity")
    expect_status(page, "公示中")

    page.goto(f"{live.url}/#/board?on=2026-10-15")
    lines = page.locator("#board-lines tr.board-line")
    expect(lines).to_have_count(1)
    expect(lines.nth(0)).to_contain_text("李建国")
    expect(lines.nth(0)).to_contain_text("低保边缘")
    expect(lines.nth(0)).to_contain_text("2026年10月20日")
    assert "A2026" not in page.locator("#board").inner_text()  # no id on a board (P6)
    page.emulate_media(media="print")
    expect(page.locator("header#top")).to_be_hidden()
    expect(page.locator("#board-filters")).to_be_hidden()
    page.emulate_media(media="screen")
    shoot(page, "board")

    page.goto(case_url)
    page.fill("#transmission-on", "2026-10-22")
    submit(page, "transmission")
    expect_status(page, "待审批")

    page.click("#sign-out")  # the decision is the county's (P7)
    sign_in(page, live, "county", COUNTY, "chen")
    page.goto(f"{live.url}/#/applications")
    page.click("#tab-decide")
    rows = page.locator("#app-list tr.app-row")
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_have_attribute("data-status", "transmitted")
    rows.nth(0).click()
    expect(page.locator('details[data-form="decision"]')).to_have_attribute("open", "")
    page.fill("#decided-on", "2026-10-26")
    page.check("#grant-yes")
    submit(page, "decision")
    expect_status(page, "已批准")
    expect(page.locator("#decision")).to_contain_text("2026年10月26日批准")
    enrollment = page.locator("#enrollment")
    expect(enrollment).to_contain_text("低保边缘")
    expect(enrollment).to_contain_text("2026年11月1日")
    steps = page.locator("#app-timeline tr.step")
    expect(steps).to_have_count(7)
    expect(steps.nth(6)).to_have_attribute("data-step", "grant")
    expect(steps.nth(6).locator(".by")).to_have_text("chen · 县（区）级")
    expect(steps.nth(6).locator(".rules")).to_have_text("P7、P8")
    expect(steps.nth(0).locator(".by")).to_contain_text("li")
    expect(steps.nth(3).locator(".by")).to_contain_text("chen")  # the county's visit (C4)
    expect(page.locator("#notice-link")).to_have_count(0)
    shoot(page, "application")


def refusable(live: Live) -> str:
    """A dibao application of H3 taken through HTTP to the county (the township's opinion:
    refuse), the way the walk above takes one through the forms."""
    township = bearer("township", TOWNSHIP, "li")
    with httpx.Client(base_url=live.url, headers=township) as client:

        def post(url: str, body: dict[str, Any]) -> dict[str, Any]:
            answer = client.post(url, json=body)
            assert answer.is_success, answer.text
            return dict(answer.json())

        app_id = post(
            "/v1/applications",
            {
                "program": "dibao",
                "household_id": "H3",
                "applicant_id": NEIGHBOUR,
                "channel": "window",
                "received_on": "2026-10-09",
            },
        )["application_id"]
        url = f"/v1/applications/{app_id}"
        signed = {"signer_id": NEIGHBOUR, "person_ids": [NEIGHBOUR], "channel": "paper"}
        post(f"{url}/authorisations", signed | {"signed_on": "2026-10-09"})
        post(f"{url}/acceptance", {"on": "2026-10-10", "accept": True})
        visit = {
            "visited_on": "2026-10-12",
            "investigators": INVESTIGATORS,
            "present_member_id": NEIGHBOUR,
            "findings": "名下有商铺出租",
            "opinion": "refuse",
            "reason": "家庭财产超过当地规定",
        }
        post(f"{url}/investigation", visit)
        post(f"{url}/transmission", {"on": "2026-10-13"})
    return str(app_id)


def test_p9_a_refusal_and_its_notice_pdf_from_the_case_page(page: Page, live: Live) -> None:
    page.set_default_timeout(WAIT_MS)
    app_id = refusable(live)
    sign_in(page, live, "county", COUNTY, "chen")
    page.goto(f"{live.url}/#/application/{app_id}")
    expect_status(page, "待审批")
    page.fill("#decided-on", "2026-10-16")
    page.check("#grant-no")
    submit(page, "decision")  # a refusal without a reason: 422 naming the field
    expect(page.locator("#decision-message .field-errors li")).to_contain_text("reason")
    page.fill("#decision-reason", "家庭财产超过当地规定")
    submit(page, "decision")
    expect_status(page, "不予批准")
    expect(page.locator("#decision")).to_contain_text("家庭财产超过当地规定")
    link = page.locator("#notice-link")
    expect(link).to_have_attribute("download", f"{app_id}.pdf")
    with page.expect_download() as download:
        link.click()
    path = download.value.path()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "家庭财产超过当地规定" in text
    assert "行政复议" in text
    assert NEIGHBOUR not in text  # masked on paper (P9)


def test_p7_the_overdue_list_marks_a_case_past_its_deadline(page: Page, live: Live) -> None:
    """Accepted on 2026-10-10, its investigation due on 2026-10-23: on 2026-10-26 the county's
    overdue list shows it with 逾期; before, it is not listed."""
    township = bearer("township", TOWNSHIP, "li")
    with httpx.Client(base_url=live.url, headers=township) as client:
        body = {
            "program": "dibao",
            "household_id": "H3",
            "applicant_id": NEIGHBOUR,
            "channel": "window",
            "received_on": "2026-10-09",
        }
        app_id = client.post("/v1/applications", json=body).json()["application_id"]
        signed = {"signer_id": NEIGHBOUR, "person_ids": [NEIGHBOUR], "channel": "paper"}
        url = f"/v1/applications/{app_id}"
        assert client.post(f"{url}/authorisations", json=signed | {"signed_on": "2026-10-09"})
        accepted = client.post(f"{url}/acceptance", json={"on": "2026-10-10", "accept": True})
        assert accepted.is_success, accepted.text
    page.set_default_timeout(WAIT_MS)
    sign_in(page, live, "county", COUNTY, "chen")
    page.goto(f"{live.url}/#/applications?overdue=1")
    expect(page.locator("#apps-empty")).to_be_visible()
    page.fill("#as-of", "2026-10-26")
    rows = page.locator("#app-list tr.app-row")
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_have_class(re.compile(r"\boverdue\b"))
    expect(rows.nth(0).locator("td.due")).to_contain_text("2026年10月23日")
    expect(rows.nth(0).locator("td.due")).to_contain_text("逾期")
    expect(page.locator("#tab-overdue")).to_have_class(re.compile("active"))
