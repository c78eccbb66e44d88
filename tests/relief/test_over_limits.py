"""X8's helper (RULES X8, R4, R6): the pure verdict of a case over R4's limits and whether a
signed conference of its county covers it, and `cypher/relief/over_limits.cypher` listing a
region's cases over the limits, of which the uncovered ones are findings."""

from decimal import Decimal

from graph.db import Graph
from procedure.policy import default_policy
from relief import Conference, file_relief, over_limit_cases, over_limits
from tests.relief.fixtures import (
    HOUSEHOLD,
    OTHER_TOWNSHIP,
    TOWNSHIP_OFFICER,
    conference,
    filing,
    load_couple,
)

POLICY = default_policy()
CASE = {
    "relief_id": "RL-1",
    "county_code": "440103000000",
    "household_id": "H-1",
    "person_id": None,
    "requested_amount": 9500.0,
    "paid_amount": 0.0,
    "case_cap": 9000.0,
    "repeated_cause": False,
    "conference_id": "CF-1",
}


def signed(**changes: object) -> Conference:
    values: dict[str, object] = {
        "conference_id": "CF-1",
        "county_code": "440103000000",
        "status": "signed",
        "amount": Decimal("9500"),
        "household_id": "H-1",
    }
    return Conference(**(values | changes))  # type: ignore[arg-type]


def test_x8_r4_over_the_cap_is_covered_only_by_a_signed_conference_of_the_county() -> None:
    assert over_limits(CASE, [signed()]).finding is False
    assert over_limits(CASE, []).finding is True
    assert over_limits(CASE, [signed(status="draft")]).finding is True
    assert over_limits(CASE, [signed(county_code="440104000000")]).finding is True
    assert over_limits(CASE, [signed(amount=Decimal("9499.99"))]).finding is True
    # A conference held on the case (its relief_id) covers it as well as a cited one.
    on_case = signed(conference_id="CF-2", relief_id="RL-1")
    assert over_limits(CASE | {"conference_id": None}, [on_case]).finding is False
    # Once decided, the decided amount counts.
    assert over_limits(CASE | {"decided_amount": 8000.0}, []).over_cap is False


def test_x8_r4_a_repeated_cause_needs_a_conference_naming_the_subject() -> None:
    repeated = CASE | {"requested_amount": 100.0, "repeated_cause": True}
    verdict = over_limits(repeated, [signed()])
    assert (verdict.over_cap, verdict.repeated_cause, verdict.finding) == (False, True, False)
    assert over_limits(repeated, [signed(household_id="H-2")]).finding is True
    assert over_limits(repeated, []).finding is True


def test_x8_the_query_lists_the_uncovered_cases_of_a_region(graph: Graph) -> None:
    load_couple(graph)
    conference(graph, "CF-BIG", amount=9500.0, household_id=HOUSEHOLD)
    within = file_relief(graph, TOWNSHIP_OFFICER, filing(), POLICY)
    over = filing(cause="accident", requested_amount=Decimal("9400"), conference_id="CF-BIG")
    covered = file_relief(graph, TOWNSHIP_OFFICER, over, POLICY)
    repeated = file_relief(graph, TOWNSHIP_OFFICER, filing(conference_id="CF-BIG"), POLICY)
    assert over_limit_cases(graph, "440103") == []  # over, and covered
    # The conference record is changed behind the workflow's back: X8 finds both cases.
    graph.driver.execute_query(
        "MATCH (c:Conference {conference_id: 'CF-BIG'}) SET c.amount = 9000.0, c.household_id = ''",
        database_="neo4j",
    )
    found = {r["relief_id"]: v for r, v in over_limit_cases(graph, "440103")}
    assert set(found) == {covered.relief_id, repeated.relief_id}
    assert within.relief_id not in found
    assert (found[covered.relief_id].over_cap, found[covered.relief_id].repeated_cause) == (
        True, False,
    )  # fmt: skip
    assert found[repeated.relief_id].repeated_cause
    assert over_limit_cases(graph, OTHER_TOWNSHIP.region_prefix) == []
