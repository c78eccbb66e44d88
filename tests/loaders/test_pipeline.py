"""Loading every feed through the one pipeline, against the real server (CONTRACT §2)."""

import json
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.db import Graph
from loaders.pipeline import BatchReport, LoadReport, load_records
from loaders.read import RawRecord
from tests.helpers import graph_checksum
from tests.loaders import family

Record = dict[str, Any]


def raw(records: list[Record]) -> list[RawRecord]:
    return [RawRecord(i, r) for i, r in enumerate(records)]


def load_all(graph: Graph, batch_size: int = 5000) -> dict[str, LoadReport]:
    return {
        feed: load_records(graph, feed, raw(records), batch_size)
        for feed, records in family.all_feeds().items()
    }


def count(graph: Graph, cypher: str, **params: Any) -> int:
    records = graph.driver.execute_query(cypher, params, database_="neo4j").records
    return int(records[0][0])


def test_every_feed_loads_into_the_model(graph: Graph) -> None:
    reports = load_all(graph)
    for feed, report in reports.items():
        assert report.rejected == [], feed
        assert report.applied == len(family.all_feeds()[feed]), feed
    assert (
        count(
            graph,
            "MATCH (:Region {code: $v})-[:IN*4]->(:Region {level: 'province'}) RETURN count(*)",
            v=family.VILLAGE,
        )
        == 1
    )
    assert (
        count(
            graph,
            "MATCH (:Household {household_id: 'H1'})-[:IN]->(:Region {level: "
            "'village'}) RETURN count(*)",
        )
        == 1
    )
    assert count(graph, "MATCH (:Person)-[m:MEMBER_OF]->(:Household) RETURN count(m)") == 6
    assert count(graph, "MATCH ()-[k:PARENT_OF {basis: 'birth'}]->() RETURN count(k)") == 4
    assert count(graph, "MATCH ()-[s:SPOUSE_OF]-() RETURN count(s)") == 2  # one edge, 2 ways
    assert (
        count(
            graph,
            "MATCH (:Standard)-[:FOR_REGION]->(:Region {code: '440100000000'}) RETURN count(*)",
        )
        == 1
    )
    assert (
        count(
            graph, "MATCH (:Enrollment {program: 'marginal'})-[:OF]->(:Household) RETURN count(*)"
        )
        == 1
    )
    assert (
        count(
            graph, "MATCH (:Event {indicator: 'disaster'})-[:ABOUT]->(:Household) RETURN count(*)"
        )
        == 1
    )
    assert count(graph, "MATCH (d:CalendarDay {kind: 'workday'}) RETURN count(d)") == 1


def test_loading_twice_changes_nothing(graph: Graph) -> None:
    load_all(graph)
    before = graph_checksum(graph)
    again = load_all(graph)
    assert graph_checksum(graph) == before
    for feed, report in again.items():
        assert (report.applied, report.unchanged) == (0, len(family.all_feeds()[feed]))
        assert set(report.graph_changes.values()) == {0}, feed


def test_a_changed_record_is_applied_and_counted(graph: Graph) -> None:
    load_all(graph)
    people = family.persons()
    people[1]["annual_income"] = 1000
    report = load_records(graph, "persons", raw(people))
    assert (report.applied, report.unchanged, report.rejected) == (1, 4, [])
    assert (
        count(graph, "MATCH (p:Person {person_id: $id}) RETURN p.annual_income", id=family.FATHER)
        == 1000
    )


def test_closing_a_membership_sets_to_and_keeps_one_edge(graph: Graph) -> None:
    load_all(graph)
    rows = family.memberships()
    rows[3]["to"] = "2026-06-30"
    report = load_records(graph, "memberships", raw(rows))
    assert report.applied == 1
    assert (
        count(
            graph,
            "MATCH (:Person {person_id: $id})-[m:MEMBER_OF]->() "
            "WHERE m.to = date('2026-06-30') RETURN count(m)",
            id=family.CHILD,
        )
        == 1
    )


def test_spouse_edges_are_stored_once_whichever_way_given(graph: Graph) -> None:
    load_all(graph)
    swapped = [
        {"kind": "spouse", "a": family.FATHER, "b": family.MOTHER, "from": "2005-05-01", "to": None}
    ]
    report = load_records(graph, "kinship", raw(swapped))
    assert (report.applied, report.unchanged) == (0, 1)
    assert count(graph, "MATCH ()-[s:SPOUSE_OF]->() RETURN count(s)") == 1


def test_small_batches_give_the_same_graph(graph: Graph) -> None:
    load_all(graph, batch_size=2)
    small = graph_checksum(graph)
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
    load_all(graph)
    assert graph_checksum(graph) == small


def test_regions_may_come_in_any_order_within_a_batch(graph: Graph) -> None:
    report = load_records(graph, "regions", raw(list(reversed(family.regions()))))
    assert report.rejected == []
    assert report.applied == 5


@pytest.mark.parametrize("batch_size", [1, 5000])
def test_every_record_ends_in_exactly_one_place(graph: Graph, batch_size: int) -> None:
    load_all(graph)
    people = [*family.persons(), {"person_id": "bad"}]
    people[0]["name"] = "陈秀英（改）"
    report = load_records(graph, "persons", raw(people), batch_size)
    assert report.received == 6
    assert (report.applied, report.unchanged, len(report.rejected)) == (1, 4, 1)
    assert report.reconciliation() == ("persons: received 6 = applied 1 + unchanged 4 + rejected 1")


@pytest.mark.parametrize("writers", [1, 2])
def test_issue15_item9_on_batch_hears_of_each_batch_once_in_order_with_its_counts(
    graph: Graph, writers: int
) -> None:
    load_records(graph, "regions", raw(family.regions()))
    regions = [*family.regions(), {"code": "12", "name": "bad"}]
    regions[0]["name"] = "广东省（改）"
    heard: list[BatchReport] = []
    report = load_records(graph, "regions", raw(regions), 2, heard.append, writers)
    assert heard == [
        BatchReport(received=2, applied=1, unchanged=1, rejected=0),
        BatchReport(received=2, applied=0, unchanged=2, rejected=0),
        BatchReport(received=2, applied=0, unchanged=1, rejected=1),
    ]
    assert sum(b.received for b in heard) == report.received == 6


def test_the_api_feed_names_are_the_loader_feeds() -> None:
    from typing import get_args

    from loaders.records import FEEDS, FeedName

    assert list(get_args(FeedName)) == list(FEEDS)


def test_concurrent_loads_of_the_same_records_create_no_duplicates(graph: Graph) -> None:
    from concurrent.futures import ThreadPoolExecutor

    load_records(graph, "regions", raw(family.regions()))
    feeds = family.all_feeds()
    with ThreadPoolExecutor(max_workers=4) as pool:
        for feed in ("households", "persons", "memberships", "kinship", "events"):
            jobs = [pool.submit(load_records, graph, feed, raw(feeds[feed]), 1) for _ in range(4)]
            reports = [job.result() for job in jobs]
            assert all(r.rejected == [] for r in reports), feed
    assert count(graph, "MATCH (p:Person) RETURN count(p)") == 5
    assert count(graph, "MATCH ()-[m:MEMBER_OF]->() RETURN count(m)") == 6
    assert count(graph, "MATCH ()-[k:PARENT_OF]->() RETURN count(k)") == 4
    assert count(graph, "MATCH ()-[k:SPOUSE_OF]->() RETURN count(k)") == 1
    assert count(graph, "MATCH ()-[a:ABOUT]->() RETURN count(a)") == 2


def test_I2_a_household_moved_to_another_village_keeps_one_IN_edge(graph: Graph) -> None:
    load_all(graph)
    other = "440103001002"
    load_records(graph, "regions", [RawRecord(0, {"code": other, "name": "沙面二社区"})])
    moved = family.households()[0] | {"region_code": other}
    report = load_records(graph, "households", [RawRecord(0, moved)])
    assert (report.applied, report.graph_changes["relationships_deleted"]) == (1, 1)
    villages = "MATCH (:Household {household_id: 'H1'})-[:IN]->(v:Region) RETURN v.code AS code"
    rows = graph.driver.execute_query(villages, database_="neo4j").records
    assert [r["code"] for r in rows] == [other]
    again = load_records(graph, "households", [RawRecord(0, moved)])
    assert (again.unchanged, again.graph_changes["relationships_deleted"]) == (1, 0)


# Two writers (loaders.pipeline._Writers): batches sharing no lock key are written at once,
# and the outcome is the one of writing the batches in order. Each test slows or holds the
# real write of one batch to force the interleaving a fast machine might never show.


def _held_writes(monkeypatch: pytest.MonkeyPatch, hold: Callable[[int], object]) -> None:
    """Wrap the real `write_batch`: `hold(i)` runs before the batch of record `i` is written
    (batches of one record)."""
    from loaders.write import Written
    from loaders.write import write_batch as real

    def held(graph: Graph, records: Any, counters: Any = None) -> Written:
        ((index, _),) = records
        hold(index)
        return real(graph, records, counters)

    monkeypatch.setattr("loaders.pipeline.write_batch", held)


def _first_is_slow(index: int) -> None:
    if index == 0:
        time.sleep(0.5)


def test_two_batches_without_a_shared_key_are_written_at_once(
    graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    both_in_flight = threading.Barrier(2, timeout=10)  # broken if the writes come one by one
    _held_writes(monkeypatch, lambda index: both_in_flight.wait())
    report = load_records(graph, "persons", raw(family.persons()[:2]), 1, writers=2)
    assert (report.applied, report.rejected) == (2, [])


def test_the_later_of_two_records_with_one_key_wins(
    graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    _held_writes(monkeypatch, _first_is_slow)
    first, later = family.persons()[0], family.persons()[0] | {"name": "陈秀英（改）"}
    report = load_records(graph, "persons", raw([first, later]), 1, writers=2)
    assert report.applied == 2
    name = "MATCH (p:Person {person_id: $id}) RETURN p.name"
    assert graph.driver.execute_query(name, {"id": first["person_id"]}).records[0][0] == (
        "陈秀英（改）"
    )


def test_a_region_waits_for_its_parent_in_the_batch_before(
    graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    _held_writes(monkeypatch, _first_is_slow)
    report = load_records(graph, "regions", raw(family.regions()), 1, writers=2)
    assert (report.applied, report.rejected) == (5, [])


def test_E1_an_overlap_with_a_membership_of_the_batch_before_is_refused(
    graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    feeds = family.all_feeds()
    for feed in ("regions", "households", "persons"):
        load_records(graph, feed, raw(feeds[feed]))
    _held_writes(monkeypatch, _first_is_slow)
    first = feeds["memberships"][0]
    overlapping = first | {"household_id": "H2", "from": "2010-01-01"}
    report = load_records(graph, "memberships", raw([first, overlapping]), 1, writers=2)
    assert report.applied == 1
    assert [(r.index, r.errors[0].field) for r in report.rejected] == [(1, "from")]


def test_an_error_in_one_batch_is_raised_after_the_others_are_written(
    graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail_the_first(index: int) -> None:
        if index == 0:
            raise RuntimeError("write failed")
        time.sleep(0.2)

    _held_writes(monkeypatch, fail_the_first)
    with pytest.raises(RuntimeError, match="write failed"):
        load_records(graph, "persons", raw(family.persons()[:2]), 1, writers=2)
    assert count(graph, "MATCH (p:Person) RETURN count(p)") == 1


def _parent_edges_from_birth() -> list[Record]:
    """The family's kinship with every parent edge's `from` null ("from the child's birth")."""
    return [k | {"from": None} if k["kind"] == "parent" else k for k in family.kinship()]


def test_issue13_item2_a_parent_edge_without_from_is_the_edge_dated_at_the_birth(
    graph: Graph,
) -> None:
    # The family's parent edges are dated at the child's birth: loading them with a null
    # `from` must give the very same graph, so every query and the reference export agree.
    dated = load_all(graph)["kinship"]
    assert dated.rejected == []
    expected = graph_checksum(graph)
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
    feeds = family.all_feeds() | {"kinship": _parent_edges_from_birth()}
    for feed, records in feeds.items():
        report = load_records(graph, feed, raw(records))
        assert report.rejected == [], (feed, report.rejected)
    assert graph_checksum(graph) == expected
    again = load_records(graph, "kinship", raw(_parent_edges_from_birth()))
    assert (again.applied, again.unchanged) == (0, 5)
    # A `from` given later (an adoption date, say) replaces the birth date.
    adopted = family.kinship()[3] | {"basis": "adoptive", "from": "2015-01-01"}
    assert load_records(graph, "kinship", raw([adopted])).applied == 1
    stored = "MATCH (:Person {person_id: $a})-[k:PARENT_OF]->() RETURN toString(k.from)"
    assert graph.driver.execute_query(stored, {"a": family.FATHER}).records[0][0] == "2015-01-01"


# Issue 13 item 3: only records that pass count in the overlap check, in any order.


def _load_upto_memberships(graph: Graph) -> None:
    for feed, records in family.all_feeds().items():
        if feed == "kinship":
            return
        assert load_records(graph, feed, raw(records)).rejected == [], feed


def test_issue13_item3_a_membership_of_a_missing_household_does_not_reject_a_valid_one(
    graph: Graph,
) -> None:
    _load_upto_memberships(graph)
    batch = [
        family.memberships()[1] | {"to": "2019-12-31"},  # the father leaves H1 ...
        family.membership(
            family.FATHER, "H404", "2020-01-01"
        ),  # ... not for a household that is not
        family.membership(family.FATHER, "H2", "2020-01-01"),  # ... but for H2
    ]
    report = load_records(graph, "memberships", raw(batch))
    assert [(r.index, [e.field for e in r.errors]) for r in report.rejected] == [
        (1, ["household_id"])
    ]
    assert report.applied == 2


# A batch of moves, updates, overlaps and bad references; its keys are distinct.
MOVES: list[Record] = [
    family.memberships()[1] | {"to": "2019-12-31"},  # father leaves H1
    family.membership(family.FATHER, "H2", "2020-01-01"),  # ... for H2
    family.membership(family.FATHER, "H404", "2021-01-01"),  # no such household
    family.membership(family.MOTHER, "H2", "2021-01-01"),  # overlaps her open H1
    family.membership(family.UNCLE, "H1", "2030-01-01"),  # after he leaves H2 ...
    family.memberships()[5] | {"to": "2029-12-31"},  # ... here
    family.memberships()[0] | {"to": "2025-12-31"},  # grandma leaves H1
    family.membership(family.GRANDMA, "H2", "2026-01-01", "2026-06-30"),  # ... for H2 a while
    family.membership(family.GRANDMA, "H1", "2026-06-01"),  # back too early: overlaps H2
    family.membership(family.CHILD, "H2", "2011-01-01", "2011-12-31"),  # history, before H1
    family.membership(family.CHILD, "H2", "2011-06-01", "2011-06-30"),  # overlaps the one above
]


def _outcome(graph: Graph, batch: list[Record]) -> tuple[set[str], tuple[int, int, str]]:
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
    _load_upto_memberships(graph)
    report = load_records(graph, "memberships", raw(batch), batch_size=len(batch))
    rejected = {json.dumps(r.key, sort_keys=True) for r in report.rejected}
    accepted = {json.dumps(_key(m), sort_keys=True) for m in batch} - rejected
    return accepted, graph_checksum(graph)


def _key(record: Record) -> dict[str, Any]:
    return {k: record[k] for k in ("person_id", "household_id", "from")}


_EXPECTED: dict[str, tuple[set[str], tuple[int, int, str]]] = {}  # the outcome of MOVES as given


def test_issue13_item3_a_move_is_accepted_in_either_order(graph: Graph) -> None:
    close, move = MOVES[0], MOVES[1]
    assert _outcome(graph, [close, move]) == _outcome(graph, [move, close])
    accepted, _ = _outcome(graph, [move, close])
    assert len(accepted) == 2


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.permutations(MOVES))
def test_issue13_item3_any_order_of_a_batch_gives_the_same_records_and_graph(
    graph: Graph, batch: list[Record]
) -> None:
    expected = _EXPECTED.setdefault("moves", _outcome(graph, MOVES))
    accepted, checksum = _outcome(graph, batch)
    assert accepted == expected[0]
    assert checksum == expected[1]
    assert len(accepted) == 7  # the two overlaps, the early return and H404 are refused


def test_issue14_item5_a_load_keeps_the_first_rejects_and_streams_every_one(
    graph: Graph,
) -> None:
    streamed: list[int] = []
    junk = [RawRecord(i, {}) for i in range(12_000)]
    report = load_records(
        graph, "persons", junk, 1000, keep_rejects=10, on_reject=lambda r: streamed.append(r.index)
    )
    assert [r.index for r in report.rejected] == list(range(10))
    assert (report.rejected_count, report.rejects_truncated) == (12_000, True)
    assert streamed == list(range(12_000))  # in index order, whichever writer finished first
    assert report.reconciliation().endswith("rejected 12000")
