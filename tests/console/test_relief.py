"""Temporary relief and the township standby fund in the console, end to end in headless
Chromium (issue 18, RULES R1–R5, R7, P11): a fire (火灾) in a village. The county allocates to
the township's standby fund; the township officer files relief for the household H3 where the
emergency happened, with what happened (事实经过; a 422 names the missing amount beside its
field), pays advance relief from the fund (above R3's cap first: refused, naming R3),
completes the paperwork (the investigation record and the decision, due in working days after
the advance), and records the follow-on, a referral to housing (住建); a second filing of the
same cause in the year is refused naming R4. The county opens a case conference from the case
page, the case's facts in its form (R6). The housing department's officer, who has no relief
nor fund entries in the navigation, acknowledges, accepts and reports the referral done; the
household's assistance chain then shows the referral and the relief.

Numbers: the world's monthly urban dibao standard is 1500 yuan (tests/loaders/family.py), so
for one person R3's advance cap is 2 × 1500 = 3000 yuan and R4's case cap 3 × 1500 = 4500;
the township decides up to 3000 yuan (R2, R4). Dates: the fire on 2026-10-10 (a Saturday),
every step on the console's as-of date 2026-10-12 (tests/console/world.py); the paperwork is
due 10 working days after the advance (R3), 2026-10-26.
"""

from datetime import date

from playwright.sync_api import Page, expect

from core.ids import make_resident_id
from tests.console.test_console import sign_in
from tests.console.test_referrals import sign_in_department
from tests.console.world import AS_OF, TOWNSHIP, Live, shoot

COUNTY = "440103000000"
WAIT_MS = 60_000  # the first queries plan in a cold Neo4j on a shared machine
# Two investigators by resident id (P5), related to nobody of the world.
# What happened (事实经过), as the township officer records it at the intake (R1).
FACTS = "2026年10月10日夜间厨房电线短路起火，住房两间烧毁，户主暂住亲戚家。"
INVESTIGATORS = [
    make_resident_id("440103", date(1990, 1, 1), 51),
    make_resident_id("440103", date(1991, 2, 2), 62),
]


def county_allocates(page: Page, live: Live) -> None:
    """R5: the county picks its township's ledger, empty, and allocates 10000 yuan."""
    sign_in(page, live, "county", COUNTY, "chen")
    nav = page.locator("header#top nav")
    expect(nav).to_contain_text("临时救助")
    nav.get_by_text("备用金台账").click()
    page.locator(f'#fund-township-list li[data-code="{TOWNSHIP}"] a').click()
    expect(page.locator("#fund-balance")).to_have_text("0.00 元")
    expect(page.locator("#fund-empty")).to_be_visible()
    page.fill("#fund-allocate-on", "2026-10-09")
    page.fill("#fund-allocate-amount", "10000")
    page.fill("#fund-allocate-note", "2026年第四季度临时救助备用金")
    page.click("#fund-allocate-submit")
    expect(page.locator("#fund-balance")).to_have_text("10000.00 元")
    entries = page.locator("#fund-entries tr.fund-entry")
    expect(entries).to_have_count(1)
    expect(entries.nth(0)).to_have_attribute("data-kind", "allocation")
    expect(entries.nth(0)).to_contain_text("县级下拨")
    expect(entries.nth(0)).to_contain_text("+10000.00")
    page.click("#sign-out")


def township_files_the_fire(page: Page) -> str:
    """R1, R2: the intake; the amount left out first (422 beside its field)."""
    page.locator("header#top nav").get_by_text("临时救助").click()
    expect(page.locator("#relief-empty")).to_be_visible()
    expect(page.locator("#relief-township")).to_contain_text(TOWNSHIP)
    page.select_option("#relief-subject-kind", "household")
    page.fill("#relief-subject-id", "H3")
    page.select_option("#relief-cause", "fire")
    page.select_option("#relief-track", "emergency")
    page.fill("#relief-occurred-on", "2026-10-10")
    page.fill("#relief-filed-on", AS_OF)
    page.fill("#relief-persons", "1")
    page.fill("#relief-facts", FACTS)
    page.click("#relief-submit")
    expect(page.locator("#relief-error-requested-amount")).not_to_be_empty()
    expect(page.locator("#relief-message .problem")).to_have_attribute("data-status", "422")
    expect(page.locator("#relief-error-persons")).to_be_empty()
    page.fill("#relief-requested", "3000")
    page.click("#relief-submit")
    expect(page.locator("#relief-status dd")).to_have_text("已登记")
    expect(page.locator("#relief-cause-value dd")).to_have_text("火灾")
    expect(page.locator("#relief-advance-cap dd")).to_have_text("3000.00 元")
    expect(page.locator("#relief-case-cap dd")).to_have_text("4500.00 元")
    expect(page.locator("#relief-facts-value dd")).to_have_text(FACTS)
    expect(page.locator("#relief-conference")).to_have_count(0)  # R6: the county convenes
    return page.url.split("#/relief/", 1)[1]


def township_pays_in_advance(page: Page, relief_id: str) -> None:
    """R3 (above the cap: 409 naming R3, nothing paid), then R5 (paid from the fund)."""
    page.fill("#relief-advance-on", AS_OF)
    page.fill("#relief-advance-amount", "3500")
    page.click("#relief-advance-submit")
    refused = page.locator("#relief-advance-message .problem")
    expect(refused).to_have_attribute("data-status", "409")
    expect(refused.locator(".problem-rules")).to_contain_text("R3")
    expect(page.locator("#relief-status dd")).to_have_text("已登记")
    page.fill("#relief-advance-amount", "2000")
    page.click("#relief-advance-submit")
    expect(page.locator("#relief-status dd")).to_have_text("已先行救助")
    expect(page.locator("#relief-paid dd")).to_contain_text("2000.00 元")
    # R3: the investigation record and the decision due 10 working days after the payment.
    expect(page.locator("#relief-paperwork-due")).to_contain_text("2026年10月26日")
    expect(page.locator("#relief-due dd")).to_contain_text("补办调查记录")
    expect(page.locator("#relief-advance-form")).to_have_count(0)

    page.click("#relief-fund-link")  # R5: the payment in the township's ledger
    expect(page.locator("#fund-balance")).to_have_text("8000.00 元")
    payment = page.locator('#fund-entries tr.fund-entry[data-kind="payment"]')
    expect(payment).to_have_count(1)
    expect(payment).to_contain_text("−2000.00")
    expect(payment.locator("td.balance-after")).to_have_text("8000.00")
    expect(page.locator("#fund-allocation-form")).to_have_count(0)  # the county's, not ours
    expect(page.locator("#fund-append-only")).to_contain_text("不可修改")
    shoot(page, "fund")
    payment.get_by_role("link", name=relief_id).click()


def township_completes_the_paperwork(page: Page) -> None:
    """R3's paperwork: the investigation record (P5), then the decision, the advance included."""
    page.fill("#relief-paperwork-on", AS_OF)
    page.fill("#relief-investigators", "\n".join(INVESTIGATORS))
    page.fill("#relief-findings", "2026年10月10日夜间住房失火，家中财物烧毁，暂住亲戚家")
    page.click("#relief-paperwork-submit")
    expect(page.locator("#relief-status dd")).to_have_text("已调查")
    expect(page.locator("#relief-paperwork-due")).to_contain_text("2026年10月26日")
    page.fill("#relief-decided-on", AS_OF)
    page.check("#relief-grant-yes")
    page.fill("#relief-decision-amount", "3000")
    page.click("#relief-decision-submit")
    expect(page.locator("#relief-status dd")).to_have_text("已给予救助")
    expect(page.locator("#relief-decided dd")).to_have_text("3000.00 元")


def township_refers_to_housing(page: Page) -> str:
    """R7: the follow-on, a referral to housing sent from the case (P11)."""
    page.select_option("#relief-follow-on-kind", "referral")
    page.fill("#relief-follow-on-on", AS_OF)
    page.select_option("#relief-referral-department", "housing")
    page.fill("#relief-referral-need", "房屋烧毁，申请危房改造")
    page.click("#relief-follow_on-submit")
    # The follow-on screens the household first (R7: E, T), the slowest step of the case.
    page.wait_for_selector("#relief-no-step, #relief-follow_on-message .problem")
    expect(page.locator("#relief-follow_on-message")).to_have_count(0)
    expect(page.locator("#relief-status dd")).to_have_text("已办结")
    expect(page.locator("#relief-follow-on-value dd")).to_contain_text("转办相关部门")
    expect(page.locator("#relief-no-step")).to_contain_text("已办结")
    steps = page.locator("#relief-timeline tr.step")
    expect(steps).to_have_count(5)
    for i, step in enumerate(["filing", "advance", "paperwork", "decision", "follow_on"]):
        expect(steps.nth(i)).to_have_attribute("data-step", step)
    expect(steps.nth(1)).to_contain_text("R3")
    expect(steps.nth(1)).to_contain_text("2000.00 元")
    shoot(page, "relief")
    return page.locator("#relief-follow-on-ref").inner_text()


def township_cannot_file_the_same_cause_again(page: Page) -> None:
    """R4: one cause once per subject per calendar year; the 409 names the rule."""
    page.click("#back-to-relief")
    expect(page.locator("#relief-list tr.relief-row")).to_have_count(1)
    page.fill("#relief-subject-id", "H3")
    page.select_option("#relief-cause", "fire")
    page.fill("#relief-occurred-on", AS_OF)
    page.fill("#relief-requested", "500")
    page.click("#relief-submit")
    refused = page.locator("#relief-message .problem")
    expect(refused).to_have_attribute("data-status", "409")
    expect(refused.locator(".problem-rules")).to_contain_text("R4")
    expect(page.locator("#relief-list tr.relief-row")).to_have_count(1)


def county_brings_it_to_a_conference(page: Page, live: Live, relief_id: str) -> None:
    """R6: from the case page the county opens its conference form, the case's id and its
    facts (事实经过) filled in."""
    sign_in(page, live, "county", COUNTY, "chen")
    page.goto(f"{live.url}/#/relief/{relief_id}")
    expect(page.locator("#relief-facts-value dd")).to_have_text(FACTS)
    page.click("#relief-conference")
    expect(page.locator("#conf-relief-id")).to_have_value(relief_id)
    expect(page.locator("#conf-relief-facts")).to_contain_text(FACTS)
    expect(page.locator("#conf-facts")).to_have_value(FACTS)
    page.click("#sign-out")


def housing_answers(page: Page, live: Live, referral_id: str, relief_id: str) -> None:
    """P11: the housing department acknowledges, accepts and reports done the referral whose
    source is the relief case."""
    sign_in_department(page, live, "housing", "zhu")
    nav = page.locator("header#top nav")
    expect(nav).not_to_contain_text("临时救助")  # no relief nor fund for a department
    expect(nav).not_to_contain_text("备用金台账")
    row = page.locator(f'#ref-list tr.ref-row[data-referral-id="{referral_id}"]')
    expect(row).to_contain_text("房屋烧毁，申请危房改造")
    row.click()
    expect(page.locator("#ref-source dd")).to_have_text(relief_id)
    page.fill("#ref-ack-on", AS_OF)
    page.click("#ref-ack-submit")
    expect(page.locator("#ref-status")).to_contain_text("已签收")
    page.select_option("#ref-answer-status", "accepted")
    page.fill("#ref-answer-on", AS_OF)
    page.click("#ref-answer-submit")
    expect(page.locator("#ref-status")).to_contain_text("已受理")
    page.select_option("#ref-answer-status", "done")
    page.fill("#ref-answer-on", AS_OF)
    page.fill("#ref-answer-outcome", "已纳入危房改造计划，补助3万元")
    page.click("#ref-answer-submit")
    expect(page.locator("#ref-status")).to_contain_text("已办结")
    expect(page.locator("#ref-timeline tr.step")).to_have_count(4)
    page.click("#sign-out")


def test_r1_r3_r5_r7_a_fire_relieved_from_the_fund_and_referred_to_housing(
    page: Page, live: Live
) -> None:
    page.set_default_timeout(WAIT_MS)
    county_allocates(page, live)

    sign_in(page, live, "township", TOWNSHIP, "li")
    relief_id = township_files_the_fire(page)
    township_pays_in_advance(page, relief_id)
    township_completes_the_paperwork(page)
    referral_id = township_refers_to_housing(page)
    township_cannot_file_the_same_cause_again(page)
    page.click("#sign-out")

    county_brings_it_to_a_conference(page, live, relief_id)
    housing_answers(page, live, referral_id, relief_id)

    sign_in(page, live, "township", TOWNSHIP, "li")
    page.goto(f"{live.url}/#/household/H3")
    page.wait_for_selector("#assistance-chain")  # the household page's many parts, cold
    chain = page.locator("#assistance-chain")
    referral = chain.locator(f'li.chain-item[data-kind="referral"][data-item-id="{referral_id}"]')
    expect(referral).to_contain_text("住建")
    expect(referral).to_contain_text("已办结")
    relief = chain.locator(f'li.chain-item[data-kind="relief"][data-item-id="{relief_id}"]')
    expect(relief).to_contain_text("临时救助")
    expect(relief).to_contain_text("火灾")
