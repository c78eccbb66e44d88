"""Household scores and levels (RULES §4: W1–W3), against the real server."""

from datetime import date, timedelta
from itertools import count
from typing import Any

import pytest

from graph.db import Graph
from loaders.pipeline import load_records
from loaders.read import RawRecord
from scoring.ruleset import default_ruleset
from scoring.score import household_score
from tests.loaders import family

AS_OF = date(2026, 11, 1)
RULES = default_ruleset()
_ids = count(1)


def load(graph: Graph, feed: str, records: list[dict[str, Any]]) -> None:
    report = load_records(graph, feed, [RawRecord(i, r) for i, r in enumerate(records)])
    assert report.rejected == [], report.rejected


def base(graph: Graph) -> None:
    """The family without its events."""
    for feed, records in family.all_feeds().items():
        if feed != "events":
            load(graph, feed, records)


def event(indicator: str, on: date, source: str | None = None, **subject: str) -> dict[str, Any]:
    source = source or RULES.indicator(indicator).departments[0]  # type: ignore[union-attr]
    subject = subject or {"household_id": "H1"}
    return {
        "source": source,
        "event_id": f"E{next(_ids)}",
        "indicator": indicator,
        "occurred_on": on.isoformat(),
        **subject,
    }


def score_of(graph: Graph, household: str = "H1", as_of: date = AS_OF) -> tuple[int, str]:
    found = household_score(graph, household, "44", as_of, RULES)
    assert found is not None
    return found.score, found.level.level


PAIRS = [(i.id, d, i.points) for i in RULES.indicators for d in i.departments]


@pytest.mark.parametrize(
    ("indicator", "source", "points"), PAIRS, ids=[f"{i}-{d}" for i, d, _ in PAIRS]
)
def test_W2_each_indicator_from_each_allowed_department_adds_its_points(
    graph: Graph, indicator: str, source: str, points: int
) -> None:
    base(graph)
    load(graph, "events", [event(indicator, AS_OF, source, person_id=family.CHILD)])
    assert score_of(graph)[0] == points


def test_W2_an_indicator_counts_once_however_many_events(graph: Graph) -> None:
    base(graph)
    load(
        graph,
        "events",
        [
            event("accident", AS_OF - timedelta(days=d), person_id=p)
            for d, p in ((1, family.CHILD), (9, family.MOTHER), (30, family.FATHER))
        ],
    )
    found = household_score(graph, "H1", "44", AS_OF, RULES)
    assert found is not None
    assert found.score == 4
    assert [c.indicator for c in found.contributions] == ["accident"]
    assert len(found.contributions[0].event_ids) == 3


def test_W1_an_event_counts_for_the_household_of_its_date_not_a_later_one(graph: Graph) -> None:
    base(graph)
    moved = family.memberships()
    moved[2]["to"] = "2026-05-31"  # the mother leaves H1 ...
    moved.append(
        {
            "person_id": family.MOTHER,
            "household_id": "H2",
            "from": "2026-06-01",
            "to": None,
            "relation": "other",
        }
    )  # ... for H2
    load(graph, "memberships", moved)
    load(
        graph,
        "events",
        [
            event("unemployment_registered", date(2026, 5, 31), person_id=family.MOTHER),
            event("chronic_or_major_disease", date(2026, 6, 1), person_id=family.MOTHER),
        ],
    )
    assert score_of(graph, "H1")[0] == 4  # unemployment, while in H1 (last day included)
    assert score_of(graph, "H2")[0] == 4  # the disease, after the move


def test_W2_window_day_365_is_in_and_day_366_out(graph: Graph) -> None:
    base(graph)
    load(
        graph,
        "events",
        [
            event("petition", AS_OF - timedelta(days=364), household_id="H1"),  # day 365
            event("accident", AS_OF - timedelta(days=365), household_id="H1"),  # day 366
            event("birth", AS_OF + timedelta(days=1), household_id="H1"),  # after as_of
        ],
    )
    assert score_of(graph) == (6, "blue")


@pytest.mark.parametrize(
    ("indicators", "expected"),
    [
        ((), (0, "none")),
        (("marriage_or_divorce",), (1, "green")),
        (("accident", "marriage_or_divorce"), (5, "green")),
        (("death",), (6, "blue")),
        (("death", "marriage_or_divorce"), (7, "yellow")),
        (("accident", "disaster"), (8, "orange")),
        (("death", "social_insurance_lapsed"), (9, "red")),
        (("death", "petition", "accident"), (16, "red")),
    ],
)
def test_W3_level_boundaries(
    graph: Graph, indicators: tuple[str, ...], expected: tuple[int, str]
) -> None:
    base(graph)
    load(graph, "events", [event(i, AS_OF, household_id="H1") for i in indicators])
    assert score_of(graph) == expected


def test_a_household_outside_the_region_has_no_score(graph: Graph) -> None:
    base(graph)
    assert household_score(graph, "H1", "440104", AS_OF, RULES) is None
    assert household_score(graph, "H404", "44", AS_OF, RULES) is None
