"""The web console end to end in headless Chromium (issue 8): sign in, the work queue and its
village filter, a household, a verification that closes its warning, a person with their
events, and the case explorer with its nodes styled by status.

Each test runs a real uvicorn server over the session's Neo4j (tests/console/conftest.py) and
saves screenshots of the screens it visits under docs/screens/.
"""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, Request, expect

from api.security import mint_token
from core.ids import mask_id
from tests.console.world import AS_OF, NEIGHBOUR, SECOND_VILLAGE, TOWNSHIP, Live, shoot
from tests.helpers import TEST_SECRET
from tests.loaders import family


def use_token(page: Page, live: Live, token: str, sub: str) -> None:
    """A token of `hhgraph token` kept for the tab, as the dev mode's token field keeps it:
    outside dev mode officers sign in with an account (issue 16, tests/console/
    test_accounts.py), and the tests of other screens start from a token."""
    page.goto(f"{live.url}/#/signin")
    expect(page.locator("#signin-form")).to_be_visible()
    page.evaluate("token => sessionStorage.setItem('hhgraph.token', token)", token)
    page.goto(f"{live.url}/#/")
    expect(page.locator("#who")).to_contain_text(sub)
    page.fill("#as-of", AS_OF)  # the console's as-of date: every query and "overdue" use it


def sign_in(page: Page, live: Live, role: str, region: str, sub: str) -> None:
    use_token(page, live, mint_token(TEST_SECRET, role, region, sub), sub)  # type: ignore[arg-type]


def open_queue(page: Page, live: Live, query: str = "") -> None:
    page.goto(f"{live.url}/#/queue{query}")
    expect(page.locator("#queue-summary")).to_be_visible()


def test_a_township_officer_works_through_the_queue_and_closes_a_warning(
    page: Page, live: Live
) -> None:
    sign_in(page, live, "township", TOWNSHIP, "li")
    expect(page).to_have_url(re.compile(r"#/queue$"))
    rows = page.locator("tr.warning-row")
    # Red first; H2 lies in another township and is not listed; only H1 is past its deadline.
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_attribute("data-household-id", "H1")
    expect(rows.nth(0)).to_have_attribute("data-level", "red")
    expect(rows.nth(0)).to_have_class(re.compile(r"\boverdue\b"))
    expect(rows.nth(0).locator("td.due")).to_contain_text("2026年10月10日")
    expect(rows.nth(1)).to_have_attribute("data-household-id", "H3")
    expect(rows.nth(1)).to_have_attribute("data-level", "orange")
    expect(rows.nth(1)).not_to_have_class(re.compile(r"\boverdue\b"))
    shoot(page, "queue")

    page.select_option("#filter-level", "orange")
    page.click("#filter-apply")
    expect(page).to_have_url(re.compile(r"level=orange"))
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_have_attribute("data-household-id", "H3")
    open_queue(page, live, "?overdue=1")
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_have_attribute("data-household-id", "H1")

    rows.nth(0).click()
    expect(page).to_have_url(re.compile(r"#/household/H1\?warning="))
    members = page.locator("#members tr.member")
    expect(members).to_have_count(5)  # the uncle left in 1999 and now lives elsewhere
    grandma = page.locator(f'#members tr[data-person-id="{family.GRANDMA}"]')
    expect(grandma).to_contain_text("陈秀英")
    expect(grandma.locator("td").nth(2)).to_have_text("76")  # born 1950-03-01, as of AS_OF
    expect(page.locator(f'#members tr[data-person-id="{mask_id(family.UNCLE)}"]')).to_have_class(
        re.compile(r"masked-row")
    )
    expect(page.locator("#household-level")).to_contain_text("红色预警")
    expect(page.locator("#score-line .score")).to_have_text("10")
    expect(page.locator('#contributions tr[data-indicator="death"]')).to_contain_text("6")
    disease = page.locator('#contributions tr[data-indicator="chronic_or_major_disease"]')
    expect(disease).to_contain_text("4")
    expect(page.locator('#programs tr[data-program="dibao"]')).to_contain_text("E")
    expect(page.locator("#timeline li.change-born")).to_contain_text("李小明")
    expect(page.locator("#verify-form")).to_be_visible()
    shoot(page, "household")

    page.fill("#visited-on", "2026-10-09")
    page.check("#genuine-true")
    page.fill("#findings", "奶奶去世，家庭收入骤减")
    page.fill("#action", "转介临时救助")
    page.click("#verify-submit")
    expect(page.locator("#verified")).to_contain_text("2026年10月9日")
    expect(page.locator("#verified")).to_contain_text("li")
    expect(page.locator("#slot-warning .badge.status-closed")).to_have_text("已核查")
    expect(page.locator("#verify-form")).to_have_count(0)
    shoot(page, "verified")

    open_queue(page, live)  # open warnings: H1 is gone from the queue
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_have_attribute("data-household-id", "H3")
    open_queue(page, live, "?status=closed")
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_have_attribute("data-status", "closed")
    expect(rows.nth(0)).not_to_have_class(re.compile(r"\boverdue\b"))


def test_a_person_shows_supporters_able_or_not_and_the_destitute_check(
    page: Page, live: Live
) -> None:
    sign_in(page, live, "township", TOWNSHIP, "li")
    page.goto(f"{live.url}/#/household/H1")
    page.locator(f'#members tr[data-person-id="{family.GRANDMA}"] a').click()
    expect(page).to_have_url(re.compile(rf"#/person/{family.GRANDMA}$"))
    expect(page.locator(".title-row h2")).to_have_text("人员 陈秀英")
    supporters = page.locator("#supporters tr.supporter")
    expect(supporters).to_have_count(2)  # her two sons, one of them outside the region
    father = page.locator(f'#supporters tr[data-person-id="{family.FATHER}"]')
    expect(father).to_contain_text("赡养")
    expect(father).to_contain_text("第一顺序")
    expect(father).to_contain_text("T6")
    uncle = page.locator(f'#supporters tr[data-person-id="{mask_id(family.UNCLE)}"]')
    expect(uncle).to_have_class(re.compile(r"masked-row"))
    expect(uncle).to_contain_text("李**")
    expect(page.locator("#destitute-verdict")).to_be_visible()
    expect(page.locator('tr[data-condition="no_capable_supporter"]')).to_be_visible()
    # Her own department events, newest first: the death, then the disease (not H2's
    # disaster, which is about a household).
    events = page.locator("#events tr.event")
    expect(events).to_have_count(2)
    expect(events.nth(0)).to_have_attribute("data-indicator", "death")
    expect(events.nth(0)).to_contain_text("2026年9月1日")
    expect(events.nth(0)).to_contain_text("公安")
    expect(events.nth(1)).to_have_attribute("data-indicator", "chronic_or_major_disease")
    expect(events.nth(1)).to_contain_text("患有慢性病、重大疾病")
    expect(events.nth(1)).to_contain_text("医保")
    shoot(page, "person")
    page.click("#lang-toggle")
    expect(page.locator("#events thead th").nth(0)).to_have_text("Occurred on")
    expect(events.nth(0)).to_contain_text("2026-09-01")
    expect(events.nth(0)).to_contain_text("Public Security")
    page.click("#lang-toggle")


def test_the_queue_filters_by_village_names(page: Page, live: Live) -> None:
    sign_in(page, live, "township", TOWNSHIP, "li")
    expect(page.locator("tr.warning-row")).to_have_count(2)
    village = page.locator("#filter-region-village")
    expect(village.locator("option")).to_have_text(["全部（沙面街道）", "沙面社区", "二社区"])
    page.select_option("#filter-region-village", label="二社区")
    page.click("#filter-apply")
    expect(page).to_have_url(re.compile(rf"region={SECOND_VILLAGE}"))
    rows = page.locator("tr.warning-row")
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_have_attribute("data-household-id", "H3")
    expect(page.locator("#filter-region-village")).to_have_value(SECOND_VILLAGE)  # kept
    page.select_option("#filter-region-village", label="沙面社区")
    page.click("#filter-apply")
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_have_attribute("data-household-id", "H1")


def test_a_county_officer_narrows_the_queue_township_then_village(page: Page, live: Live) -> None:
    sign_in(page, live, "county", "440103000000", "chen")
    open_queue(page, live)
    rows = page.locator("tr.warning-row")
    expect(rows).to_have_count(3)  # H1 and H3 here, H2 in the other township
    expect(page.locator("#filter-region-village")).to_have_count(0)
    page.select_option("#filter-region-township", label="沙面街道")
    village = page.locator("#filter-region-village")
    expect(village.locator("option")).to_have_text(["全部（沙面街道）", "沙面社区", "二社区"])
    page.select_option("#filter-region-village", label="二社区")
    shoot(page, "queue_village")
    page.click("#filter-apply")
    expect(page).to_have_url(re.compile(rf"region={SECOND_VILLAGE}"))
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_have_attribute("data-household-id", "H3")
    # Both levels come back selected from the URL.
    expect(page.locator("#filter-region-township")).to_have_value(TOWNSHIP)
    expect(village).to_have_value(SECOND_VILLAGE)
    page.select_option("#filter-region-village", "")  # the whole township
    page.click("#filter-apply")
    expect(page).to_have_url(re.compile(rf"region={TOWNSHIP}"))
    expect(rows).to_have_count(2)
    page.select_option("#filter-region-township", "")  # the whole county again
    expect(village).to_have_count(0)
    page.click("#filter-apply")
    expect(page).not_to_have_url(re.compile(r"region="))
    expect(rows).to_have_count(3)


def test_labels_switch_to_english_with_iso_dates(page: Page, live: Live) -> None:
    sign_in(page, live, "county", "440103000000", "chen")
    open_queue(page, live)
    issued = page.locator("tr.warning-row").nth(0).locator("td").nth(4)
    expect(issued).to_have_text("2026年9月30日")
    page.click("#lang-toggle")
    expect(page.locator("h2")).to_contain_text("Warning work queue")
    expect(page.locator("tr.warning-row").nth(0).locator("td").nth(4)).to_have_text("2026-09-30")
    expect(page.locator("thead th").nth(5)).to_have_text("Visit due")
    page.click("#lang-toggle")
    expect(page.locator("h2")).to_contain_text("预警工作队列")


def click_node(page: Page, node_id: str) -> None:
    """Click a node of the case graph where cytoscape drew it on the canvas."""
    box = page.evaluate(
        """id => {
          const node = window.hhgraphCase.cy.getElementById(id);
          const at = node.renderedPosition();
          const frame = document.getElementById("case-graph").getBoundingClientRect();
          return { x: frame.left + at.x, y: frame.top + at.y };
        }""",
        node_id,
    )
    page.mouse.click(box["x"], box["y"])


def node_count(page: Page, n: int) -> None:
    page.wait_for_function(
        "n => window.hhgraphCase && window.hhgraphCase.cy.nodes().length === n", arg=n
    )


def test_an_investigator_signs_in_with_the_dev_button_and_explores_a_case(
    page: Page, live_dev: Live
) -> None:
    page.goto(f"{live_dev.url}/")
    expect(page.locator("#dev-form")).to_be_visible()
    expect(page.locator("#dev-form .dev-badge")).to_have_text("开发模式")
    expect(page.locator("#token-form .dev-badge")).to_have_text("开发模式")
    page.select_option("#dev-role", "investigator")
    page.fill("#dev-region", TOWNSHIP)
    page.fill("#dev-sub", "wang")
    shoot(page, "signin")
    page.click("#dev-signin")
    expect(page).to_have_url(re.compile(r"#/case$"))
    expect(page.locator("#who")).to_contain_text("wang · 调查员 · 440103001000")
    expect(page.locator("header nav a")).to_have_count(1)  # no work queue for investigators
    page.fill("#as-of", AS_OF)

    page.fill("#case-subject", family.CHILD)
    page.click("#case-load")
    node_count(page, 4)  # the child, both parents, their household
    expect(page.locator("#case-nodes li")).to_have_count(4)
    click_node(page, family.FATHER)
    node_count(page, 5)  # + the grandmother
    expect(page.locator("#case-status")).to_contain_text("已展开：李建国")
    # Nodes styled by their status on the as-of date: the grandmother died on 2026-09-01 and
    # holds a grade-2 disability certificate; H1 is a dibao household with a red warning.
    has_class = "([id, cls]) => window.hhgraphCase.cy.getElementById(id).hasClass(cls)"
    assert page.evaluate(has_class, [family.GRANDMA, "dead"])
    assert page.evaluate(has_class, [family.GRANDMA, "disabled"])
    assert not page.evaluate(has_class, [family.FATHER, "dead"])
    assert page.evaluate(has_class, ["H1", "dibao"])
    assert page.evaluate(has_class, ["H1", "level-red"])
    status = page.evaluate(
        "id => window.hhgraphCase.cy.getElementById(id).data('status')", family.GRANDMA
    )
    assert (status["dead"], status["death_date"], status["disability_grade"]) == (
        True,
        "2026-09-01",
        2,
    )
    expect(page.locator('#case-legend li[data-legend="dead"]')).to_contain_text("已故")
    click_node(page, family.GRANDMA)
    node_count(page, 6)  # + the uncle, who lives in another township: masked
    expect(page.locator("#case-selected-status")).to_contain_text("已故（2026年9月1日）")
    expect(page.locator("#case-selected-status")).to_contain_text("残疾2级（肢体）")
    uncle = mask_id(family.UNCLE)
    assert page.evaluate("id => window.hhgraphCase.cy.getElementById(id).hasClass('masked')", uncle)
    # Masked: no status, so no status style.
    assert (
        page.evaluate("id => window.hhgraphCase.cy.getElementById(id).data('status')", uncle)
        is None
    )
    assert not page.evaluate(has_class, [uncle, "dead"])
    assert page.evaluate("id => window.hhgraphCase.dist.get(id)", uncle) == 3
    click_node(page, uncle)
    expect(page.locator("#case-status")).to_contain_text("辖区外人员已脱敏")
    node_count(page, 6)

    page.select_option("#kinship-a", family.CHILD)
    page.select_option("#kinship-b", family.GRANDMA)
    page.click("#kinship-ask")
    expect(page.locator("#kinship-result .path")).to_have_text(
        "李小明 → 父母 → 李建国 → 父母 → 陈秀英"
    )
    assert page.evaluate("() => window.hhgraphCase.cy.edges('.path').length") == 2
    shoot(page, "case")

    page.goto(f"{live_dev.url}/#/household/H3")  # investigators read households too
    expect(page.locator(f'#members tr[data-person-id="{NEIGHBOUR}"]')).to_contain_text("张伟")
    expect(page.locator("#slot-warning")).to_contain_text("本角色不能查看预警队列")


def test_a_token_the_server_refuses_leads_back_to_the_sign_in_page(
    page: Page, live_dev: Live
) -> None:
    page.goto(f"{live_dev.url}/")
    wrong = mint_token("another-secret-0123456789abcdefghijklmnop", "township", TOWNSHIP, "li")
    page.fill("#token", wrong)
    page.click("#token-signin")  # well formed, so the console tries it; the API answers 401
    expect(page).to_have_url(re.compile(r"#/signin$"))
    expect(page.locator("#signin-message")).to_contain_text("登录已失效，请重新登录。")
    page.fill("#token", "not a token")
    page.click("#token-signin")
    expect(page.locator("#signin-message")).to_contain_text("令牌格式不正确。")


def test_issue16_outside_dev_mode_only_accounts_sign_in(page: Page, live: Live) -> None:
    """The token field and the quick button are dev mode's alone (marked 开发模式)."""
    page.goto(f"{live.url}/")
    expect(page.locator("#signin-form #username")).to_be_visible()
    expect(page.locator("#signin-form #password")).to_be_visible()
    expect(page.locator("#otp-field")).to_be_hidden()  # until the API asks for the code
    expect(page.locator("#token")).to_have_count(0)
    expect(page.locator("#dev-form")).to_have_count(0)


def test_issue13_item12_a_chinese_screen_shows_chinese_reasons(page: Page, live: Live) -> None:
    """The household's and the person's reasons are rendered from `explanations` in Chinese,
    and in English (the text of `reasons`) after the language switch."""
    sign_in(page, live, "township", TOWNSHIP, "li")
    page.goto(f"{live.url}/#/household/H1")
    dibao = page.locator('#programs tr[data-program="dibao"] ul.reasons li')
    expect(dibao.nth(0)).to_contain_text("人均月收入")
    expect(dibao.nth(0)).to_contain_text("广州市城市低保标准 1500.00 元（2026年1月1日起）")
    expect(dibao.nth(1)).to_have_text("E3：家庭财产状况符合当地规定")
    hardship = page.locator('#programs tr[data-program="expenditure_hardship"] ul.reasons li')
    expect(hardship.nth(0)).to_contain_text("适用《社会救助法》（2026年7月1日起）")
    # The assistance chain (一户一条救助链): H1 is enrolled in marginal since 2025 and in dibao
    # since 2026, which exclude each other (X2): both items and the overlap say so in text.
    items = page.locator("#assistance-chain li.chain-enrollment")
    marginal = items.filter(has_text="低保边缘")
    dibao_item = items.filter(has_text="最低生活保障")
    expect(marginal).to_contain_text("纳入救助")
    expect(marginal).to_have_class(re.compile(r"chain-overlap"))
    expect(marginal.locator(".flag-overlap")).to_have_text("重复 X2")
    expect(dibao_item.locator(".flag-overlap")).to_have_text("重复 X2")
    overlap = page.locator('#chain-overlaps li[data-rule="X2"]')
    expect(overlap).to_contain_text("X2：本户于2026年1月1日至")
    expect(overlap).to_contain_text("同时享受低保和低保边缘待遇")
    reasons = page.locator("ul.reasons").all_inner_texts()
    assert reasons
    assert not any(re.search(r"standard|members|assets|per person", r) for r in reasons)
    page.click("#lang-toggle")
    expect(dibao.nth(0)).to_contain_text("(广州市 urban standard from 2026-01-01)")
    expect(dibao.nth(1)).to_have_text("E3: assets within the local rule")
    expect(overlap).to_contain_text("X2: the household was enrolled in dibao and in marginal")
    expect(items.filter(has_text="marginal").locator(".flag-overlap")).to_have_text("overlap X2")
    page.click("#lang-toggle")

    page.goto(f"{live.url}/#/person/{family.GRANDMA}")
    expect(page.locator("#destitute-verdict")).to_be_visible()
    check = page.locator("ul.reasons li")
    expect(check.nth(0)).to_contain_text("T2：无劳动能力：76周岁（年满60周岁）")
    father = page.locator(f'#supporters tr[data-person-id="{family.FATHER}"]')
    expect(father.locator(".why")).to_have_text("T6：有履行义务能力")
    expect(father.locator(".duty")).to_have_text("T4（民法典第一千零六十七条）：成年子女")
    page.click("#lang-toggle")
    expect(check.nth(0)).to_contain_text("T2: no capacity to work: aged 76 (60 or over)")
    expect(father.locator(".why")).to_have_text("T6: able")
    expect(father.locator(".duty")).to_have_text("T4 (民法典 1067): adult child")
    page.click("#lang-toggle")


def test_issue15_item10_the_household_screen_asks_for_its_warnings_once(
    page: Page, live: Live
) -> None:
    """From the queue to a household: its warnings come from one `GET /v1/warnings?
    household_id=` (not by paging through the region's), its members from `GET
    /v1/households/{id}` on the as-of date, and nothing asks for the OpenAPI schema."""
    sign_in(page, live, "township", TOWNSHIP, "li")
    open_queue(page, live)
    asked: list[Request] = []

    def on_request(request: Request) -> None:
        asked.append(request)

    page.on("request", on_request)
    page.locator('tr.warning-row[data-household-id="H1"]').click()
    expect(page).to_have_url(re.compile(r"#/household/H1\?warning="))
    expect(page.locator("#slot-warning .warning")).to_have_count(1)
    expect(page.locator("#members tr.member")).to_have_count(5)
    expect(page.locator("#timeline li")).not_to_have_count(0)
    calls = [(r.method, urlsplit(r.url)) for r in asked]
    warnings = [parse_qs(url.query) for _, url in calls if url.path == "/v1/warnings"]
    assert len(warnings) == 1, warnings
    assert warnings[0]["household_id"] == ["H1"]
    assert "cursor" not in warnings[0]
    details = [parse_qs(url.query) for _, url in calls if url.path == "/v1/households/H1"]
    assert details == [{"as_of": [AS_OF]}]
    assert not [url for _, url in calls if url.path == "/openapi.json"]
    assert {method for method, url in calls if url.path.startswith("/v1/")} == {"GET"}


def test_issue15_item10_household_members_are_those_of_the_as_of_date(
    page: Page, live: Live
) -> None:
    """On 2011-06-01 the child (born 2012) is no member yet, although the case graph links
    him to the household; the uncle, who left in 1999, is listed as departed, masked."""
    sign_in(page, live, "township", TOWNSHIP, "li")
    page.fill("#as-of", "2011-06-01")
    page.goto(f"{live.url}/#/household/H1")
    members = page.locator("#members tr.member")
    expect(members).to_have_count(4)
    expect(page.locator(f'#members tr[data-person-id="{family.CHILD}"]')).to_have_count(0)
    grandma = page.locator(f'#members tr[data-person-id="{family.GRANDMA}"]')
    expect(grandma.locator("td").nth(2)).to_have_text("61")
    expect(grandma.locator("td").nth(4)).to_have_text("在户")
    uncle = members.nth(3)
    expect(uncle).to_have_attribute("data-person-id", mask_id(family.UNCLE))
    expect(uncle).to_have_class(re.compile(r"\bgone\b.*masked-row"))
    expect(page.locator("#timeline li.change-born")).to_have_count(0)


def test_issue15_item10_a_region_code_that_names_no_region_selects_no_area(
    page: Page, live: Live
) -> None:
    """The area selects are chosen again from the URL by the order of region codes alone (no
    copy of the I2 prefix rule): a code under no listed region leaves them unselected rather
    than showing a region that is not the filter."""
    sign_in(page, live, "county", "440103000000", "chen")
    open_queue(page, live, f"?region={SECOND_VILLAGE}")
    expect(page.locator("#filter-region-township")).to_have_value(TOWNSHIP)
    expect(page.locator("#filter-region-village")).to_have_value(SECOND_VILLAGE)
    # After the villages, under none of them. The chain is walked down to 二社区 (the last
    # village before the code), which holds no region: then it is undone.
    with page.expect_response(lambda r: f"parent={SECOND_VILLAGE}" in r.url):
        open_queue(page, live, "?region=440103001999")
    expect(page.locator("#queue-empty")).to_be_visible()
    expect(page.locator("#filter-region-village")).to_have_count(0)
    expect(page.locator("#filter-region-township")).to_have_value("")
    expect(page.locator("#filter-region")).to_have_value("440103001999")  # still the filter
