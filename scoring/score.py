"""Household warning scores (预警分值) and levels (预警等级): RULES §4, W1–W3.

The score itself is computed in Cypher (`cypher/scoring/household_score.cypher`); this module
turns a ruleset into the query's parameters and a score into its level.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cypher import query
from graph.db import Graph
from scoring.ruleset import LevelRule, Ruleset

HOUSEHOLD_SCORE = query("scoring/household_score")


@dataclass(frozen=True, slots=True)
class Contribution:
    """One indicator's checkbox: its points once, and every event behind it (W2)."""

    indicator: str
    points: int
    event_ids: list[str]  # "source:event_id"


@dataclass(frozen=True, slots=True)
class HouseholdScore:
    household_id: str
    as_of: date
    score: int
    level: LevelRule
    contributions: list[Contribution]
    ruleset: str


def window_start(as_of: date, ruleset: Ruleset) -> date:
    """The day before the window opens: events count when window_start < occurred_on <= as_of
    (W2: the last `window_days` days, as_of included)."""
    return as_of - timedelta(days=ruleset.window_days)


def score_params(ruleset: Ruleset, as_of: date) -> dict[str, Any]:
    """The ruleset as Cypher parameters: points and allowed departments per indicator."""
    return {
        "as_of": as_of,
        "window_start": window_start(as_of, ruleset),
        "points": {i.id: i.points for i in ruleset.indicators},
        "departments": {i.id: list(i.departments) for i in ruleset.indicators},
    }


def level_for(score: int, ruleset: Ruleset) -> LevelRule:
    """The level whose score range holds `score` (W3); the ruleset guarantees exactly one."""
    for level in ruleset.levels:
        if level.min_score <= score and (level.max_score is None or score <= level.max_score):
            return level
    raise ValueError(f"no level of ruleset {ruleset.version} holds score {score}")


def household_score(
    graph: Graph, household_id: str, region_prefix: str, as_of: date, ruleset: Ruleset
) -> HouseholdScore | None:
    """The score of one household in the caller's region, or None if there is none there.

    Complexity: one query; it reads the household's events and its members' events.
    """
    params = score_params(ruleset, as_of) | {
        "household_id": household_id,
        "region_prefix": region_prefix,
    }
    row = graph.one_or_none(HOUSEHOLD_SCORE, params)
    if row is None:
        return None
    contributions = [
        Contribution(c["indicator"], c["points"], c["event_ids"]) for c in row["contributions"]
    ]
    return HouseholdScore(
        household_id,
        as_of,
        row["score"],
        level_for(row["score"], ruleset),
        contributions,
        ruleset.version,
    )
