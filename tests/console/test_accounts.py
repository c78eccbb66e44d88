"""Sign-in and accounts in the console, end to end in headless Chromium (CONTRACT §5, issue 16):
a township officer signs in with a one-time password, is held to the password change (the
policy's refusals in Chinese), enrols the second factor from the QR code and signs out; a
province officer signs in with the code, creates a township account and disables it, and the
disabled account cannot sign in; the access token is refreshed once for many calls, a reused
refresh token ends the session, and 30 minutes without activity sign the officer out.

The TOTP codes are computed with pyotp from the secret the enrolment shows (RFC 6238). The
idle period and the access token's 15 minutes pass on Playwright's clock (`page.clock`), which
drives the page's Date.now() and timers; the server keeps real time.
"""

import re
import time
from typing import Any

import httpx
import pyotp
from playwright.sync_api import Page, Request, expect

from accounts import Caller, NewAccount, create
from graph.db import Graph
from tests.console.world import TOWNSHIP, Live, shoot

PROVINCE = "440000000000"
ROOT = Caller("gd", "province", PROVINCE)  # as `hhgraph account create` acts
GOOD = "Guangzhou-2026"


def new_account(graph: Graph, username: str, role: str = "township", region: str = TOWNSHIP) -> str:
    """An account as `hhgraph account create` makes it; its one-time password."""
    new = NewAccount(username, role, region)  # type: ignore[arg-type]
    return create(graph, ROOT, new, "gd").one_time_password


def code_other_than(totp: pyotp.TOTP) -> str:
    """A 6-digit code that no step around now accepts (a wrong one)."""
    now = time.time()
    valid = {totp.at(now + d) for d in (-30, 0, 30)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)


def ready_account(live: Live, graph: Graph, username: str, role: str, region: str) -> str | None:
    """An account whose one-time password was changed to GOOD, through the API; for a
    province or city account also with its second factor enrolled: that secret."""
    once = new_account(graph, username, role, region)
    with httpx.Client(base_url=live.url) as client:
        first = client.post("/v1/auth/login", json={"username": username, "password": once})
        assert first.status_code == 200, first.text
        changed = client.post(
            "/v1/accounts/me/password",
            json={"old": once, "new": GOOD},
            headers={"Authorization": f"Bearer {first.json()['access_token']}"},
        )
        assert changed.status_code == 200, changed.text
        if not changed.json()["must_enrol_otp"]:
            return None
        auth = {"Authorization": f"Bearer {changed.json()['access_token']}"}
        secret = str(client.post("/v1/accounts/me/otp", headers=auth).json()["secret"])
        confirmed = client.post(
            "/v1/accounts/me/otp/confirm", json={"otp": pyotp.TOTP(secret).now()}, headers=auth
        )
        assert confirmed.status_code == 200, confirmed.text
        return secret


def sign_in_form(page: Page, username: str, password: str) -> None:
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#signin")


def stored(page: Page, key: str) -> Any:
    return page.evaluate("key => sessionStorage.getItem(key)", key)


def answers(live: Live, token: str) -> int:
    """The status of a call with `token` (a list of the caller's regions)."""
    headers = {"Authorization": f"Bearer {token}"}
    return httpx.get(f"{live.url}/v1/regions", headers=headers).status_code


def test_issue16_a_township_officer_changes_the_one_time_password_enrols_totp_and_signs_out(
    page: Page, live: Live, graph: Graph
) -> None:
    once = new_account(graph, "li.ming")
    page.goto(f"{live.url}/")
    # A wrong password and an unknown username read the same.
    sign_in_form(page, "li.ming", "Wrong-password-1")
    expect(page.locator("#signin-message")).to_have_text("用户名或密码错误。")
    sign_in_form(page, "nobody.here", "Wrong-password-1")
    expect(page.locator("#signin-message")).to_have_text("用户名或密码错误。")
    expect(page).to_have_url(re.compile(r"#/signin$"))

    sign_in_form(page, "li.ming", once)
    expect(page).to_have_url(re.compile(r"#/password$"))
    expect(page.locator("#password-forced")).to_be_visible()
    expect(page.locator("header nav a")).to_have_count(0)  # nothing else is reachable
    page.goto(f"{live.url}/#/queue")
    expect(page).to_have_url(re.compile(r"#/password$"))
    for new, said in (
        ("Short-1a", "新密码至少需要10个字符。"),
        ("alllowercase12", "新密码须包含大写字母、小写字母、数字、其他字符中的至少3类。"),
        ("li.ming-2026X", "新密码不得包含用户名。"),
        (once, "新密码不得与最近5次使用过的密码相同。"),
    ):
        page.fill("#old-password", once)
        page.fill("#new-password", new)
        page.fill("#new-password-repeat", new)
        page.click("#password-submit")
        expect(page.locator('#account-problems li[data-field="new"]')).to_have_text(said)
    shoot(page, "password")
    page.fill("#old-password", "Not-the-password-1")
    page.fill("#new-password", GOOD)
    page.fill("#new-password-repeat", GOOD)
    page.click("#password-submit")
    expect(page.locator('#account-problems li[data-field="old"]')).to_have_text("当前密码不正确。")
    page.fill("#old-password", once)
    page.click("#password-submit")
    expect(page).to_have_url(re.compile(r"#/queue$"))  # a full session now
    expect(page.locator("#who")).to_contain_text("li.ming · 乡镇（街道）")

    page.click("#account-menu summary")
    page.click("#account-menu a[href='#/otp']")
    expect(page).to_have_url(re.compile(r"#/otp$"))
    page.click("#otp-start")
    qr = page.locator("#otp-qr")
    expect(qr).to_be_visible()
    assert str(qr.get_attribute("src")).startswith("data:image/svg+xml;base64,")
    assert page.evaluate("() => document.getElementById('otp-qr').naturalWidth") > 0  # drawn
    secret = page.locator("#otp-secret").inner_text()
    totp = pyotp.TOTP(secret)
    shoot(page, "otp")
    page.fill("#otp-code", code_other_than(totp))
    page.click("#otp-confirm")
    expect(page.locator("#account-problems")).to_contain_text("动态口令不正确")
    page.fill("#otp-code", totp.now())
    page.click("#otp-confirm")
    expect(page.locator("#otp-done")).to_contain_text("动态口令已启用")

    token = stored(page, "hhgraph.token")
    assert answers(live, token) == 200
    page.click("#sign-out")
    expect(page).to_have_url(re.compile(r"#/signin$"))
    assert stored(page, "hhgraph.token") is None
    assert answers(live, token) == 401  # logout revoked the session at once

    # From now on the account signs in with its code too.
    sign_in_form(page, "li.ming", GOOD)
    expect(page.locator("#signin-message")).to_have_text("请输入动态口令。")
    expect(page.locator("#otp-field")).to_be_visible()
    page.fill("#otp", totp.at(time.time() + 30))  # the next step: confirming used this one
    page.click("#signin")
    expect(page).to_have_url(re.compile(r"#/queue$"))


def test_issue16_a_province_officer_creates_a_township_account_and_disables_it(
    page: Page, live: Live, graph: Graph
) -> None:
    secret = ready_account(live, graph, "gd.admin", "province", PROVINCE)
    assert secret is not None  # a province account signs in with two factors
    page.goto(f"{live.url}/")
    sign_in_form(page, "gd.admin", GOOD)
    expect(page.locator("#otp-field")).to_be_visible()
    page.fill("#otp", pyotp.TOTP(secret).at(time.time() + 30))
    page.click("#signin")
    expect(page).to_have_url(re.compile(r"#/queue$"))

    page.click("header nav a[href='#/accounts']")
    expect(page.locator("#accounts-list h2")).to_have_text("账号管理")
    expect(page.locator("#account-role option")).to_have_count(6)  # province grants any role
    page.fill("#account-username", "wang.wu")
    page.select_option("#account-role", "township")
    page.select_option("#account-region-city", label="广州市")
    page.select_option("#account-region-county", label="荔湾区")
    page.select_option("#account-region-township", label="沙面街道")
    page.click("#account-create")
    once = page.locator("#one-time-password")
    expect(once).to_have_text(re.compile(r"^\S{16}$"))
    one_time = once.inner_text()
    row = page.locator('#accounts tr.account[data-username="wang.wu"]')
    expect(row).to_have_attribute("data-status", "active")
    expect(row).to_contain_text(TOWNSHIP)
    expect(row).to_contain_text("乡镇（街道）")
    shoot(page, "accounts")

    page.on("dialog", lambda dialog: dialog.accept())  # 确定停用？
    row.locator("button.account-disable").click()
    expect(row).to_have_attribute("data-status", "disabled")
    expect(row.locator(".status")).to_have_text("已停用")
    expect(page.locator("#accounts-message")).to_contain_text("账号 wang.wu 已停用。")

    page.click("#sign-out")
    expect(page).to_have_url(re.compile(r"#/signin$"))
    sign_in_form(page, "wang.wu", one_time)
    expect(page.locator("#signin-message")).to_have_text("该账号已停用，请联系管理员。")
    expect(page).to_have_url(re.compile(r"#/signin$"))
    assert stored(page, "hhgraph.token") is None


def test_issue16_a_city_officer_is_offered_only_roles_up_to_its_own(
    page: Page, live: Live, graph: Graph
) -> None:
    new_account(graph, "gd.admin", "province", PROVINCE)
    secret = ready_account(live, graph, "gz.admin", "city", "440100000000")
    assert secret is not None
    page.goto(f"{live.url}/")
    sign_in_form(page, "gz.admin", GOOD)
    page.fill("#otp", pyotp.TOTP(secret).at(time.time() + 30))
    page.click("#signin")
    page.click("header nav a[href='#/accounts']")
    options = page.locator("#account-role option")
    expect(options).to_have_count(5)
    expect(page.locator("#account-role option[value='province']")).to_have_count(0)
    expect(page.locator('#accounts tr.account[data-username="gz.admin"]')).to_be_visible()
    expect(page.locator('#accounts tr.account[data-username="gd.admin"]')).to_have_count(0)


def signed_in_on_the_pages_clock(page: Page, live: Live, graph: Graph) -> None:
    """A township officer signed in, with the page's time on Playwright's clock."""
    ready_account(live, graph, "li.ming", "township", TOWNSHIP)
    page.clock.install()
    page.goto(f"{live.url}/")
    sign_in_form(page, "li.ming", GOOD)
    expect(page).to_have_url(re.compile(r"#/queue$"))


def test_issue16_the_access_token_is_refreshed_once_and_a_reused_refresh_ends_the_session(
    page: Page, live: Live, graph: Graph
) -> None:
    signed_in_on_the_pages_clock(page, live, graph)
    expect(page.locator("#queue-summary")).to_be_visible()
    refreshes: list[Request] = []

    def seen(request: Request) -> None:
        if request.url.endswith("/v1/auth/refresh"):
            refreshes.append(request)

    page.on("request", seen)
    first_refresh = stored(page, "hhgraph.refresh")

    page.clock.fast_forward("14:30")  # the access token ends within a minute
    page.mouse.move(200, 200)  # the officer is at work: not idle
    page.click("#filter-apply")  # the queue's calls, several at once
    expect(page.locator("#queue-summary")).to_be_visible()
    expect(page.locator("tr.warning-row")).to_have_count(2)
    assert len(refreshes) == 1  # one refresh for all of them
    second_refresh = stored(page, "hhgraph.refresh")
    assert second_refresh != first_refresh

    # A stolen copy used first: the holder's next refresh is a reuse, which revokes the
    # session, and the console sends the officer back to sign in.
    stolen = httpx.post(f"{live.url}/v1/auth/refresh", json={"refresh_token": second_refresh})
    assert stolen.status_code == 200
    page.clock.fast_forward("14:30")
    page.mouse.move(300, 300)
    page.click("#filter-apply")
    expect(page).to_have_url(re.compile(r"#/signin$"))
    expect(page.locator("#signin-message")).to_contain_text("登录已失效，请重新登录。")
    assert answers(live, stolen.json()["access_token"]) == 401  # the thief's session too


def test_issue16_thirty_minutes_without_activity_sign_out_and_a_lock_says_until_when(
    page: Page, live: Live, graph: Graph
) -> None:
    signed_in_on_the_pages_clock(page, live, graph)
    token = stored(page, "hhgraph.token")
    page.clock.fast_forward("29:00")
    expect(page).to_have_url(re.compile(r"#/queue$"))  # not yet
    page.clock.fast_forward("01:05")
    expect(page).to_have_url(re.compile(r"#/signin$"))
    expect(page.locator("#signin-message")).to_have_text("30分钟无操作，已自动退出登录。")
    assert stored(page, "hhgraph.refresh") is None
    assert answers(live, token) == 401  # the session was revoked, not only forgotten

    for _ in range(5):  # the fifth failure in a row locks the account
        sign_in_form(page, "li.ming", "Wrong-password-1")
        expect(page.locator("#signin")).to_be_enabled()
    said = page.locator("#signin-message")
    locked = re.compile(r"^连续登录失败次数过多，账号已锁定，请于 \d\d:\d\d 后再试。$")
    expect(said).to_have_text(locked)
    shown = re.search(r"(\d\d):(\d\d)", said.inner_text())
    assert shown is not None
    page_minutes = page.evaluate(
        "() => { const d = new Date(Date.now() + 8 * 3600e3);"
        " return d.getUTCHours() * 60 + d.getUTCMinutes(); }"
    )
    lock_ends = int(shown.group(1)) * 60 + int(shown.group(2))
    assert (lock_ends - page_minutes) % (24 * 60) in (14, 15, 16)  # 15 minutes from now
    sign_in_form(page, "li.ming", GOOD)  # the right password too, while locked
    expect(said).to_contain_text("账号已锁定")
