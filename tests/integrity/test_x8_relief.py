"""X8: temporary relief over R4's limits (the case cap, the same cause twice in a year) with
no signed case conference of its county covering it (R6), routed to the filing township."""

from datetime import date
from decimal import Decimal

from graph.db import Graph
from integrity import scan_all
from relief import every_over_limit_case, file_relief
from tests.integrity.world import POLICY, scan, subjects
from tests.relief.fixtures import (
    HOUSEHOLD,
    OTHER_TOWNSHIP,
    TOWNSHIP,
    TOWNSHIP_OFFICER,
    conference,
    filing,
    load_couple,
)


def _uncover(graph: Graph, conference_id: str) -> None:
    """The conference record changed behind the workflow's back (what X8 exists to catch)."""
    graph.driver.execute_query(
        "MATCH (c:Conference {conference_id: $id}) SET c.amount = 1.0, c.household_id = ''",
        {"id": conference_id},
        database_="neo4j",
    )


def test_x8_a_case_over_the_cap_or_repeated_without_a_covering_conference_is_found(
    graph: Graph,
) -> None:
    load_couple(graph)
    conference(graph, "CF-BIG", amount=9500.0, household_id=HOUSEHOLD)
    file_relief(graph, TOWNSHIP_OFFICER, filing(), POLICY)  # within the limits
    over = filing(cause="accident", requested_amount=Decimal("9400"), conference_id="CF-BIG")
    covered = file_relief(graph, TOWNSHIP_OFFICER, over, POLICY)
    repeated = file_relief(graph, TOWNSHIP_OFFICER, filing(conference_id="CF-BIG"), POLICY)
    assert scan(graph, "X8") == []  # over the limits, and covered by the signed conference

    _uncover(graph, "CF-BIG")
    found = scan(graph, "X8")
    assert subjects(found) == [HOUSEHOLD, HOUSEHOLD]
    by_case = {f.params["relief_id"]: f for f in found}
    assert set(by_case) == {covered.relief_id, repeated.relief_id}
    assert "case cap" in by_case[covered.relief_id].detail
    assert "second case of its cause" in by_case[repeated.relief_id].detail
    for finding in found:
        assert finding.rule == "X8"
        assert finding.township_code == TOWNSHIP  # R1: where the emergency happened
        assert finding.next_step.kind == "conference"
    # Another township's scan, and a scan dated before the emergency, find nothing.
    assert scan_all(graph, OTHER_TOWNSHIP.region_prefix, date(2026, 9, 1), POLICY, ["X8"]) == []
    assert scan_all(graph, "440103", date(2026, 3, 1), POLICY, ["X8"]) == []


def test_x8_a_page_of_covered_cases_is_read_past_not_taken_for_the_end(graph: Graph) -> None:
    load_couple(graph)
    conference(graph, "CF-A", amount=9500.0, household_id=HOUSEHOLD)
    conference(graph, "CF-B", amount=9500.0, household_id=HOUSEHOLD)
    first = filing(cause="accident", requested_amount=Decimal("9400"), conference_id="CF-A")
    second = filing(cause="illness", requested_amount=Decimal("9400"), conference_id="CF-B")
    ids = [file_relief(graph, TOWNSHIP_OFFICER, f, POLICY).relief_id for f in (first, second)]
    _uncover(graph, "CF-B" if ids[0] < ids[1] else "CF-A")  # the later case is uncovered
    found = every_over_limit_case(graph, "440103", page=1)
    assert [case["relief_id"] for case, _ in found] == [max(ids)]
