"""X1, X2, X6, X7: the Cypher checks against the networkx reference (tests.reference.integrity)
on random families: persons of two names and two birth days (so that namesakes abound), some
dead around the date, moving between households of two townships; parents, spouses,
enrolments of every exclusive programme around the date, and officials serving the
township, a village, the county or the other city."""

import os
from datetime import date, timedelta
from itertools import combinations
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from graph.db import Graph
from integrity import Finding, scan_all
from tests.integrity.world import POLICY, load
from tests.reference.integrity import World, by_rule, x1, x2, x6, x7
from tests.scoring.kin import GZ_VILLAGE, GZ_VILLAGE_2, SZ_VILLAGE, Family

EXAMPLES = int(os.environ.get("HHGRAPH_PROPERTY_EXAMPLES", "30"))
AS_OF = date(2026, 6, 1)
VILLAGES = [GZ_VILLAGE, GZ_VILLAGE_2, SZ_VILLAGE]
SERVED = ["440103001000", GZ_VILLAGE, "440103000000", "440304001000"]
PROGRAMS = ["tekun", "single_person_dibao", "dibao", "marginal"]
NAMES = ["张伟", "李娜"]
BIRTHS = [date(1950, 3, 3), date(1980, 5, 5)]


def near(draw: st.DrawFn, earliest: date) -> date:
    """A day on, just around, or well before the date, never before `earliest`."""
    shift = draw(st.sampled_from([0, 1, -1]) | st.integers(-3000, 300))
    return max(earliest, AS_OF + timedelta(days=shift))


def maybe_end(draw: st.DrawFn, start: date) -> date | None:
    return None if draw(st.booleans()) else near(draw, start)


@st.composite
def families(draw: st.DrawFn) -> tuple[Family, list[dict[str, Any]]]:
    fam = Family()
    households = [fam.household(f"H{i}", village=v) for i, v in enumerate(VILLAGES * 2)]
    people = []
    for _ in range(draw(st.integers(2, 7))):
        born = draw(st.sampled_from(BIRTHS))
        dead = near(draw, born) if draw(st.booleans()) else None
        pid = fam.person(draw(st.sampled_from(NAMES)), born, death_date=dead)
        people.append(pid)
        start = born
        for _ in range(draw(st.integers(0, 2))):  # memberships one after the other
            end = maybe_end(draw, start)
            fam.member(pid, draw(st.sampled_from(households)), start, end)
            if end is None:
                break
            start = end + timedelta(days=1)
    births = {p["person_id"]: p["birth_date"] for p in fam.persons}
    for child in people:
        elders = [p for p in people if births[p] < births[child]]
        if elders:
            for parent in draw(st.lists(st.sampled_from(elders), max_size=2, unique=True)):
                fam.parent(parent, child)
    pairs = list(combinations(people, 2))
    for a, b in draw(st.lists(st.sampled_from(pairs), max_size=3, unique=True)):
        start = near(draw, date(2000, 1, 1))
        fam.spouse(a, b, start, maybe_end(draw, start))
    keys: set[tuple[str, str, date]] = set()
    for _ in range(draw(st.integers(0, 4))):  # often both of an exclusive pair (X2)
        pair = draw(st.sampled_from([PROGRAMS[:2], PROGRAMS[2:]]))
        subject = draw(st.sampled_from(people if pair[0] == "tekun" else households))
        for program in pair[: draw(st.integers(1, 2))]:
            begin = near(draw, date(2015, 1, 1))
            if (subject, program, begin) not in keys:
                keys.add((subject, program, begin))
                fam.enrol(subject, program, begin, maybe_end(draw, begin))
    officials = [
        {
            "person_id": p,
            "role": "handler",
            "region_code": draw(st.sampled_from(SERVED)),
            "from": "2020-01-01",
            "to": None,
        }
        for p in draw(st.lists(st.sampled_from(people), max_size=2, unique=True))
    ]
    return fam, officials


def cypher(found: list[Finding]) -> dict[str, set[tuple[object, ...]]]:
    rules = by_rule(found)
    return {
        "X1": {
            (f.subject_id, f.params["program"], date.fromisoformat(str(f.params["from"])))
            for f in rules["X1"]
        },
        "X2": {
            (
                f.subject_id,
                f.params["first"],
                date.fromisoformat(str(f.params["first_from"])),
                date.fromisoformat(str(f.params["second_from"])),
            )
            for f in rules["X2"]
        },
        "X6": {
            (f.subject_id, f.next_step.params["official_id"], f.params["member_id"])
            for f in rules["X6"]
        },
        "X7": {
            (f.subject_id, f.params["other_id"], f.next_step.params["shared"]) for f in rules["X7"]
        },
    }


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(family=families(), prefix=st.sampled_from(["44", "440103001", "4403"]))
def test_x1_x2_x6_x7_cypher_and_reference_agree_on_random_families(
    graph: Graph, family: tuple[Family, list[dict[str, Any]]], prefix: str
) -> None:
    fam, officials = family
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_=graph.database)
    fam.load(graph)
    load(graph, "officials", officials)
    found = cypher(scan_all(graph, prefix, AS_OF, POLICY, ["X1", "X2", "X6", "X7"]))
    world = World(fam.feeds() | {"officials": officials}, AS_OF, prefix)
    for rule, hits in found.items():
        event(f"{rule} {'found' if hits else 'none'}")  # --hypothesis-show-statistics
    assert found["X1"] == x1(world)
    assert found["X2"] == x2(world)
    assert found["X6"] == x6(world)
    assert found["X7"] == x7(world)
