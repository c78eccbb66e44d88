"""The household score (RULES §4: W1, W2, W3, W6) against its networkx reference model.

Random small worlds go through the real loader (and sometimes a rescoring run whose warnings
are then closed), and every household's Cypher score must equal the reference's. Hand-written
cases pin the reference itself to hand-computed numbers, so a mistake both sides share shows.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, get_args

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.ids import make_resident_id, sex_of
from cypher import query
from graph.db import Graph
from loaders.pipeline import load_records
from loaders.read import RawRecord
from scoring.rescore import Mode, rescore_households
from scoring.ruleset import Department, Indicator, Ruleset, default_ruleset
from scoring.score import household_score
from scoring.workdays import Calendar
from tests.loaders import family
from tests.reference import export_graph
from tests.reference.score import reference_level, reference_score

AS_OF = date(2026, 11, 1)
GD = default_ruleset()
DEPARTMENTS: tuple[Department, ...] = get_args(Department)
Record = dict[str, Any]
Subject = tuple[str, str, list[int]]  # (field, id, offsets of its moves)


def day(offset: int) -> date:
    return AS_OF + timedelta(days=offset)


def load(graph: Graph, feed: str, records: list[Record]) -> None:
    report = load_records(graph, feed, [RawRecord(i, r) for i, r in enumerate(records)])
    assert report.rejected == [], report.rejected


def households(ids: list[str]) -> list[Record]:
    template = family.households()[0]
    return [template | {"household_id": h, "address": f"沙面大街{n}号"} for n, h in enumerate(ids)]


def rescore(graph: Graph, as_of: date) -> None:
    rescore_households(graph, as_of, Mode.FULL, GD, Calendar.from_graph(graph).due_date)


def close_warnings(graph: Graph, household_ids: set[str]) -> None:
    """Close the open warnings of these households with a verification (W6)."""
    rows = graph.driver.execute_query(
        "MATCH (w:Warning {status: 'open'}) RETURN w.warning_id AS id, w.household_id AS h",
        database_="neo4j",
    ).records
    for row in rows:
        if row["h"] in household_ids:
            found = graph.write(
                query("warnings/verify"),
                {
                    "warning_id": row["id"],
                    "region_prefix": "44",
                    "visited_on": AS_OF,
                    "genuine": True,
                    "findings": "已核实",
                    "action": "none",
                    "officer": "tester",
                },
            )
            assert found
            assert found[0]["closed"]


@dataclass(frozen=True)
class World:
    """What one example loads, in order: early events, a rescoring run on `rescore_on` whose
    warnings for `closing` households are then closed, late events, an optional final run."""

    ruleset: Ruleset
    household_ids: list[str]
    persons: list[Record]
    memberships: list[Record]
    early_events: list[Record] = field(default_factory=list)
    late_events: list[Record] = field(default_factory=list)
    rescore_on: date | None = None
    closing: frozenset[str] = frozenset()
    final_rescore: bool = False


@st.composite
def rulesets(draw: st.DrawFn) -> Ruleset:
    """The seed's ruleset, or a draft with other departments, points and window (W7)."""
    if draw(st.booleans()):
        return GD
    indicators = []
    for ind in GD.indicators:
        if draw(st.integers(0, 9)) == 0:
            continue  # a draft may leave an indicator out
        kept = draw(st.lists(st.sampled_from(ind.departments), unique=True))
        extra = draw(st.lists(st.sampled_from(DEPARTMENTS), max_size=2, unique=True))
        departments = tuple(dict.fromkeys(kept + extra)) or (DEPARTMENTS[0],)
        indicators.append(
            Indicator(
                id=ind.id, label=ind.label, points=draw(st.integers(0, 6)), departments=departments
            )
        )
    return Ruleset(
        version="draft",
        title="draft",
        window_days=draw(st.sampled_from([30, 90, 400])),
        indicators=tuple(indicators or GD.indicators[:1]),
        levels=GD.levels,
    )


@st.composite
def membership_history(draw: st.DrawFn, pid: str, hids: list[str]) -> list[Record]:
    """Non-overlapping stints in distinct households: moves, gaps, some left open."""
    # Distinct households: the export keeps one MEMBER_OF edge per (person, household).
    order = draw(st.permutations(hids))
    count = draw(st.integers(0, len(order)))
    starts = sorted(
        draw(
            st.lists(
                st.integers(-480, 30) | st.just(-3000), min_size=count, max_size=count, unique=True
            )
        )
    )
    stints = []
    for n, start in enumerate(starts):
        end: int | None
        if n + 1 < len(starts):  # a gap of 0 days: a move from one household to the next
            end = max(start, starts[n + 1] - 1 - draw(st.sampled_from([0, 0, 1, 20])))
        else:
            end = None if draw(st.booleans()) else start + draw(st.integers(0, 200))
        stints.append(
            {
                "person_id": pid,
                "household_id": order[n],
                "from": day(start).isoformat(),
                "to": None if end is None else day(end).isoformat(),
                "relation": "other",
            }
        )
    return stints


@st.composite
def events(draw: st.DrawFn, subjects: list[Subject], window_edges: list[int]) -> list[Record]:
    """0–12 events of any indicator from a department gd-2021 allows (the loader rejects the
    others), on dates around AS_OF, often on the window's edges or the subject's moves."""
    found = []
    for n in range(draw(st.integers(0, 12))):
        indicator = draw(st.sampled_from([i.id for i in GD.indicators]))
        source = draw(st.sampled_from(GD.indicator(indicator).departments))  # type: ignore[union-attr]
        kind, subject, moves = draw(st.sampled_from(subjects))
        dates = st.sampled_from(window_edges) | st.integers(-420, 20)
        offset = draw(st.sampled_from(moves) | dates if moves else dates)
        found.append(
            {
                "source": source,
                "event_id": f"E{n}",
                "indicator": indicator,
                "occurred_on": day(offset).isoformat(),
                kind: subject,
            }
        )
    return found


def moves_of(pid: str, memberships: list[Record]) -> list[int]:
    """Offsets of the first and last day of each of a person's stints, and the days outside."""
    found = []
    for m in memberships:
        if m["person_id"] == pid:
            start = (date.fromisoformat(m["from"]) - AS_OF).days
            found += [start - 1, start]
            if m["to"] is not None:
                end = (date.fromisoformat(m["to"]) - AS_OF).days
                found += [end, end + 1]
    return found


@st.composite
def worlds(draw: st.DrawFn) -> World:
    ruleset = draw(rulesets())
    hids = [f"H{n}" for n in range(1, draw(st.integers(1, 3)) + 1)]
    persons, memberships = [], []
    for n in range(draw(st.integers(1, 6))):
        born = date(1950 + 9 * n, 1 + n, 10 + n)
        pid = make_resident_id("440103", born, 100 + n)
        persons.append(family.person(pid, f"居民{n}", born.isoformat(), sex_of(pid)))
        memberships += draw(membership_history(pid, hids))
    subjects: list[Subject] = [("household_id", h, []) for h in hids]
    subjects += [
        ("person_id", p["person_id"], moves_of(p["person_id"], memberships)) for p in persons
    ]
    window_edges = [-365, -364, 0, 1, -ruleset.window_days, 1 - ruleset.window_days]
    all_events = draw(events(subjects, window_edges))
    if not draw(st.booleans()):
        return World(ruleset, hids, persons, memberships, late_events=all_events)
    split = draw(st.integers(0, len(all_events)))
    return World(
        ruleset,
        hids,
        persons,
        memberships,
        all_events[:split],
        all_events[split:],
        rescore_on=day(-draw(st.integers(0, 120))),
        closing=frozenset(draw(st.lists(st.sampled_from(hids), unique=True))),
        final_rescore=draw(st.booleans()),
    )


def build(graph: Graph, world: World) -> None:
    load(graph, "regions", family.regions())
    load(graph, "households", households(world.household_ids))
    load(graph, "persons", world.persons)
    load(graph, "memberships", world.memberships)
    load(graph, "events", world.early_events)
    if world.rescore_on is not None:
        rescore(graph, world.rescore_on)
        close_warnings(graph, set(world.closing))
    load(graph, "events", world.late_events)
    if world.final_rescore:
        rescore(graph, AS_OF)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(world=worlds())
def test_W1_W2_W3_W6_cypher_score_equals_the_reference(graph: Graph, world: World) -> None:
    # One fixture call serves every example: start each from an empty graph.
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
    build(graph, world)
    g = export_graph(graph)
    for hid in world.household_ids:
        found = household_score(graph, hid, "44", AS_OF, world.ruleset)
        assert found is not None
        cypher = (found.score, {c.indicator: c.event_ids for c in found.contributions})
        reference = reference_score(g, hid, AS_OF, world.ruleset)
        assert cypher == reference, hid
        assert found.level == reference_level(reference[0], world.ruleset)


# Hand-computed cases: the reference alone.

MOTHER_MOVES = [m for m in family.memberships() if m["person_id"] != family.MOTHER] + [
    {
        "person_id": family.MOTHER,
        "household_id": "H1",
        "from": "2005-05-01",
        "to": "2026-05-31",
        "relation": "spouse",
    },
    {
        "person_id": family.MOTHER,
        "household_id": "H2",
        "from": "2026-06-01",
        "to": None,
        "relation": "other",
    },
]


def family_without_events(graph: Graph, memberships: list[Record]) -> None:
    load(graph, "regions", family.regions())
    load(graph, "households", family.households())
    load(graph, "persons", family.persons())
    load(graph, "memberships", memberships)


def test_W1_W2_a_person_moving_mid_window_counts_for_each_household_on_its_dates(
    graph: Graph,
) -> None:
    family_without_events(graph, MOTHER_MOVES)
    load(
        graph,
        "events",
        [
            {
                "source": "human_resources",
                "event_id": "U1",
                "indicator": "unemployment_registered",
                "person_id": family.MOTHER,
                "occurred_on": "2026-05-31",
            },  # last day in H1
            {
                "source": "medical_security",
                "event_id": "M1",
                "indicator": "chronic_or_major_disease",
                "person_id": family.MOTHER,
                "occurred_on": "2026-06-01",
            },  # first day in H2
            {
                "source": "public_security",
                "event_id": "A1",
                "indicator": "accident",
                "person_id": family.MOTHER,
                "occurred_on": "2025-11-01",
            },  # as_of - 365: out
            {
                "source": "public_security",
                "event_id": "A2",
                "indicator": "accident",
                "person_id": family.MOTHER,
                "occurred_on": "2025-11-02",
            },  # as_of - 364: in, H1
            {
                "source": "health",
                "event_id": "B1",
                "indicator": "birth",
                "household_id": "H2",
                "occurred_on": "2026-11-02",
            },  # after as_of: out
            {
                "source": "civil_affairs",
                "event_id": "C1",
                "indicator": "marriage_or_divorce",
                "person_id": family.FATHER,
                "occurred_on": "2026-10-01",
            },
            {
                "source": "civil_affairs",
                "event_id": "D1",
                "indicator": "death",
                "person_id": family.UNCLE,
                "occurred_on": "2026-11-01",
            },  # as_of itself: in, H2
        ],
    )
    g = export_graph(graph)
    assert reference_score(g, "H1", AS_OF, GD) == (
        9,
        {
            "accident": ["public_security:A2"],
            "marriage_or_divorce": ["civil_affairs:C1"],
            "unemployment_registered": ["human_resources:U1"],
        },
    )
    assert reference_score(g, "H2", AS_OF, GD) == (
        10,
        {
            "chronic_or_major_disease": ["medical_security:M1"],
            "death": ["civil_affairs:D1"],
        },
    )
    assert reference_level(9, GD).level == "red"


def test_W2_a_draft_ruleset_filters_departments_and_shortens_the_window(graph: Graph) -> None:
    family_without_events(graph, family.memberships())
    load(
        graph,
        "events",
        [
            {
                "source": "health",
                "event_id": "D1",
                "indicator": "death",
                "person_id": family.GRANDMA,
                "occurred_on": "2026-11-01",
            },
            {
                "source": "civil_affairs",
                "event_id": "D2",
                "indicator": "death",
                "household_id": "H1",
                "occurred_on": "2026-10-03",
            },  # as_of - 29
            {
                "source": "public_security",
                "event_id": "A1",
                "indicator": "accident",
                "household_id": "H1",
                "occurred_on": "2026-10-02",
            },  # as_of - 30
            {
                "source": "petition",
                "event_id": "P1",
                "indicator": "petition",
                "person_id": family.CHILD,
                "occurred_on": "2026-10-22",
            },
        ],
    )
    draft = GD.model_copy(
        update={
            "window_days": 30,
            "indicators": tuple(
                i.model_copy(update={"points": 5, "departments": ("civil_affairs",)})
                if i.id == "death"
                else i.model_copy(update={"points": 3})
                if i.id == "accident"
                else i
                for i in GD.indicators
            ),
        }
    )
    g = export_graph(graph)
    assert reference_score(g, "H1", AS_OF, draft) == (
        11,
        {
            "death": ["civil_affairs:D2"],
            "petition": ["petition:P1"],
        },
    )
    assert reference_score(g, "H1", AS_OF, GD) == (
        16,
        {
            "accident": ["public_security:A1"],
            "death": ["civil_affairs:D2", "health:D1"],
            "petition": ["petition:P1"],
        },
    )
    assert reference_level(11, draft).level == "red"


def test_W6_events_a_closed_warning_covers_stop_counting_an_open_ones_do_not(graph: Graph) -> None:
    family_without_events(graph, family.memberships())
    load(
        graph,
        "events",
        [
            {
                "source": "public_security",
                "event_id": "A1",
                "indicator": "accident",
                "household_id": "H1",
                "occurred_on": "2026-07-01",
            },
        ],
    )
    rescore(graph, date(2026, 7, 2))  # H1 green 4, covering A1
    close_warnings(graph, {"H1"})
    load(
        graph,
        "events",
        [
            {
                "source": "public_security",
                "event_id": "A2",
                "indicator": "accident",
                "person_id": family.FATHER,
                "occurred_on": "2026-10-01",
            },
            {
                "source": "health",
                "event_id": "B1",
                "indicator": "birth",
                "household_id": "H1",
                "occurred_on": "2026-10-02",
            },
        ],
    )
    rescore(graph, date(2026, 10, 3))  # a new open warning covering A2 and B1
    g = export_graph(graph)
    statuses = sorted(
        attrs["status"] for _, attrs in g.nodes(data=True) if attrs["label"] == "Warning"
    )
    assert statuses == ["closed", "open"]
    assert reference_score(g, "H1", AS_OF, GD) == (
        6,
        {
            "accident": ["public_security:A2"],
            "birth": ["health:B1"],
        },
    )
    assert reference_level(6, GD).level == "blue"
