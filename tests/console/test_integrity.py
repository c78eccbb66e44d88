"""The integrity findings screen in headless Chromium (issue 19, RULES §9 X3; issue 17, P10):
it opens on one rule, the one with most findings in the last recorded scan, beside the
recorded counts per rule and their dates (尚未扫描 for a rule never scanned), and never asks
for every rule at once unless the officer picks 全部. A county officer opens 信息比对, filters
to X3 and one township, sees the finding the test's
data makes (H3 enrolled in dibao from 2026-06-01 whose head now earns 60,000 a year: 2,500 a
month, above the standard of 1,500, so E3 fails), follows its next step to the review form of
that enrolment; and the review list says why H3's review is due: X3 (比对发现), with the rule
ids X3 and E3 and the API's Chinese sentence, due on the as-of date although its schedule
(six months, P10) would wait until 2026-12-01.
"""

import re
from datetime import date
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, Request, expect

from graph.db import Graph
from stats.findings import record
from tests.console.test_applications import COUNTY, WAIT_MS
from tests.console.test_console import sign_in
from tests.console.world import AS_OF, NEIGHBOUR, TOWNSHIP, Live, shoot
from tests.scoring.test_score import load


def make_x3(graph: Graph) -> None:
    """H3 enrolled in dibao from 2026-06-01, its only member's income raised above E3."""
    load(
        graph,
        "enrollments",
        [{"subject_id": "H3", "program": "dibao", "from": "2026-06-01", "to": None}],
    )
    graph.driver.execute_query(
        "MATCH (p:Person {person_id: $p}) SET p.annual_income = 60000",
        p=NEIGHBOUR,
        database_="neo4j",
    )


def test_x3_a_county_officer_follows_a_finding_to_the_review_form(
    page: Page, live: Live, graph: Graph
) -> None:
    page.set_default_timeout(WAIT_MS)
    make_x3(graph)
    sign_in(page, live, "county", COUNTY, "chen")
    page.click("nav a[href='#/integrity']")
    expect(page).to_have_url(re.compile(r"#/integrity$"))
    # No scan recorded: the screen opens on X1 alone, on a cold Neo4j: a bound on waiting only.
    expect(page.locator("#integrity-summary")).to_be_visible(timeout=3 * WAIT_MS)
    expect(page.locator("#integrity-rule")).to_have_value("X1")
    expect(page.locator("#integrity-as-of")).to_have_value(AS_OF)

    page.select_option("#integrity-rule", "X3")
    page.select_option("#filter-region-township", TOWNSHIP)
    page.click("#integrity-filter")
    expect(page).to_have_url(re.compile(r"rule=X3"))
    expect(page).to_have_url(re.compile(rf"region={TOWNSHIP}"))
    rows = page.locator("tr.finding-row")
    expect(rows.first).to_be_visible()
    for i in range(rows.count()):
        expect(rows.nth(i)).to_have_attribute("data-rule", "X3")
    row = page.locator('tr.finding-row[data-subject-id="H3"]')
    expect(row).to_have_count(1)
    expect(row).to_have_attribute("data-township", TOWNSHIP)
    expect(row.locator("td.rule")).to_contain_text("X3")
    expect(row.locator("td.rule")).to_contain_text("应退未退")
    expect(row.locator(".rule-text")).to_contain_text("已不符合条件")
    expect(row.locator("td.detail")).to_contain_text("已纳入最低生活保障（2026年6月1日起）")
    expect(row.locator("td.detail")).to_contain_text("不符合E3")
    step = row.locator("a.next-step")
    expect(step).to_have_attribute("data-kind", "review")
    expect(step).to_contain_text("应于 2026年10月12日 核查")
    shoot(page, "integrity")

    step.click()
    expect(page).to_have_url(re.compile(r"#/review\?subject=H3&program=dibao&from=2026-06-01"))
    expect(page.locator("#review-form")).to_be_visible()
    expect(page.locator("#review-enrolment")).to_contain_text("最低生活保障")
    expect(page.locator("#review-enrolment")).to_contain_text("2026年6月1日")

    # The review list says why (P10; RULES §9 X3): due on the as-of date, not 2026-12-01.
    page.click("#back-to-reviews")
    due = page.locator('tr.review-row[data-subject-id="H3"][data-program="dibao"]')
    expect(due).to_have_count(1)
    expect(due).to_have_attribute("data-why", "X3")
    expect(due).to_have_attribute("data-why-rules", "X3 E3")
    expect(due.locator("td.due")).to_contain_text("2026年10月12日")
    expect(due.locator("td.why")).to_contain_text("比对发现")
    expect(due.locator(".why-rules")).to_have_text("X3、E3")
    expect(due.locator(".why-reason")).to_contain_text("信息比对X3（E3）")
    shoot(page, "reviews_x3")


def findings_requests(page: Page) -> list[dict[str, list[str]]]:
    """The query of every GET /v1/integrity the page sends from now on (not /scans)."""
    seen: list[dict[str, list[str]]] = []

    def note(request: Request) -> None:
        url = urlparse(request.url)
        if url.path == "/v1/integrity":
            seen.append(parse_qs(url.query))

    page.on("request", note)
    return seen


def test_x1_x8_the_screen_opens_on_one_rule_beside_the_recorded_counts(
    page: Page, live: Live, graph: Graph
) -> None:
    """Issue 19: the default request carries one rule, the one with most findings in the
    last recorded scan (`hhgraph integrity`), and the counts per rule show with their date."""
    page.set_default_timeout(WAIT_MS)
    record(graph, "44", date(2026, 10, 1), {"X1": {}, "X3": {TOWNSHIP: 4}, "X7": {TOWNSHIP: 1}})
    sent = findings_requests(page)
    sign_in(page, live, "county", COUNTY, "chen")
    page.click("nav a[href='#/integrity']")
    expect(page).to_have_url(re.compile(r"#/integrity$"))
    expect(page.locator("#integrity-summary")).to_be_visible(timeout=3 * WAIT_MS)
    expect(page.locator("#integrity-rule")).to_have_value("X3")
    assert len(sent) == 1
    assert sent[0]["rule"] == ["X3"]  # one rule, never all X1–X8 at once
    counts = page.locator("#integrity-scans")
    x3 = counts.locator('li[data-rule="X3"]')
    expect(x3).to_contain_text("4 条")
    expect(x3).to_contain_text("2026年10月1日扫描")
    expect(x3).to_have_class(re.compile("current"))
    expect(counts.locator('li[data-rule="X1"]')).to_contain_text("0 条")
    expect(counts.locator('li[data-rule="X2"]')).to_contain_text("尚未扫描")
    expect(counts.locator('li[data-rule="X8"]')).to_contain_text("尚未扫描")
    # A count is the way to its rule's findings: one rule again.
    counts.locator('li[data-rule="X7"] a').click()
    expect(page).to_have_url(re.compile(r"rule=X7"))
    expect(page.locator("#integrity-rule")).to_have_value("X7")
    expect(page.locator("#integrity-summary")).to_be_visible()
    assert [q.get("rule") for q in sent] == [["X3"], ["X7"]]
