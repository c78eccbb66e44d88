"""The supervision dashboard (督促调度看板, issue 19; RULES S1-S2) in headless Chromium: a
province officer opens it, drills down from the province through the city and the county to
a township, opens the overdue warnings behind a county's bar, and downloads the workbook,
which is read back."""

import re
from io import BytesIO

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.console.test_console import sign_in
from tests.console.world import TOWNSHIP, Live, shoot


def test_s1_a_province_officer_drills_down_opens_the_overdue_list_and_the_workbook(
    page: Page, live: Live
) -> None:
    sign_in(page, live, "province", "440000000000", "zhao")
    page.click("nav a[href='#/dashboard']")
    expect(page.locator("#dash-title")).to_contain_text("广东省")
    rows = page.locator("#dash-regions tbody tr[data-region]")
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_contain_text("广州市")
    expect(page.locator("#dash-chart-regions svg")).to_have_count(1)  # ECharts drew its bars
    expect(page.locator("#dash-chart-trend svg")).to_have_count(1)

    page.click("#dash-regions a.dash-drill:has-text('广州市')")
    expect(page.locator("#dash-title")).to_contain_text("广州市")
    page.click("#dash-regions a.dash-drill:has-text('荔湾区')")
    expect(page.locator("#dash-title")).to_contain_text("荔湾区")
    township = page.locator(f"#dash-regions tr[data-region='{TOWNSHIP}']")
    # H1's red warning was due on 2026-10-10: overdue on the console's as-of day.
    expect(township.locator("a.dash-bar")).to_contain_text("1")
    shoot(page, "dashboard")

    with page.expect_download() as download_info:
        page.click("#dash-download")
    download = download_info.value
    assert download.suggested_filename == "stats-440103000000-2026-10-12.xlsx"
    path = download.path()
    book = load_workbook(BytesIO(path.read_bytes()))
    assert book.sheetnames == ["县(市、区)", "乡镇(街道)"]
    towns = {r[0]: r for r in book["乡镇(街道)"].iter_rows(min_row=3, values_only=True)}
    assert towns[TOWNSHIP][1] == "沙面街道"
    expect(page.locator("#dash-note")).to_contain_text("stats-440103000000")

    page.click(f"#dash-regions a.dash-drill[href*='{TOWNSHIP}']")
    expect(page.locator("#dash-title")).to_contain_text("沙面街道")
    expect(page.locator("#dash-regions tbody tr[data-region]").first).to_contain_text("社区")
    page.click("#dash-up")
    expect(page.locator("#dash-title")).to_contain_text("荔湾区")

    page.click(f"#dash-regions tr[data-region='{TOWNSHIP}'] a.dash-bar")
    expect(page).to_have_url(re.compile(rf"#/queue\?region={TOWNSHIP}&overdue=1$"))
    warnings = page.locator("tr.warning-row")
    expect(warnings).to_have_count(1)
    expect(warnings.nth(0)).to_have_attribute("data-household-id", "H1")
