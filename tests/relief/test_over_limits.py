"""X8's helper (RULES X8, R4, R6): the pure verdict of a case over R4's limits and whether a
signed conference of its county covers it, and `cypher/relief/over_limits.cypher` listing a
region's cases over the limits, of which the uncovered ones are findings."""

from datetime import date
from decimal import Decimal

from graph.db import Graph
from procedure.policy import default_policy
from relief import (
    Conference,
    cause_lifted,
    file_relief,
    over_limit_cases,
    over_limits,
    same_cause_repeats,
)
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


def test_r4_same_cause_repeats_pairs_the_first_case_with_each_unlifted_later_one() -> None:
    """R4 among one subject's cases (the assistance chain's overlap): one cause once per
    subject and calendar year; a later case is lifted only by the conference it cites,
    signed by its county and naming its subject (`cause_lifted`, which X8 shares)."""
    base = CASE | {"subject_kind": "household", "cause": "fire", "year": 2026,
                   "conference_id": None}  # fmt: skip
    first = base | {"relief_id": "RL-1", "filed_on": date(2026, 3, 2)}
    lifted = base | {"relief_id": "RL-2", "filed_on": date(2026, 4, 1), "repeated_cause": True,
                     "conference_id": "CF-1"}  # fmt: skip
    bare = base | {"relief_id": "RL-3", "filed_on": date(2026, 5, 1), "repeated_cause": True}
    cases = [bare, lifted, first]
    assert [(a["relief_id"], b["relief_id"]) for a, b in same_cause_repeats(cases, [signed()])] == [
        ("RL-1", "RL-3")
    ]
    assert cause_lifted(lifted, [signed()])
    assert not cause_lifted(bare, [signed()])
    assert not cause_lifted(lifted, [signed(status="draft")])
    assert not cause_lifted(lifted, [signed(household_id="H-2")])  # names another subject
    unlifted = same_cause_repeats(cases, [signed(county_code="440104000000")])
    assert [b["relief_id"] for _, b in unlifted] == ["RL-2", "RL-3"]
    # Another cause, another year, another subject: no repeat.
    others = [
        first,
        base | {"relief_id": "RL-4", "filed_on": date(2026, 6, 1), "cause": "accident"},
        base | {"relief_id": "RL-5", "filed_on": date(2027, 1, 5), "year": 2027},
        base | {"relief_id": "RL-6", "filed_on": date(2026, 6, 1), "subject_kind": "person",
                "person_id": "P-1"},
    ]  # fmt: skip
    assert same_cause_repeats(others, []) == []
    # Filed the same day: the case filed as a repeat comes after the one that is not.
    twin = base | {"relief_id": "RL-0", "filed_on": date(2026, 3, 2), "repeated_cause": True}
    assert [(a["relief_id"], b["relief_id"]) for a, b in same_cause_repeats([twin, first], [])] == [
        ("RL-1", "RL-0")
    ]
