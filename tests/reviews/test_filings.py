"""C3 and C4 at a review (定期核查, RULES P10) against the real Neo4j, on the family of
tests/loaders/family.py: H1 (grandmother, father, mother, child) is enrolled as marginal from
2025-01-01, and the father's brother (H2's head, the child's uncle) handles cases at H1's
township (C1). A review's C3 check files the enrolment with the relation paths, undeclared
unless declared, as acceptance and decision file an application (officials.filings); the
filed case is decided at its review only by a county officer after a home visit (C4)."""

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from core.errors import InvalidField
from graph.db import Graph
from procedure.errors import StepNotAllowed
from procedure.policy import default_policy
from reviews import ReviewCommand, get_review, record_review
from tests.loaders import family
from tests.reviews.family import COUNTY_OFFICER, TOWNSHIP, TOWNSHIP_OFFICER
from tests.scoring.test_score import load

POLICY = default_policy()
FROM = date(2025, 1, 1)
REVIEWED = date(2026, 6, 1)
VISITED = date(2026, 5, 28)
OTHER_TOWNSHIP = "440103002000"
# What each current member of H1 is to the uncle, and the path from him to them (C2); the
# child, his nephew, is none of C2's relatives (the list runs up to parents' siblings only).
EXPECTED = {
    family.GRANDMA: ("parent", [family.UNCLE, family.GRANDMA]),
    family.FATHER: ("sibling", [family.UNCLE, family.GRANDMA, family.FATHER]),
    family.MOTHER: ("sibling_in_law", [family.UNCLE, family.GRANDMA, family.FATHER, family.MOTHER]),
}


def load_family(graph: Graph, officials: list[dict[str, Any]] | None = None) -> None:
    feeds = family.all_feeds()
    feeds["regions"].append({"code": OTHER_TOWNSHIP, "name": "另一街道"})
    if officials is not None:
        feeds["officials"] = officials
    for feed, records in feeds.items():
        if records:
            load(graph, feed, records)


@pytest.fixture
def h1(graph: Graph) -> None:
    load_family(graph)


def review(**changes: Any) -> ReviewCommand:
    values: dict[str, Any] = {
        "subject_id": "H1",
        "program": "marginal",
        "enrollment_from": FROM,
        "reviewed_on": REVIEWED,
        "outcome": "continue",
    }
    return ReviewCommand(**(values | changes))


def enrolment_filings(graph: Graph) -> dict[str, dict[str, Any]]:
    rows = graph.driver.execute_query(
        "MATCH (e:Enrollment {subject_id: 'H1', program: 'marginal'})-[:FILED]->(f:Filing) "
        "RETURN f {.*} AS f, e.filed AS filed",
        database_="neo4j",
    ).records
    assert all(r["filed"] for r in rows)
    return {r["f"]["member_id"]: r["f"] for r in rows}


def test_c3_review_files_the_enrolment_with_the_relation_paths_undeclared(
    graph: Graph, h1: None
) -> None:
    """The township's review is refused (C4, below), yet its C3 check has filed the case:
    every current member against the uncle, each with the relation and its path."""
    with pytest.raises(StepNotAllowed):
        record_review(graph, TOWNSHIP_OFFICER, review(), POLICY)
    filings = enrolment_filings(graph)
    assert {m: (f["relation"], f["relation_path"]) for m, f in filings.items()} == EXPECTED
    for found in filings.values():
        assert found["official_id"] == family.UNCLE
        assert (found["role"], found["region_code"]) == ("handler", TOWNSHIP)
        assert (found["declared"], found["undeclared"]) == (False, True)
        assert (found["at_step"], found["found_on"].to_native()) == ("review", REVIEWED)


def test_c3_review_files_each_hit_once(graph: Graph, h1: None) -> None:
    for _ in range(2):
        with pytest.raises(StepNotAllowed):
            record_review(graph, TOWNSHIP_OFFICER, review(), POLICY)
    assert len(enrolment_filings(graph)) == len(EXPECTED)


def test_c3_review_declared_at_the_review_is_not_undeclared(graph: Graph, h1: None) -> None:
    with pytest.raises(StepNotAllowed):
        record_review(graph, TOWNSHIP_OFFICER, review(declared_official_relative=True), POLICY)
    assert {(f["declared"], f["undeclared"]) for f in enrolment_filings(graph).values()} == {
        (True, False)
    }


def test_c3_review_declared_on_the_application_that_granted_the_enrolment(
    graph: Graph, h1: None
) -> None:
    """The application's declaration (`declared_official_relative`) covers its enrolment's
    reviews: the grant's edge as applications/enrol.cypher writes it."""
    graph.driver.execute_query(
        "MATCH (e:Enrollment {subject_id: 'H1', program: 'marginal'}) "
        "CREATE (:Application {application_id: 'A-H1', declared_official_relative: true})"
        "-[:GRANTED]->(e)",
        database_="neo4j",
    )
    with pytest.raises(StepNotAllowed):
        record_review(graph, TOWNSHIP_OFFICER, review(), POLICY)
    assert {f["undeclared"] for f in enrolment_filings(graph).values()} == {False}


@pytest.mark.parametrize(
    ("region_code", "to", "filed"),
    [
        (TOWNSHIP, None, True),  # the township itself
        ("440103001001", None, True),  # one of its villages
        ("440103000000", None, True),  # its county
        (OTHER_TOWNSHIP, None, False),  # another township of the county
        (TOWNSHIP, "2026-05-31", False),  # no longer serving on the review's day
    ],
)
def test_c3_review_checks_the_officials_serving_the_township_its_villages_or_county(
    graph: Graph, region_code: str, to: str | None, filed: bool
) -> None:
    official = {
        "person_id": family.UNCLE,
        "role": "committee_member",
        "region_code": region_code,
        "from": "2020-01-01",
        "to": to,
    }
    load_family(graph, [official])
    if filed:
        with pytest.raises(StepNotAllowed) as refused:
            record_review(graph, TOWNSHIP_OFFICER, review(), POLICY)
        assert refused.value.rules == ("C4",)
        assert {f["region_code"] for f in enrolment_filings(graph).values()} == {region_code}
    else:
        case = record_review(graph, TOWNSHIP_OFFICER, review(), POLICY)
        assert (case.review["filed"], case.filings) == (False, [])
        assert enrolment_filings(graph) == {}


def test_c4_review_of_a_filed_case_needs_a_county_officers_home_visit(
    graph: Graph, h1: None
) -> None:
    with pytest.raises(StepNotAllowed) as township:
        record_review(graph, TOWNSHIP_OFFICER, review(visited_on=VISITED), POLICY)
    assert (township.value.status, township.value.rules) == ("open", ("C4",))
    with pytest.raises(StepNotAllowed) as no_visit:
        record_review(graph, COUNTY_OFFICER, review(), POLICY)
    assert no_visit.value.rules == ("C4",)
    case = record_review(graph, COUNTY_OFFICER, review(visited_on=VISITED), POLICY)
    assert case.review["filed"] is True
    assert case.review["visited_on"] == VISITED
    assert [(s["step"], s["role"], s["rules"]) for s in case.steps] == [
        ("visit", "county", ["P10", "C4"]),
        ("review", "county", ["P10", "C3", "C4"]),
    ]
    assert {f["member_id"] for f in case.filings} == set(EXPECTED)
    again = get_review(graph, "440103", case.review_id)
    assert sorted(f["relation"] for f in again.filings) == sorted(r for r, _ in EXPECTED.values())


def test_c4_review_a_filed_enrolment_stays_filed_at_its_next_review(graph: Graph, h1: None) -> None:
    """Filed at one review, the enrolment is a filed case at the next, even once the official
    has stopped serving (C3 files the case; C4 binds its later decisions)."""
    record_review(graph, COUNTY_OFFICER, review(visited_on=VISITED), POLICY)
    graph.driver.execute_query(
        "MATCH (:Person {person_id: $uncle})-[s:SERVES]->() SET s.to = date('2026-06-30')",
        uncle=family.UNCLE,
        database_="neo4j",
    )
    later = review(reviewed_on=date(2026, 9, 1))
    with pytest.raises(StepNotAllowed) as refused:
        record_review(graph, TOWNSHIP_OFFICER, later, POLICY)
    assert refused.value.rules == ("C4",)
    county = replace(COUNTY_OFFICER, sub="county-2")
    done = record_review(graph, county, replace(later, visited_on=date(2026, 8, 31)), POLICY)
    assert done.review["filed"] is True
    assert len(done.filings) == len(EXPECTED)


def test_c4_review_the_visit_comes_before_the_review(graph: Graph, h1: None) -> None:
    with pytest.raises(InvalidField) as late:
        record_review(graph, COUNTY_OFFICER, review(visited_on=date(2026, 6, 2)), POLICY)
    assert late.value.field == "visited_on"
