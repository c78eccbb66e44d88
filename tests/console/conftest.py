"""Fixtures of the console's browser tests: Debian's Chromium driven by Playwright, a real
uvicorn server over the session's Neo4j, and a small data set rescored on 2026-09-30.

No browser is ever downloaded: Playwright launches the system Chromium (`/usr/bin/chromium`,
or `HHGRAPH_CHROMIUM`). Without it the tests fail, saying how to install it.
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright

from api.app import create_app
from core.ids import make_resident_id
from core.settings import Settings
from graph.db import Graph
from scoring.rescore import Mode, rescore_households
from scoring.ruleset import default_ruleset
from scoring.workdays import Calendar
from tests.live import serve
from tests.loaders import family
from tests.scoring.test_score import event, load

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ROOT / "docs" / "screens"
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
TOWNSHIP = "440103001000"
SECOND_VILLAGE = "440103001002"  # 二社区, the township's second village: H3
ELSEWHERE = "440103002001"  # a village of another township: the uncle's household H2
RUN_ON = date(2026, 9, 30)
AS_OF = "2026-10-12"  # after H1's visit deadline (2026-10-10), before H3's
NEIGHBOUR = make_resident_id("440103", date(1985, 4, 4), 41)
# How long `expect(...)` waits for the page to get there: the first queries of a session
# compile their plans in a cold Neo4j. A bound on waiting, not an assertion about speed.
expect.set_options(timeout=20_000)


@dataclass(frozen=True)
class Live:
    """A running server: its base URL and the app it serves."""

    url: str
    app: FastAPI


def load_world(graph: Graph) -> None:
    """The family of tests/loaders/family.py with H2 moved to another township, a third
    household H3 in the township's second village, the grandmother's death on 2026-09-01, H1
    enrolled in dibao, events, and a full rescoring on 2026-09-30: H1 red (due 2026-10-10),
    H3 orange, H2 (elsewhere) green."""
    feeds = family.all_feeds()
    feeds["regions"] += [
        {"code": SECOND_VILLAGE, "name": "二社区"},
        {"code": "440103002000", "name": "另一街道"},
        {"code": ELSEWHERE, "name": "另一社区"},
    ]
    feeds["households"][1]["region_code"] = ELSEWHERE
    grandma = next(p for p in feeds["persons"] if p["person_id"] == family.GRANDMA)
    grandma["death_date"] = "2026-09-01"  # the death event below
    feeds["enrollments"].append(
        {"subject_id": "H1", "program": "dibao", "from": "2026-01-01", "to": None}
    )
    feeds["households"].append(
        {
            "household_id": "H3",
            "region_code": SECOND_VILLAGE,
            "hukou": "urban",
            "address": "沙面大街3号",
            "assets_ok": True,
            "rigid_expenditure_annual": 0,
        }
    )
    feeds["persons"].append(family.person(NEIGHBOUR, "张伟", "1985-04-04", "M"))
    feeds["memberships"].append(
        {
            "person_id": NEIGHBOUR,
            "household_id": "H3",
            "from": "2010-01-01",
            "to": None,
            "relation": "head",
        }
    )
    feeds["events"] = []
    for feed, records in feeds.items():
        if records:
            load(graph, feed, records)
    load(
        graph,
        "events",
        [
            event("death", date(2026, 9, 1), person_id=family.GRANDMA),
            event("chronic_or_major_disease", date(2026, 3, 1), person_id=family.GRANDMA),
            event("disaster", date(2026, 7, 15), household_id="H2"),
            event("unemployment_registered", date(2026, 8, 3), person_id=NEIGHBOUR),
            event("accident", date(2026, 9, 12), person_id=NEIGHBOUR),
        ],
    )
    calendar = Calendar.from_graph(graph)
    rescore_households(graph, RUN_ON, Mode.FULL, default_ruleset(), calendar.due_date)


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


def shoot(page: Page, name: str) -> Path:
    """Save a screenshot of the page as docs/screens/<name>.png (linked from the README)."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
