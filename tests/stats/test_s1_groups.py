"""S1, S2: the group counts (M1-M5) read from the rollup, kept by each writer that changes an
enrolment, a membership or a household's village in its own transaction. Each test runs one
writer and checks that the figures moved as RULES S1 counts them and that every region's
cells, down to the villages, equal the recount (`cypher/stats/groups`) on days around the
change and on past month ends: a writer that forgot its cells fails here by name."""

import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from applications import Actor
from graph.db import Graph
from procedure.programs import Program
from reviews import ReviewCommand, record_review
from reviews.records import Outcome
from stats import rebuild, region_stats
from stats.groups import household_cells, rebuild_groups
from tests.helpers import Neo4jTarget
from tests.loaders import family
from tests.scoring.test_score import load
from tests.stats import world
from tests.stats.test_s1_figures import POLICY, _granted
from tests.stats.world import COUNTY, TOWN_A, TOWN_B, TOWN_C, enrolment

CODES = (
    world.PROVINCE,
    world.CITY,
    world.COUNTY,
    world.OTHER_COUNTY,
    *world.TOWNSHIPS,
    *world.VILLAGES,
)
DAYS = world.CHECK_DAYS
SIZES = [(world.VILLAGE_A2, 2), (world.VILLAGE_B1, 1), (world.VILLAGE_C1, 2)]
REVIEWER = Actor(sub="town", role="township", region_prefix="44")


def _equal_to_the_recount(graph: Graph, writer: str) -> None:
    kept = world.group_rollup(graph, CODES, DAYS)
    recount = world.group_recount(graph, CODES, DAYS)
    for at, counts in recount.items():
        assert kept[at] == counts, (writer, *at)


def _reviewed(graph: Graph, subject: str, program: Program, start: date, outcome: Outcome) -> None:
    """A review on 2026-09-15 after a hearing on 09-10: a terminate, or an adjust down to
    300 yuan (P10: the enrolment ends on 09-30)."""
    amount = Decimal(300) if outcome == "adjust" else None
    command = ReviewCommand(
        subject_id=subject,
        program=program,
        enrollment_from=start,
        reviewed_on=date(2026, 9, 15),
        outcome=outcome,
        monthly_amount=amount,
        hearing_on=date(2026, 9, 10),
        reason="收入超过标准",
    )
    record_review(graph, REVIEWER, command, POLICY)


def _households(graph: Graph, code: str, day: date) -> dict[str, int]:
    found = region_stats(graph, code, day, 1)
    assert found is not None
    return dict(found.figures["households_by_group"])


def test_s1_household_cells_count_a_whole_household_or_its_members_alone() -> None:
    """The pure rule: a household enrolled as a whole counts all its members of the day, a
    member enrolled alone only that member, a member counts while a member; +1/-1 on the
    day an interval begins and the day after it ends."""
    v = world.VILLAGE_A2
    members: list[dict[str, Any]] = [
        {"from": date(2026, 1, 1), "to": None, "enrolled": []},
        {
            "from": date(2026, 1, 1),
            "to": date(2026, 3, 31),
            "enrolled": [{"program": "tekun", "from": date(2026, 2, 1), "to": None}],
        },
    ]
    own = [{"program": "dibao", "from": date(2026, 3, 1), "to": date(2026, 4, 30)}]
    cells = {k: n for k, n in household_cells(v, own, members).items() if n}
    assert cells == {
        (v, "households:M2", date(2026, 2, 1)): 1,
        (v, "persons:M2", date(2026, 2, 1)): 1,
        (v, "households:M2", date(2026, 4, 1)): -1,  # the tekun member left on 03-31
        (v, "persons:M2", date(2026, 4, 1)): -1,
        (v, "households:M1", date(2026, 3, 1)): 1,
        (v, "persons:M1", date(2026, 3, 1)): 2,
        (v, "persons:M1", date(2026, 4, 1)): -1,
        (v, "households:M1", date(2026, 5, 1)): -1,
        (v, "persons:M1", date(2026, 5, 1)): -1,
    }
    assert household_cells(v, [], members[:1]) == {}  # no group: nothing


def test_s1_the_enrolments_feed_keeps_the_group_cells(graph: Graph) -> None:
    world.load_world(graph, SIZES)
    load(
        graph,
        "enrollments",
        [
            enrolment("X0", "dibao", "2026-09-10"),
            enrolment(world.member_id(2, 1), "tekun", "2026-08-01"),
        ],
    )
    assert _households(graph, TOWN_A, date(2026, 9, 30))["M1"] == 1
    _equal_to_the_recount(graph, "enrolments: new")
    load(graph, "enrollments", [enrolment("X0", "dibao", "2026-09-10", "2026-10-31")])
    assert _households(graph, TOWN_A, date(2026, 11, 1))["M1"] == 0
    _equal_to_the_recount(graph, "enrolments: a `to` set")


def test_s1_the_memberships_feed_keeps_the_group_cells(graph: Graph) -> None:
    world.load_world(graph, SIZES, [enrolment("X1", "marginal", "2026-01-01")])
    # X0's second member leaves on 09-30 and joins X1 (marginal as a whole) on 10-01.
    moved = world.member_id(0, 1)
    load(
        graph,
        "memberships",
        [
            family.membership(moved, "X0", "2000-01-01", "2026-09-30", relation="head"),
            family.membership(moved, "X1", "2026-10-01"),
        ],
    )
    found = region_stats(graph, TOWN_B, date(2026, 10, 1), 1)
    assert found is not None
    assert found.figures["persons_by_group"]["M3"] == 2
    _equal_to_the_recount(graph, "memberships")


def test_s1_a_household_that_moves_takes_its_group_history_with_it(graph: Graph) -> None:
    world.load_world(graph, SIZES, [enrolment("X0", "dibao", "2025-01-01", "2026-09-15")])
    assert _households(graph, TOWN_A, date(2026, 8, 31))["M1"] == 1
    load(graph, "households", [world.household("X0", world.VILLAGE_C1)])
    # Counted in its village of now, for past months too (docs/stats.md).
    assert _households(graph, TOWN_A, date(2026, 8, 31))["M1"] == 0
    assert _households(graph, TOWN_C, date(2026, 8, 31))["M1"] == 1
    _equal_to_the_recount(graph, "households: a move")


def test_s1_a_grant_and_a_review_keep_the_group_cells(graph: Graph) -> None:
    world.load_world(graph, SIZES)
    _granted(graph, date(2026, 10, 12))  # H1 dibao from 2026-11-01 (P8)
    assert _households(graph, TOWN_A, date(2026, 11, 1))["M1"] == 1
    _equal_to_the_recount(graph, "grant")
    _reviewed(graph, "H1", "marginal", date(2025, 1, 1), "terminate")  # ends 09-30 (P10)
    assert _households(graph, TOWN_A, date(2026, 10, 1))["M3"] == 0
    assert _households(graph, TOWN_A, date(2026, 9, 30))["M3"] == 1
    _equal_to_the_recount(graph, "review: terminate")


def test_s1_an_adjusting_review_keeps_the_group_cells(graph: Graph) -> None:
    world.load_world(graph, SIZES, [enrolment("X2", "dibao", "2026-03-01")])
    _reviewed(graph, "X2", "dibao", date(2026, 3, 1), "adjust")  # ends 09-30, next from 10-01
    assert _households(graph, COUNTY, date(2026, 10, 1)) == _households(
        graph, COUNTY, date(2026, 9, 30)
    )
    _equal_to_the_recount(graph, "review: adjust")


def test_s2_month_ends_and_children_read_the_group_cells(graph: Graph) -> None:
    world.load_world(
        graph,
        SIZES,
        [enrolment("X1", "expenditure_hardship", "2026-07-15", "2026-10-10")],
    )
    found = region_stats(graph, world.PROVINCE, date(2026, 11, 3), 6)
    assert found is not None
    months = dict(found.monthly)
    assert [m for m, f in months.items() if f["households_by_group"]["M4"]] == [
        "2026-07",
        "2026-08",
        "2026-09",
    ]
    recount = world.group_recount(graph, [world.PROVINCE, world.CITY], [date(2026, 9, 30)])
    assert months["2026-09"]["persons_by_group"]["M4"] == recount[
        (world.PROVINCE, date(2026, 9, 30))
    ].get("persons:M4")
    (city,) = [f for r, f in found.children if r.code == world.CITY]
    assert city["households_by_group"]["M3"] == 1  # H1, marginal since 2025
    village = region_stats(graph, TOWN_B, date(2026, 9, 30), 1)
    assert village is not None
    (b1,) = [f for r, f in village.children if r.code == world.VILLAGE_B1]
    assert b1["households_by_group"]["M4"] == 1  # a village's row: the groups only
    assert b1["warnings_overdue"] is None


def test_s1_a_rebuild_counts_the_same_group_cells(graph: Graph) -> None:
    world.load_world(
        graph,
        SIZES,
        [
            enrolment("X0", "dibao", "2026-09-10"),
            enrolment(world.member_id(1, 0), "tekun", "2026-01-01"),
        ],
    )
    load(graph, "households", [world.household("X1", world.VILLAGE_A2)])
    query = (
        "MATCH (c:StatDay) WHERE c.n <> 0 AND (c.key STARTS WITH 'households:' OR "
        "c.key STARTS WITH 'persons:') "
        "RETURN c.region AS r, c.key AS k, c.day AS d, c.n AS n ORDER BY r, k, d"
    )
    kept = graph.driver.execute_query(query, database_="neo4j").records
    assert kept
    assert rebuild(graph, page=2).households == 5  # pages of 2 households
    assert graph.driver.execute_query(query, database_="neo4j").records == kept
    assert rebuild_groups(graph, page=2, clear=True) == 5  # the group cells alone
    assert graph.driver.execute_query(query, database_="neo4j").records == kept
    _equal_to_the_recount(graph, "rebuild")
    assert _households(graph, TOWN_B, date(2026, 9, 30))["M2"] == 0  # X1 moved to TOWN_A


def test_s1_report_rebuild_groups_counts_a_store_loaded_before_the_group_cells(
    graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    """A store loaded before this change has no group cells: `hhgraph report
    --rebuild-groups` counts them once and leaves the other cells as they were."""
    world.load_world(graph, SIZES, [enrolment("X1", "dibao", "2026-01-01")])
    graph.driver.execute_query(
        "MATCH (c) WHERE (c:StatDay OR c:StatMonth) AND (c.key STARTS WITH 'households:' "
        "OR c.key STARTS WITH 'persons:') DELETE c",
        database_="neo4j",
    )
    assert _households(graph, TOWN_B, date(2026, 9, 30))["M1"] == 0
    command = ("report", "--region", "440103", "--as-of", "2026-09-30", "--rebuild-groups")
    done = subprocess.run(
        [sys.executable, "-m", "hhgraph", *command, "--xlsx", str(tmp_path / "r.xlsx")],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=os.environ | {"NEO4J_URI": neo4j_target.uri, "HHGRAPH_DATA_DIR": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    assert "rollup: 5 households counted (M1-M5)" in done.stdout
    assert _households(graph, TOWN_B, date(2026, 9, 30))["M1"] == 1
    _equal_to_the_recount(graph, "report --rebuild-groups")
