"""S3: figures meant for publication show any count below `small_cell` (5) as "<5", and a
suppressed cell cannot be recovered by subtracting the shown children from the parent."""

from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from graph.db import Graph
from stats import region_stats, suppress, suppress_family
from stats.figures import Figures
from stats.publish import count_paths
from tests.stats import world
from tests.stats.world import enrolment

HIDDEN = "<5"


def _family(values: list[int]) -> tuple[Figures, list[Figures]]:
    """A parent and one child per value, with `warnings_overdue` as the only count."""
    children = [{"warnings_overdue": v, "relief_paid": 3.0} for v in values]
    return {"warnings_overdue": sum(values), "relief_paid": 3.0 * len(values)}, children


def test_s3_counts_below_small_cell_show_as_below_it_money_stays() -> None:
    figures = {
        "households_by_group": {"M1": 4, "M2": 5, "M3": 0},
        "warnings_overdue": 12,
        "cases_overdue": 1,
        "relief_paid": 2.5,
        "median_working_days_to_decision": 3.0,
        "fund_balance": None,
    }
    shown = suppress(figures, 5)
    assert shown["households_by_group"] == {"M1": HIDDEN, "M2": 5, "M3": HIDDEN}
    assert (shown["warnings_overdue"], shown["cases_overdue"]) == (12, HIDDEN)
    assert (shown["relief_paid"], shown["median_working_days_to_decision"]) == (2.5, 3.0)
    assert figures["cases_overdue"] == 1  # the figures themselves are left as they were


def test_s3_one_suppressed_child_hides_a_second_so_no_subtraction_recovers_it() -> None:
    parent, children = _family([3, 9, 7, 20])
    top, kids = suppress_family(parent, children, 5)
    assert top["warnings_overdue"] == 39
    assert [k["warnings_overdue"] for k in kids] == [HIDDEN, 9, HIDDEN, 20]  # 7: the smallest
    top, kids = suppress_family(*_family([2, 1, 30]), 5)  # two already hidden: enough
    assert [k["warnings_overdue"] for k in kids] == [HIDDEN, HIDDEN, 30]
    top, kids = suppress_family(*_family([1, 2]), 5)  # the parent (3) is hidden too
    assert top["warnings_overdue"] == HIDDEN


@given(st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=8))
def test_s3_no_shown_parent_has_exactly_one_hidden_child(values: list[int]) -> None:
    parent, children = _family(values)
    top, kids = suppress_family(parent, children, 5)
    hidden = [i for i, k in enumerate(kids) if k["warnings_overdue"] == HIDDEN]
    assert all(kids[i]["warnings_overdue"] == HIDDEN for i, v in enumerate(values) if v < 5)
    if top["warnings_overdue"] != HIDDEN:
        assert len(hidden) != 1
        shown = sum(k["warnings_overdue"] for k in kids if k["warnings_overdue"] != HIDDEN)
        assert top["warnings_overdue"] - shown == sum(values[i] for i in hidden)


def _every_count(figures: Figures) -> list[Any]:
    found = []
    for path in count_paths(figures):
        value: Any = figures
        for part in path:
            value = value[part]
        found.append(value)
    return found


def test_s3_published_stats_of_a_county_hide_small_cells(graph: Graph) -> None:
    sizes = [(world.VILLAGE_A2, 2)] * 6 + [(world.VILLAGE_B1, 1)] * 3
    dibao = [enrolment(f"X{i}", "dibao", "2026-01-01") for i in range(9)]
    world.load_world(graph, sizes, dibao)
    found = region_stats(graph, world.COUNTY, date(2026, 10, 30), 2)
    assert found is not None
    raw = {r.code: f for r, f in found.children}
    assert raw[world.TOWN_A]["households_by_group"]["M1"] == 6
    assert raw[world.TOWN_B]["households_by_group"]["M1"] == 3
    top, kids = suppress_family(found.figures, [f for _, f in found.children], 5)
    by_code = dict(zip((r.code for r, _ in found.children), kids, strict=True))
    assert top["households_by_group"]["M1"] == 9
    assert by_code[world.TOWN_B]["households_by_group"]["M1"] == HIDDEN
    # 6 alone would give 9 - 6 = 3: TOWN_A's cell is hidden as the second.
    assert by_code[world.TOWN_A]["households_by_group"]["M1"] == HIDDEN
    assert raw[world.TOWN_A]["persons_by_group"]["M1"] == 12
    assert by_code[world.TOWN_B]["persons_by_group"]["M1"] == HIDDEN  # 3 of 15
    assert by_code[world.TOWN_A]["persons_by_group"]["M1"] == HIDDEN  # else 15 - 12 = 3
    assert top["persons_by_group"]["M1"] == 15
    assert all(v == HIDDEN or v >= 5 for k in kids for v in _every_count(k))
