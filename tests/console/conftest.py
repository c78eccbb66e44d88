"""Fixtures of the console's browser tests: Debian's Chromium driven by Playwright and a real
uvicorn server over the session's Neo4j with the world of `tests/console/world.py`.

No browser is ever downloaded: Playwright launches the system Chromium (`/usr/bin/chromium`,
or `HHGRAPH_CHROMIUM`). Without it the tests fail, saying how to install it.
"""

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright

from api.app import create_app
from core.settings import Settings
from graph.db import Graph
from tests.console.world import DATA, DATA_MODULES, DRIVER, Live, Node, load_world
from tests.live import serve

CHROMIUM = Path(os.environ.get("HHGRAPH_CHROMIUM", "/usr/bin/chromium"))
# As the machine notes say: without the background-networking flags Chromium keeps trying
# Google's hosts, which a closed network refuses.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# How long `expect(...)` waits for the page to get there: the first queries of a session
# compile their plans in a cold Neo4j. A bound on waiting, not an assertion about speed.
expect.set_options(timeout=20_000)


@pytest.fixture
def live(graph: Graph, settings: Settings) -> Iterator[Live]:
    """The API and console over the test world, as `hhgraph serve` runs them."""
    load_world(graph)
    app = create_app(settings, graph)
    with serve(app) as url:
        yield Live(url, app)


@pytest.fixture
def live_dev(graph: Graph, settings: Settings) -> Iterator[Live]:
    """The same in dev mode (HHGRAPH_DEV_MODE): the sign-in page offers the dev button."""
    load_world(graph)
    app = create_app(settings.model_copy(update={"dev_mode": True}), graph)
    with serve(app) as url:
        yield Live(url, app)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: the console tests drive Debian's chromium package. "
            "`make install` installs it (as root or through sudo), with fonts-wqy-microhei; "
            "or set HHGRAPH_CHROMIUM to a Chromium binary.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser profile per test; any script error or CSP violation fails the test."""
    context = browser.new_context(
        viewport={"width": 1360, "height": 900}, locale="zh-CN", timezone_id="Asia/Shanghai"
    )
    context.set_default_timeout(15_000)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def on_console(message: ConsoleMessage) -> None:
        # Failed requests the tests cause on purpose (404, 409) are logged as console errors
        # by Chromium: only script errors count.
        if message.type == "error" and "Failed to load resource" not in message.text:
            problems.append(f"console error: {message.text}")

    opened.on("console", on_console)
    yield opened
    context.close()
    assert problems == [], problems


@pytest.fixture(scope="module")
def node() -> Iterator[Node]:
    binary = shutil.which("node")
    if binary is None:
        pytest.fail("no node on PATH: the console needs Node.js and npm (README)", pytrace=False)
    imports = ", ".join(
        f'{name}: await import("{(DATA / f"{name}.js").as_uri()}")' for name in DATA_MODULES
    )
    with subprocess.Popen(
        [binary, "--input-type=module", "-e", DRIVER.format(imports=imports)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        yield Node(process)
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)
