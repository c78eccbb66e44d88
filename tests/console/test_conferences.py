"""The county's case-conference form in the console, end to end in headless Chromium (issue
18, RULES R6, P11): a county officer fills the form of a conference on H3 held before any
filing (date, departments present, facts, decision, amount, a housing task), saves the draft
and signs it; the page turns read-only and names the referral it sent, which then appears in
the county's referral list as a referral to housing (待签收)."""

from playwright.sync_api import Page, expect

from tests.console.test_console import sign_in
from tests.console.world import AS_OF, Live, shoot

COUNTY = "440103000000"
WAIT_MS = 60_000  # the first queries plan in a cold Neo4j on a shared machine


def test_r6_a_county_officer_signs_a_conference_and_its_housing_task_is_referred(
    page: Page, live: Live
) -> None:
    page.set_default_timeout(WAIT_MS)
    sign_in(page, live, "county", COUNTY, "chen")
    page.goto(f"{live.url}/#/conferences")
    expect(page.locator("h2")).to_contain_text("个案会商（一事一议）")
    expect(page.locator("#confs-empty")).to_be_visible()

    page.fill("#conf-held-on", AS_OF)
    page.fill("#conf-household-id", "H3")
    page.check("#conf-dept-housing")
    page.check("#conf-dept-medical_security")
    page.fill("#conf-facts", "房屋失火，独居老人无收入")
    page.fill("#conf-decision", "一事一议：临时救助 12000 元，住建部门危房改造")
    page.fill("#conf-amount", "12000")
    page.select_option("#conf-task-department-0", "housing")
    page.fill("#conf-task-need-0", "危房改造")
    page.click("#conf-save")

    expect(page.locator("#conf-status")).to_contain_text("草稿")
    expect(page.locator("#conf-task-list")).to_contain_text("住建：危房改造")
    page.fill("#conf-signed-on", AS_OF)
    page.click("#conf-sign")

    expect(page.locator("#conf-status")).to_contain_text("已签署")
    expect(page.locator("#conf-read-only")).to_contain_text("不可修改")
    expect(page.locator("#conf-sign-form")).to_have_count(0)
    referral = page.locator("#conf-referrals a")
    expect(referral).to_have_count(1)
    referral_id = referral.inner_text()
    steps = page.locator("#conf-timeline tr.step")
    expect(steps).to_have_count(2)
    expect(steps.nth(1)).to_have_attribute("data-step", "signature")
    shoot(page, "conference")

    page.goto(f"{live.url}/#/referrals")
    row = page.locator(f'tr.ref-row[data-referral-id="{referral_id}"]')
    expect(row).to_contain_text("住建")
    expect(row).to_contain_text("危房改造")
    expect(row).to_contain_text("待签收")

    page.goto(f"{live.url}/#/conferences")
    listed = page.locator("#conf-list tr.conf-row")
    expect(listed).to_have_count(1)
    expect(listed.nth(0)).to_have_attribute("data-status", "signed")
