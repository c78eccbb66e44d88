"""A small region tree for the figures' tests (S1-S3): the family of tests/loaders/family.py
in its village (H1, H2), and households of one to three persons in further villages of two
townships of 荔湾区 and one township of 越秀区, loaded through the real loaders."""

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from core.ids import make_resident_id, region_prefix
from cypher import query
from graph.db import Graph
from stats.figures import rolled_counts
from stats.groups import GROUP_KEYS, GROUP_NAMES, GROUPS
from tests.loaders import family
from tests.scoring.test_score import load

Record = dict[str, Any]
PROVINCE = "440000000000"
CITY = "440100000000"
COUNTY = "440103000000"  # 荔湾区: townships TOWN_A (the family's) and TOWN_B
OTHER_COUNTY = "440104000000"  # 越秀区: TOWN_C
TOWN_A = "440103001000"
TOWN_B = "440103002000"
TOWN_C = "440104001000"
VILLAGE_A2 = "440103001002"
VILLAGE_B1 = "440103002001"
VILLAGE_C1 = "440104001001"
VILLAGES = (family.VILLAGE, VILLAGE_A2, VILLAGE_B1, VILLAGE_C1)
TOWNSHIPS = (TOWN_A, TOWN_B, TOWN_C)
# Where the group tests compare the rollup with the recount: past month ends (S2) and the
# days the tests' enrolments, memberships, grants and reviews change the counts.
CHECK_DAYS = (
    date(2025, 12, 31),
    date(2026, 6, 30),
    date(2026, 8, 31),
    date(2026, 9, 1),
    date(2026, 9, 9),
    date(2026, 9, 10),
    date(2026, 9, 30),
    date(2026, 10, 1),
    date(2026, 10, 17),
    date(2026, 10, 31),
    date(2026, 11, 1),
    date(2026, 11, 3),
    date(2026, 11, 30),
    date(2026, 12, 1),
    date(2026, 12, 31),
)


def regions() -> list[Record]:
    return [
        *family.regions(),
        {"code": VILLAGE_A2, "name": "沙面二村"},
        {"code": TOWN_B, "name": "岭南街道"},
        {"code": VILLAGE_B1, "name": "岭南社区"},
        {"code": OTHER_COUNTY, "name": "越秀区"},
        {"code": TOWN_C, "name": "北京街道"},
        {"code": VILLAGE_C1, "name": "北京社区"},
    ]


def household(household_id: str, village: str) -> Record:
    return {
        "household_id": household_id,
        "region_code": village,
        "hukou": "urban",
        "address": f"{household_id}号",
        "assets_ok": True,
        "rigid_expenditure_annual": 0,
    }


def member_id(index: int, slot: int) -> str:
    """A resident id for member `slot` of extra household `index`."""
    return make_resident_id("440103", date(1960, 1, 1) + timedelta(days=index), 101 + 2 * slot)


def extra_households(
    sizes: list[tuple[str, int]],
) -> tuple[list[Record], list[Record], list[Record]]:
    """(households, persons, memberships) of one extra household per (village, size): ids
    X0, X1, ...; members from 2000-01-01."""
    homes, persons, members = [], [], []
    for index, (village, size) in enumerate(sizes):
        home = f"X{index}"
        homes.append(household(home, village))
        for slot in range(size):
            pid = member_id(index, slot)
            born = (date(1960, 1, 1) + timedelta(days=index)).isoformat()
            persons.append(family.person(pid, f"居民{index}-{slot}", born, "M"))
            members.append(family.membership(pid, home, "2000-01-01", relation="head"))
    return homes, persons, members


def load_world(
    graph: Graph, sizes: list[tuple[str, int]], enrollments: list[Record] | None = None
) -> None:
    """The family (its own enrolments included) and the extra households, with the given
    extra enrolments."""
    homes, persons, members = extra_households(sizes)
    feeds = family.all_feeds()
    load(graph, "regions", regions())
    load(graph, "standards", feeds["standards"])
    load(graph, "households", feeds["households"] + homes)
    load(graph, "persons", feeds["persons"] + persons)
    load(graph, "memberships", feeds["memberships"] + members)
    load(graph, "kinship", feeds["kinship"])
    load(graph, "enrollments", feeds["enrollments"] + (enrollments or []))


def enrolment(subject_id: str, program: str, start: str, to: str | None = None) -> Record:
    return {"subject_id": subject_id, "program": program, "from": start, "to": to}


GROUPS_RECOUNT = query("stats/groups")


def group_recount(
    graph: Graph, codes: Sequence[str], days: Sequence[date]
) -> dict[tuple[str, date], dict[str, int]]:
    """The group counts (M1-M5, S1) of each region of `codes` on each day, by the recount the
    rollup replaces (`cypher/stats/groups`, by village, summed up to each region), keyed as
    the rollup's cells (`households:M1`, `persons:M1`, ...), zeros left out."""
    params = {
        "prefix": "44",
        "width": 12,
        "days": list(days),
        "last": max(days),
        "groups": dict(GROUPS),
        "names": list(GROUP_NAMES),
    }
    found: dict[tuple[str, date], Counter[str]] = {(c, d): Counter() for c in codes for d in days}
    for row in graph.read(GROUPS_RECOUNT, params):
        for code in codes:
            if row["code"].startswith(region_prefix(code)):
                counts = found[(code, row["day"])]
                counts[f"households:{row['group']}"] += row["households"]
                counts[f"persons:{row['group']}"] += row["persons"]
    return {at: {k: n for k, n in counts.items() if n} for at, counts in found.items()}


def group_rollup(
    graph: Graph, codes: Sequence[str], days: Sequence[date]
) -> dict[tuple[str, date], dict[str, int]]:
    """The same counts as the rollup's group cells give them (`stats.figures.rolled_counts`,
    one day at a time: it reads the days of the last day's month only)."""
    return {
        at: {k: n for k, n in counts.items() if n and k in GROUP_KEYS}
        for day in days
        for at, counts in rolled_counts(graph, codes, [day]).items()
    }
