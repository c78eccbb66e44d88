"""`conferences.covering` (R6 lifting R4's caps; X8): is there a signed conference of county C
on case R, or on subject S before any filing, with an amount of at least X? The pure rule
on random conferences, then the query on the real Neo4j."""

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conferences import convene, covering, covers, sign
from graph.db import Graph
from procedure.policy import default_policy
from tests.applications.family import Couple, load_couple
from tests.conferences.world import COUNTY, COUNTY_OFFICER, HOUSEHOLD, SIGNED, bare_relief, body

POLICY = default_policy()
conferences = st.fixed_dictionaries(
    {
        "status": st.sampled_from(["draft", "signed"]),
        "county_code": st.sampled_from([COUNTY, "440304000000"]),
        "amount": st.floats(0, 50000),
        "signed_on": st.dates(date(2026, 1, 1), date(2026, 12, 31)),
        "relief_id": st.sampled_from([None, "RL-1", "RL-2"]),
        "household_id": st.sampled_from([None, "H1", "H2"]),
        "person_id": st.sampled_from([None, "P1"]),
    }
)


@given(
    conferences,
    st.floats(0, 50000),
    st.sampled_from([None, "RL-1", "RL-2"]),
    st.sampled_from([None, "H1", "H2"]),
    st.dates(date(2026, 1, 1), date(2026, 12, 31)),
)
def test_r6_covers_only_a_signed_conference_of_the_county_on_the_case(
    conference: dict[str, Any], amount: float, relief: str | None, household: str | None, on: date
) -> None:
    found = covers(conference, COUNTY, amount, relief_id=relief, household_id=household, on=on)
    on_case = conference["relief_id"] is not None and conference["relief_id"] == relief
    before_filing = conference["relief_id"] is None and (
        household is not None and conference["household_id"] == household
    )
    assert found == (
        conference["status"] == "signed"
        and conference["county_code"] == COUNTY
        and conference["amount"] >= amount
        and conference["signed_on"] <= on
        and (on_case or before_filing)
    )


def test_r6_a_conference_on_another_case_covers_nothing_else() -> None:
    signed = {"status": "signed", "county_code": COUNTY, "amount": 9000.0, "signed_on": SIGNED}
    other_case = signed | {"relief_id": "RL-1", "household_id": "H1"}
    assert not covers(other_case, COUNTY, 100, relief_id="RL-2", household_id="H1")
    assert covers(other_case, COUNTY, 9000, relief_id="RL-1")
    assert not covers(other_case, COUNTY, 9000.01, relief_id="RL-1")
    person = signed | {"person_id": "P1"}
    assert covers(person, COUNTY, 100, relief_id="RL-9", person_id="P1")
    assert not covers(person, COUNTY, 100, relief_id="RL-9", household_id="H1")


@pytest.fixture
def couple(graph: Graph) -> Couple:
    return load_couple(graph)


def test_r6_covering_finds_the_signed_conference(graph: Graph, couple: Couple) -> None:
    bare_relief(graph, "RL-1", household_id=HOUSEHOLD)
    draft = convene(graph, COUNTY_OFFICER, body(relief_id="RL-1", amount=20000.0, tasks=()))
    assert covering(graph, COUNTY, 15000, relief_id="RL-1") is None  # a draft lifts nothing
    sign(graph, COUNTY_OFFICER, draft.conference_id, SIGNED, POLICY)
    found = covering(graph, COUNTY, 15000, relief_id="RL-1", household_id=HOUSEHOLD)
    assert found is not None
    assert found["conference_id"] == draft.conference_id
    assert covering(graph, COUNTY, 20000.5, relief_id="RL-1") is None
    assert covering(graph, "440304000000", 100, relief_id="RL-1") is None
    assert covering(graph, COUNTY, 100, relief_id="RL-1", on=SIGNED - timedelta(days=1)) is None
    assert covering(graph, COUNTY, 100, relief_id="RL-OTHER", household_id="H-NONE") is None


def test_r6_a_conference_before_the_filing_covers_the_later_case(
    graph: Graph, couple: Couple
) -> None:
    before = convene(graph, COUNTY_OFFICER, body(amount=8000.0, tasks=()))
    sign(graph, COUNTY_OFFICER, before.conference_id, SIGNED, POLICY)
    found = covering(graph, COUNTY, 8000, relief_id="RL-LATER", household_id=HOUSEHOLD)
    assert found is not None
    assert found["conference_id"] == before.conference_id
    by_person = convene(
        graph, COUNTY_OFFICER, body(household_id=None, person_id=couple.wife, tasks=())
    )
    sign(graph, COUNTY_OFFICER, by_person.conference_id, SIGNED, POLICY)
    found = covering(graph, COUNTY, 100, person_id=couple.wife)
    assert found is not None
    assert found["conference_id"] == by_person.conference_id
