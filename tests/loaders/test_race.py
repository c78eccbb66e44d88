"""Issue 14 item 4: two loads at once, each with its own driver, must not both give a person
an open membership. 900 of 900 persons became current members of two households when the
overlap check ran before the write transaction; it now runs inside it, under the person's lock.
"""

import threading
from collections.abc import Iterator
from datetime import date

import pytest
from neo4j import GraphDatabase

from core.ids import birth_date_of, make_resident_id, sex_of
from graph.db import DRIVER_CONFIG, Graph
from loaders.pipeline import LoadReport, load_records
from loaders.read import RawRecord
from tests.helpers import OVERLAPPING, Neo4jTarget
from tests.loaders import family

PERSONS = [make_resident_id("440103", date(1960, 1, 1 + n % 28), 100 + n) for n in range(240)]
ROUNDS = 8


@pytest.fixture
def graphs(neo4j_target: Neo4jTarget) -> Iterator[tuple[Graph, Graph]]:
    """Two `Graph`s on two drivers of their own, as two processes would have."""
    drivers = [
        GraphDatabase.driver(neo4j_target.uri, auth=neo4j_target.auth, **DRIVER_CONFIG)
        for _ in range(2)
    ]
    try:
        yield Graph(drivers[0]), Graph(drivers[1])
    finally:
        for driver in drivers:
            driver.close()


def _raw(records: list[family.Record]) -> list[RawRecord]:
    return [RawRecord(i, r) for i, r in enumerate(records)]


def _setup(graph: Graph) -> None:
    people = [
        family.person(p, f"测试{n}", birth_date_of(p).isoformat(), sex_of(p))
        for n, p in enumerate(PERSONS)
    ]
    for feed, records in (
        ("regions", family.regions()),
        ("households", family.households()),
        ("persons", people),
    ):
        assert load_records(graph, feed, _raw(records)).rejected == [], feed


def _load_at_once(loads: list[tuple[Graph, list[RawRecord]]]) -> list[LoadReport]:
    """Load each memberships batch on its own thread and driver, all released at once; a
    failure in a thread is raised here, not lost."""
    start = threading.Barrier(len(loads), timeout=30)
    outcomes: list[LoadReport | BaseException | None] = [None] * len(loads)

    def load(n: int, graph: Graph, records: list[RawRecord]) -> None:
        start.wait()
        try:
            outcomes[n] = load_records(graph, "memberships", records, batch_size=20)
        except Exception as exc:
            outcomes[n] = exc

    threads = [threading.Thread(target=load, args=(n, *x)) for n, x in enumerate(loads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    reports = [o for o in outcomes if isinstance(o, LoadReport)]
    assert len(reports) == len(loads), outcomes
    return reports


def test_issue14_item4_two_racing_loads_never_give_a_person_two_households(
    graph: Graph, graphs: tuple[Graph, Graph]
) -> None:
    _setup(graph)
    into_h1 = _raw([family.membership(p, "H1", "2020-01-01") for p in PERSONS])
    into_h2 = _raw([family.membership(p, "H2", "2021-06-01") for p in PERSONS])
    for round_ in range(ROUNDS):
        graph.driver.execute_query("MATCH ()-[m:MEMBER_OF]->() DELETE m", database_="neo4j")
        reports = _load_at_once([(graphs[0], into_h1), (graphs[1], into_h2)])
        overlapping = graph.driver.execute_query(OVERLAPPING, database_="neo4j").records
        assert overlapping[0]["persons"] == 0, f"round {round_}"
        for report in reports:
            assert report.received == report.applied + report.unchanged + len(report.rejected)
            for reject in report.rejected:
                assert [e.field for e in reject.errors] == ["from"]
                assert "overlaps membership of household" in reject.errors[0].message
        # Every person ends with exactly one membership: one load's record, the other refused.
        assert sum(r.applied for r in reports) == len(PERSONS), f"round {round_}"
