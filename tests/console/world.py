"""The console tests' world and helpers: a small data set rescored on 2026-09-30, the
running server a test gets, and screenshots (tests/console/conftest.py holds the fixtures)."""

import json
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from playwright.sync_api import Page

from core.ids import make_resident_id
from graph.db import Graph
from scoring.rescore import Mode, rescore_households
from scoring.ruleset import default_ruleset
from scoring.workdays import Calendar
from tests.loaders import family
from tests.scoring.test_score import event, load

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ROOT / "docs" / "screens"
DATA = ROOT / "console" / "js" / "data"
# The data modules whose pure shaping functions the data-layer tests call.
DATA_MODULES = (
    "queue",
    "households",
    "applications",
    "referrals",
    "discoveries",
    "reviews",
    "conferences",
    "integrity",
    "signin",
    "account",
    "accounts",
    "relief",
    "funds",
)
DRIVER = """
import {{ createInterface }} from "node:readline";
const modules = {{ {imports} }};
for await (const line of createInterface({{ input: process.stdin }})) {{
  const {{ module, fn, args }} = JSON.parse(line);
  console.log(JSON.stringify(modules[module][fn](...args) ?? null));
}}
"""

TOWNSHIP = "440103001000"
SECOND_VILLAGE = "440103001002"  # 二社区, the township's second village: H3
ELSEWHERE = "440103002001"  # a village of another township: the uncle's household H2
RUN_ON = date(2026, 9, 30)
AS_OF = "2026-10-12"  # after H1's visit deadline (2026-10-10), before H3's
NEIGHBOUR = make_resident_id("440103", date(1985, 4, 4), 41)


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


def shoot(page: Page, name: str) -> Path:
    """Save a screenshot of the page as docs/screens/<name>.png (linked from the README)."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


class Node:
    """A Node process that runs functions of the data modules (console/js/data/, which make
    no request at import): `{"module", "fn", "args"}` in, the JSON of the result out, one
    line each."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def call(self, module: str, fn: str, *args: Any) -> Any:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps({"module": module, "fn": fn, "args": args}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, f"node stopped: {self.process.stderr.read() if self.process.stderr else ''}"
        return json.loads(line)
