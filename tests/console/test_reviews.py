"""From a warning to the first review of the enrolment in headless Chromium (issue 17): H1's
red warning is visited and found genuine, reported as a discovery in one step (P4, W6), the
discovery's page opens an application (channel 主动发现) whose filing records the discovery's
outcome; the application goes to the county's decision (its steps P2–P7 through HTTP here, as
tests/console/test_applications.py walks them through the forms); then the enrolment's first
review is recorded from the review list (P10): the township's is refused, for the head's
brother handles cases at the township and the review's check files the case (C3), which a
county officer decides after a home visit (C4); the county's termination, after the hearing,
has its written notice (P9), opened from the review's page and read back.

Dates: the visit on 2026-10-09, the decision on 2026-10-26 (the enrolment from 2026-11-01),
the review on 2026-12-01 after the hearing on 2026-11-28 and the county's visit on 2026-11-30.
"""

import io
import re
from typing import Any

import httpx
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.console.test_applications import COUNTY, INVESTIGATORS, WAIT_MS
from tests.console.test_console import open_queue, sign_in
from tests.console.world import TOWNSHIP, Live, shoot
from tests.helpers import bearer
from tests.loaders import family


def decide(live: Live, app_id: str) -> None:
    """Authorisation, acceptance, the county's visit (C4: the case is filed at acceptance),
    posting, transmission and the county's grant, through HTTP."""
    township = bearer("township", TOWNSHIP, "li")
    county = bearer("county", COUNTY, "chen")
    url = f"/v1/applications/{app_id}"
    with httpx.Client(base_url=live.url, timeout=WAIT_MS / 1000) as client:

        def post(path: str, body: dict[str, Any], headers: dict[str, str]) -> None:
            answer = client.post(f"{url}{path}", json=body, headers=headers)
            assert answer.is_success, answer.text

        members = [family.FATHER, family.MOTHER, family.CHILD]
        signed = {"signer_id": family.FATHER, "person_ids": members, "channel": "paper"}
        post("/authorisations", signed | {"signed_on": "2026-10-09"}, township)
        post("/acceptance", {"on": "2026-10-10", "accept": True}, township)
        visit = {
            "visited_on": "2026-10-12",
            "investigators": INVESTIGATORS,
            "present_member_id": family.FATHER,
            "findings": "夫妻二人务工收入，无其他收入",
            "opinion": "grant",
        }
        post("/investigation", visit, county)
        post("/publicity", {"posted_on": "2026-10-13"}, township)
        post("/transmission", {"on": "2026-10-22"}, township)
        post("/decision", {"decided_on": "2026-10-26", "grant": True}, county)


def open_review(page: Page, live: Live) -> None:
    """The review list up to the enrolment's first scheduled review (marginal: 12 months,
    P10), and the review form of H1's new enrolment."""
    page.goto(f"{live.url}/#/reviews")
    page.fill("#reviews-due-on", "2027-11-01")
    page.click("#reviews-filter")
    row = page.locator(
        'tr.review-row[data-subject-id="H1"][data-program="marginal"][data-from="2026-11-01"]'
    )
    expect(row).to_have_count(1)
    expect(row.locator("td.due")).to_contain_text("2027年11月1日")
    expect(row).to_contain_text("定期")
    row.click()
    expect(page.locator("#review-enrolment")).to_contain_text("低保边缘")
    page.fill("#review-on", "2026-12-01")
    page.select_option("#review-outcome", "terminate")
    page.fill("#review-hearing-on", "2026-11-28")
    page.fill("#review-reason", "家庭收入已超过低保边缘标准")


def test_p4_p10_a_warning_to_a_discovery_an_application_and_its_first_review(
    page: Page, live: Live
) -> None:
    page.set_default_timeout(WAIT_MS)
    sign_in(page, live, "township", TOWNSHIP, "li")
    open_queue(page, live)
    page.locator('tr.warning-row[data-household-id="H1"][data-level="red"]').click()
    page.fill("#visited-on", "2026-10-09")
    page.check("#genuine-true")
    page.fill("#findings", "奶奶去世，家庭收入骤减")
    page.fill("#action", "登记主动发现")
    page.click("#verify-submit")
    expect(page.locator("#verified")).to_contain_text("2026年10月9日")

    # The genuine warning becomes a discovery in one step (P4, W6).
    page.click("#open-discovery-from-visit")
    expect(page).to_have_url(re.compile(r"#/discovery/"))
    discovery_url = page.url
    expect(page.locator("#disc-status")).to_contain_text("待处理")
    expect(page.locator("#disc-source")).to_contain_text("预警核实")
    # 5 working days (W4: Saturday 10 October 2026 is a make-up working day).
    expect(page.locator("#disc-due")).to_contain_text("2026年10月15日")
    expect(page.locator("#disc-timeline tr.step")).to_have_count(1)
    shoot(page, "discovery")

    # The discovery opens the intake form: channel 主动发现, the discovery's id prefilled.
    page.click("#disc-open-application")
    expect(page).to_have_url(re.compile(r"#/intake\?household=H1&on=2026-10-12&discovery="))
    expect(page.locator("#intake-channel")).to_have_value("discovery")
    page.fill("#intake-received-on", "2026-10-09")
    page.select_option("#intake-program", "marginal")
    page.click("#intake-submit")
    expect(page).to_have_url(re.compile(r"#/application/A20261009-"))
    app_id = page.url.rsplit("/", 1)[1]

    # Filing the application recorded the discovery's outcome (P4 → P1).
    page.goto(f"{live.url}/#/discoveries")
    row = page.locator("#disc-list tr.disc-row").first
    expect(row).to_have_attribute("data-status", "closed")
    expect(row).to_contain_text("开启救助申请")
    page.goto(discovery_url)
    expect(page.locator("#disc-ref dd")).to_have_text(app_id)
    expect(page.locator("#disc-no-outcome")).to_be_visible()
    steps = page.locator("#disc-timeline tr.step")
    expect(steps).to_have_count(2)
    expect(steps.nth(1).locator(".rules")).to_have_text("P4、P1")

    decide(live, app_id)
    page.goto(f"{live.url}/#/application/{app_id}")
    expect(page.locator("#app-status")).to_have_text("已批准")
    expect(page.locator("#enrollment")).to_contain_text("2026年11月1日")

    # The first review from the review list: the township's is refused (C3 files, C4).
    open_review(page, live)
    page.click("#review-submit")
    message = page.locator("#review-message")
    expect(message).to_contain_text("409")
    expect(message.locator(".problem-rules")).to_contain_text("C4")
    shoot(page, "review_refused")

    page.click("#sign-out")
    sign_in(page, live, "county", COUNTY, "chen")
    open_review(page, live)
    page.fill("#review-visited-on", "2026-11-30")
    page.click("#review-submit")
    expect(page.locator("#review-done")).to_contain_text("R20261201-")
    expect(page.locator("#review-outcome-label")).to_have_text("停止保障")
    expect(page.locator("#review-outcome-fact")).to_contain_text("2027年1月1日")
    expect(page.locator("#review-filed")).to_be_visible()
    filings = page.locator("#review-filings tbody tr")
    expect(filings).to_have_count(3)  # as at acceptance: the uncle and three members
    expect(filings.nth(0)).to_contain_text(family.UNCLE)
    expect(filings.nth(0)).to_contain_text("未申报")
    steps = page.locator("#review-timeline tr.step")
    expect(steps).to_have_count(3)
    expect(steps.nth(0)).to_have_attribute("data-step", "hearing")
    expect(steps.nth(1)).to_have_attribute("data-step", "visit")
    expect(steps.nth(2).locator(".rules")).to_have_text("P10、P9、C3、C4")
    expect(steps.nth(2).locator(".by")).to_have_text("chen · 县（区）级")
    shoot(page, "review")

    # The written notice of the termination (P9), read back from the PDF.
    link = page.locator("#notice-link")
    expect(link).to_have_attribute("download", re.compile(r"^R20261201-.*\.pdf$"))
    with page.expect_download() as download:
        link.click()
    pdf = download.value.path().read_bytes()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "家庭收入已超过低保边缘标准" in text
    assert "行政复议" in text
    assert family.FATHER not in text  # masked on paper (P9)
