"""The department's referral inbox in the console, end to end in headless Chromium (issue 18,
RULES P11): a township refers the household H3 to housing; the county sees it in its overdue
list; the housing department's officer signs in with a department token, finds it in the inbox
(待签收, 逾期), acknowledges it and reports it done with what was given; the county's overdue
list no longer holds it.

Dates: the referral is sent on 2026-09-25 (a Friday); its acknowledgement is due two working
days later, long before the console's as-of date 2026-10-12 (tests/console/world.py), so it is
overdue until the department answers.
"""

import httpx
from playwright.sync_api import Page, expect

from api.security import mint_token
from tests.console.test_console import sign_in, use_token
from tests.console.world import NEIGHBOUR, TOWNSHIP, Live, shoot
from tests.helpers import TEST_SECRET, bearer

COUNTY = "440103000000"
WAIT_MS = 60_000  # the first queries plan in a cold Neo4j on a shared machine


def township_refers(live: Live) -> str:
    """A dibao application of H3 and, from it, a referral to housing, through HTTP as the
    township officer (the console has no referral form yet)."""
    with httpx.Client(base_url=live.url, headers=bearer("township", TOWNSHIP, "li")) as client:
        application = client.post(
            "/v1/applications",
            json={
                "program": "dibao",
                "household_id": "H3",
                "applicant_id": NEIGHBOUR,
                "channel": "window",
                "received_on": "2026-09-25",
            },
        )
        assert application.is_success, application.text
        referral = client.post(
            "/v1/referrals",
            json={
                "source_id": application.json()["application_id"],
                "household_id": "H3",
                "department": "housing",
                "need": "住房漏雨，申请危房改造",
                "sent_on": "2026-09-25",
            },
        )
        assert referral.status_code == 201, referral.text
        return str(referral.json()["referral_id"])


def sign_in_department(page: Page, live: Live, department: str, sub: str) -> None:
    token = mint_token(TEST_SECRET, "department", COUNTY, sub, department=department)
    use_token(page, live, token, sub)


def overdue_rows(page: Page, live: Live) -> None:
    page.goto(f"{live.url}/#/referrals?overdue=1")
    expect(page.locator("#ref-summary")).to_be_visible()


def test_p11_a_department_answers_its_referral_and_the_county_sees_it_no_longer_overdue(
    page: Page, live: Live
) -> None:
    page.set_default_timeout(WAIT_MS)
    referral_id = township_refers(live)
    row = f'tr.ref-row[data-referral-id="{referral_id}"]'

    sign_in(page, live, "county", COUNTY, "chen")
    overdue_rows(page, live)
    expect(page.locator(row)).to_have_attribute("data-overdue", "true")
    expect(page.locator(row)).to_contain_text("逾期")
    page.click("#sign-out")

    sign_in_department(page, live, "housing", "zhu")
    expect(page.locator("h2")).to_contain_text("部门转办收件箱（住建）")
    inbox = page.locator("#ref-list tr.ref-row")
    expect(inbox).to_have_count(1)
    expect(inbox.nth(0)).to_contain_text("待签收")
    expect(inbox.nth(0)).to_contain_text("住房漏雨，申请危房改造")
    expect(inbox.nth(0)).to_contain_text("2026年9月25日")
    expect(inbox.nth(0).locator(".overdue-tag")).to_have_text("逾期")
    expect(page.locator("#ref-summary")).to_contain_text("其中逾期 1 件")
    expect(page.locator("header#top nav")).not_to_contain_text("案件图谱")  # its inbox only
    shoot(page, "referral_inbox")
    inbox.nth(0).click()

    expect(page.locator("#ref-status")).to_contain_text("待签收")
    expect(page.locator("#ref-due")).to_contain_text("逾期")
    page.fill("#ref-ack-on", "2026-10-12")
    page.click("#ref-ack-submit")
    expect(page.locator("#ref-status")).to_contain_text("已签收")
    expect(page.locator("#ref-acknowledged-on")).to_contain_text("2026年10月12日")
    expect(page.locator("#ref-ack-form")).to_have_count(0)
    # Done without saying what was given: the API's 422 names the field, shown in place.
    page.select_option("#ref-answer-status", "done")
    page.fill("#ref-answer-on", "2026-10-12")
    page.click("#ref-answer-submit")
    expect(page.locator("#ref-problem .field-errors li")).to_contain_text("outcome")
    page.fill("#ref-answer-outcome", "已纳入2026年危房改造计划，补助2万元")
    page.click("#ref-answer-submit")
    expect(page.locator("#ref-status")).to_contain_text("已办结")
    expect(page.locator("#ref-outcome")).to_contain_text("已纳入2026年危房改造计划")
    expect(page.locator("#ref-due")).not_to_contain_text("逾期")
    expect(page.locator("#ref-no-answer")).to_contain_text("已办结")
    steps = page.locator("#ref-timeline tr.step")
    expect(steps).to_have_count(3)
    expect(steps.nth(2)).to_have_attribute("data-step", "done")
    expect(steps.nth(2).locator(".by")).to_have_text("zhu · 部门")
    shoot(page, "referral")
    page.click("#sign-out")

    sign_in_department(page, live, "education", "wu")  # another department sees nothing
    expect(page.locator("#refs-empty")).to_be_visible()
    page.click("#sign-out")

    sign_in(page, live, "county", COUNTY, "chen")
    overdue_rows(page, live)
    expect(page.locator(row)).to_have_count(0)
    expect(page.locator("#refs-empty")).to_contain_text("没有逾期的转办")
    page.click("#tab-refs-all")
    expect(page.locator(row)).to_contain_text("已办结")
    expect(page.locator(row)).to_have_attribute("data-overdue", "false")
