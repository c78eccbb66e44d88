"""Reference model of the household warning score (预警分值, RULES §4: W1, W2, W3, W6).

Plain Python over the networkx export (`tests.reference.export_graph`), written from RULES §4
alone: it shares no code and no query with `scoring.score` / `cypher/scoring/household_score`.
The property tests compare both on random households; where they disagree one of them is wrong.

- W1: an event ABOUT the household counts for it; an event ABOUT a person counts for the
  household the person was a MEMBER_OF on the event's date (`from` <= date <= `to`, both ends
  included, `to` None open).
- W2: only events with as_of − window_days < occurred_on <= as_of, from a department the
  ruleset allows for the indicator; each indicator adds its points once (a checkbox).
- W6: an event a `closed` Warning COVERS no longer counts.
- W3: the level is the ruleset's level whose score range holds the score.

Complexity: O(d_h + Σ d_p + Σ d_e) for the household's in-degree d_h, the in-degree d_p of each
member and d_e of each event looked at: the small graphs of tests.
"""

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import networkx as nx

from scoring.ruleset import LevelRule, Ruleset


def _incoming(g: "nx.MultiDiGraph[str]", node: str, rel: str) -> Iterator[tuple[str, Any]]:
    """(source node, edge attributes) of every `rel` relationship into `node`."""
    for source, _, attrs in g.in_edges(node, data=True):
        if attrs.get("type") == rel:
            yield source, attrs


def _closed_cover(g: "nx.MultiDiGraph[str]", event: str) -> bool:
    """Whether a closed warning's verification covers `event` (W6)."""
    return any(
        g.nodes[w].get("label") == "Warning" and g.nodes[w].get("status") == "closed"
        for w, _ in _incoming(g, event, "COVERS")
    )


def _member_on(attrs: dict[str, Any], day: date) -> bool:
    """A MEMBER_OF range holds `day`: both ends included, `to` None open (W1)."""
    end = attrs.get("to")
    return bool(attrs["from"] <= day and (end is None or day <= end))


def _events_of(g: "nx.MultiDiGraph[str]", household: str) -> set[str]:
    """Every event node that W1 attributes to `household`, whatever its date or source."""
    found: set[str] = set()
    for subject, _ in _incoming(g, household, "ABOUT"):
        if g.nodes[subject].get("label") == "Event":
            found.add(subject)
    for person, membership in _incoming(g, household, "MEMBER_OF"):
        for event, _ in _incoming(g, person, "ABOUT"):
            if _member_on(membership, g.nodes[event]["occurred_on"]):
                found.add(event)
    return found


def reference_score(
    g: "nx.MultiDiGraph[str]", household_id: str, as_of: date, ruleset: Ruleset
) -> tuple[int, dict[str, list[str]]]:
    """The score of household `household_id` on `as_of`, and for each indicator that counts
    the sorted `source:event_id` of its events (W1, W2, W6). Raises KeyError for an unknown
    household."""
    household = f"Household:{household_id}"
    if household not in g:
        raise KeyError(household)
    first_day = as_of - timedelta(days=ruleset.window_days) + timedelta(days=1)
    allowed = {i.id: set(i.departments) for i in ruleset.indicators}
    points = {i.id: i.points for i in ruleset.indicators}
    behind: dict[str, list[str]] = {}
    for event in _events_of(g, household):
        props = g.nodes[event]
        indicator = props["indicator"]
        if not first_day <= props["occurred_on"] <= as_of:
            continue
        if props["source"] not in allowed.get(indicator, set()):
            continue  # an indicator the ruleset lacks has no allowed department
        if _closed_cover(g, event):
            continue
        behind.setdefault(indicator, []).append(f"{props['source']}:{props['event_id']}")
    contributions = {i: sorted(ids) for i, ids in sorted(behind.items())}
    return sum(points[i] for i in contributions), contributions


def reference_level(score: int, ruleset: Ruleset) -> LevelRule:
    """The level of `score` (W3): the one whose inclusive range holds it, the highest level
    having no upper bound. Raises ValueError when no level or several hold it."""
    holding = [
        lv
        for lv in ruleset.levels
        if score >= lv.min_score and (lv.max_score is None or score <= lv.max_score)
    ]
    if len(holding) != 1:
        raise ValueError(f"{len(holding)} levels of {ruleset.version} hold score {score}")
    return holding[0]
