"""X8: temporary relief over R4's limits (the case cap, the same cause twice in a year) with
no signed case conference of its county covering it (R6), routed to the filing township. The
repeats are found from the graph, marked at filing or not (a load, a second township's
filing), and are the pairs the assistance chain's R4 overlap names."""

import os
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from assistance import assistance_chain
from cypher import query
from graph.db import Graph
from integrity import Finding, scan_all, x8_relief
from integrity.scan import Scan
from relief import every_over_limit_case, file_relief
from tests.integrity.world import POLICY, scan, subjects
from tests.relief.fixtures import (
    HOUSEHOLD,
    OCCURRED,
    OTHER_HOUSEHOLD,
    OTHER_TOWNSHIP,
    TOWNSHIP,
    TOWNSHIP_OFFICER,
    conference,
    filing,
    load_couple,
)

EXAMPLES = int(os.environ.get("HHGRAPH_PROPERTY_EXAMPLES", "30"))
RELIEF_CREATE = query("relief/create")
SECOND_TOWNSHIP = "440103002000"  # another township of the same county (荔湾区)
SHENZHEN_TOWNSHIP = "440304001000"


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


def _write_case(graph: Graph, relief_id: str, **props: Any) -> dict[str, Any]:
    """A relief case written straight into the graph, as a load or a filing the R4 check
    never saw would leave it: no `repeated_cause` mark unless given."""
    occurred: date = props.get("occurred_on", OCCURRED)
    township: str = props.get("township_code", TOWNSHIP)
    relief: dict[str, Any] = {
        "relief_id": relief_id,
        "township_code": township,
        "county_code": township[:6].ljust(12, "0"),
        "track": "emergency",
        "cause": "fire",
        "occurred_on": occurred,
        "year": occurred.year,
        "filed_on": occurred,
        "persons": 1,
        "requested_amount": 1000.0,
        "paid_amount": 0.0,
        "standard_monthly": 1500.0,
        "advance_cap": 3000.0,
        "case_cap": 4500.0,
        "household_id": HOUSEHOLD,
        "subject_kind": "household",
        "repeated_cause": False,
        "status": "filed",
    } | props
    relief["year"] = relief["occurred_on"].year
    relief["status_since"] = relief["filed_on"]
    relief = {k: v for k, v in relief.items() if v is not None}
    step = {"step_id": f"{relief_id}-001", "seq": 1, "step": "filing", "on": relief["filed_on"],
            "by": "loader", "role": "batch", "rules": ["R1", "R2"], "produced": "filed",
            "data": "{}"}  # fmt: skip
    subject = {"person_id": relief.get("person_id") if relief["subject_kind"] == "person" else None}
    params = subject | {"household_id": relief.get("household_id"), "relief": relief, "step": step}
    graph.one(RELIEF_CREATE, params, write=True)
    return relief


def _repeats(found: Sequence[Finding]) -> set[tuple[str, str]]:
    """X8's repeat findings as (the first case, the repeat)."""
    return {
        (str(f.params["first_relief_id"]), str(f.params["relief_id"]))
        for f in found
        if "first_relief_id" in f.params
    }


def test_x8_an_unmarked_repeat_is_found_and_is_the_chains_r4_overlap(graph: Graph) -> None:
    """R4, X8: a fire case filed by 沙面, then a second fire case of the same household in the
    same year written by another township of the county without the filing's check (a load):
    unmarked, and still X8's finding, the same pair as the chain's R4 overlap."""
    load_couple(graph)
    first = file_relief(graph, TOWNSHIP_OFFICER, filing(), POLICY).relief
    second = _write_case(
        graph, "RL-LOADED-1", township_code=SECOND_TOWNSHIP, occurred_on=date(2026, 5, 6)
    )
    assert every_over_limit_case(graph, "440103") == []  # the filing mark alone misses it
    (finding,) = scan(graph, "X8", prefix="440103")
    assert (finding.params["relief_id"], finding.params["first_relief_id"]) == (
        second["relief_id"], first["relief_id"],
    )  # fmt: skip
    assert finding.township_code == SECOND_TOWNSHIP  # R1: where the second emergency happened
    assert finding.subject_id == HOUSEHOLD
    assert "second case of its cause" in finding.detail
    assert finding.next_step.params == {
        "relief_id": second["relief_id"], "first_relief_id": first["relief_id"],
    }  # fmt: skip
    (overlap,) = assistance_chain(graph, "440103", HOUSEHOLD, date(2026, 9, 1)).overlaps
    assert (overlap.rule, overlap.ids) == ("R4", (first["relief_id"], second["relief_id"]))
    # The first township's own scan routes nothing: the repeat is the second township's.
    assert scan(graph, "X8", prefix="440103001") == []
    # Before the second case was filed there is no repeat, in X8 as in the chain.
    assert scan(graph, "X8", as_of=date(2026, 5, 5), prefix="440103") == []
    assert assistance_chain(graph, "440103", HOUSEHOLD, date(2026, 5, 5)).overlaps == ()


def test_x8_a_repeat_lifted_by_a_conference_signed_later_is_found_until_it_is_signed(
    graph: Graph,
) -> None:
    """R6: the conference cited at the filing lifts the repeat from its signature's day, in X8
    as in the chain; a conference whose record no longer names the subject lifts nothing."""
    load_couple(graph)
    conference(graph, "CF-LATER", household_id=HOUSEHOLD, signed_on=date(2026, 4, 1))
    first = _write_case(graph, "RL-A")
    _write_case(graph, "RL-B", occurred_on=date(2026, 3, 9), conference_id="CF-LATER")
    assert _repeats(scan(graph, "X8", as_of=date(2026, 3, 20))) == {(first["relief_id"], "RL-B")}
    assert len(assistance_chain(graph, "44", HOUSEHOLD, date(2026, 3, 20)).overlaps) == 1
    assert scan(graph, "X8", as_of=date(2026, 4, 1)) == []
    assert assistance_chain(graph, "44", HOUSEHOLD, date(2026, 4, 1)).overlaps == ()
    _uncover(graph, "CF-LATER")
    assert _repeats(scan(graph, "X8")) == {(first["relief_id"], "RL-B")}


def test_x8_pages_read_past_cases_that_are_no_finding(graph: Graph) -> None:
    """The scan reads the region's cases a page at a time; a page of firsts is read past."""
    load_couple(graph)
    for i, day in enumerate([2, 3, 4, 5]):
        _write_case(graph, f"RL-{i}", cause=["fire", "accident"][i % 2],
                    occurred_on=date(2026, 3, day))  # fmt: skip
    found = x8_relief.check(Scan(graph, "44", date(2026, 9, 1), POLICY), page=1)
    assert _repeats(found) == {("RL-0", "RL-2"), ("RL-1", "RL-3")}


# --- X8's repeats on random case sets, against a plain pairing --------------------------------

AS_OFS = (date(2026, 3, 3), date(2027, 6, 1))
DAYS = (date(2026, 3, 2), date(2026, 3, 3), date(2026, 12, 31), date(2027, 1, 4))
# (conference_id, county_code, status, held_on, signed_on, household_id, person_id); None: absent
CONFERENCES: tuple[tuple[str, str, str, date, date | None, str | None, str | None], ...] = (
    ("CF-H", "440103000000", "signed", date(2026, 3, 1), date(2026, 3, 1), HOUSEHOLD, None),
    ("CF-LATE", "440103000000", "signed", date(2026, 3, 1), date(2026, 3, 5), HOUSEHOLD, None),
    ("CF-DRAFT", "440103000000", "draft", date(2026, 3, 1), None, HOUSEHOLD, None),
    ("CF-SZ", "440304000000", "signed", date(2026, 3, 1), date(2026, 3, 1), OTHER_HOUSEHOLD, None),
    ("CF-HEAD", "440103000000", "signed", date(2026, 3, 1), date(2026, 3, 1), None, "head"),
)


@st.composite
def case_sets(draw: st.DrawFn) -> list[dict[str, Any]]:
    """1–8 relief cases of three subjects (the household, its head, the neighbour of 深圳),
    two causes, days either side of a year's end, three townships, marks and cited
    conferences at random: the ids in random order against the filing days."""
    count = draw(st.integers(1, 8))
    ids = draw(st.permutations([f"RL-{i:02d}" for i in range(count)]))
    cases = []
    for relief_id in ids:
        occurred = draw(st.sampled_from(DAYS))
        cases.append({
            "relief_id": relief_id,
            "subject": draw(st.sampled_from(["household", "head", "neighbour"])),
            "cause": draw(st.sampled_from(["fire", "accident"])),
            "occurred_on": occurred,
            "filed_on": occurred + timedelta(days=draw(st.integers(0, 2))),
            "township_code": draw(
                st.sampled_from([TOWNSHIP, SECOND_TOWNSHIP, SHENZHEN_TOWNSHIP])
            ),
            "repeated_cause": draw(st.booleans()),
            "conference_id": draw(st.sampled_from([None, *(c[0] for c in CONFERENCES)])),
        })  # fmt: skip
    return cases


def _lifts(c: Mapping[str, Any], case: Mapping[str, Any], as_of: date) -> bool:
    """The conference cited at the case's filing lifts it on `as_of` (R4, R6): held and
    signed by then, by the case's county, naming its household or its person."""
    signed = c["status"] == "signed" and c["signed_on"] is not None and c["signed_on"] <= as_of
    names = (case["household_id"] is not None and c["household_id"] == case["household_id"]) or (
        case["person_id"] is not None and c["person_id"] == case["person_id"]
    )
    return (
        c["conference_id"] == case["conference_id"]
        and c["held_on"] <= as_of
        and signed
        and c["county_code"] == case["county_code"]
        and names
    )


def reference_pairs(
    cases: Sequence[Mapping[str, Any]], conferences: Sequence[Mapping[str, Any]], as_of: date
) -> set[tuple[str, str]]:
    """R4 by hand: cases filed by `as_of` grouped by subject, cause and the emergency's year;
    the first of each group by (filing day, unmarked first, id); each other case of the group
    with it, unless its cited conference lifts it."""
    groups: dict[tuple[str, str, int], list[Mapping[str, Any]]] = {}
    for case in cases:
        if case["filed_on"] <= as_of:
            key = (case["subject_id"], case["cause"], case["occurred_on"].year)
            groups.setdefault(key, []).append(case)
    pairs = set()
    for group in groups.values():
        first, *rest = sorted(
            group, key=lambda c: (c["filed_on"], bool(c["repeated_cause"]), c["relief_id"])
        )
        for case in rest:
            if not any(_lifts(c, case, as_of) for c in conferences):
                pairs.add((first["relief_id"], case["relief_id"]))
    return pairs


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cases=case_sets(), as_of=st.sampled_from(AS_OFS))
def test_x8_repeats_are_the_plain_pairing_and_the_chains_overlaps_on_random_cases(
    graph: Graph, cases: list[dict[str, Any]], as_of: date
) -> None:
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_=graph.database)
    couple = load_couple(graph)
    people = {"head": couple.head, "neighbour": couple.neighbour}
    conferences = []
    for cid, county, status, held, signed, household, person in CONFERENCES:
        props = {"conference_id": cid, "county_code": county, "status": status,
                 "held_on": held, "signed_on": signed, "household_id": household,
                 "person_id": people.get(person or "", person)}  # fmt: skip
        conferences.append(props)
        given_props = {k: v for k, v in props.items() if v is not None and k != "conference_id"}
        conference(graph, cid, **given_props)
    written = []
    for case in cases:
        person = people.get(case["subject"])
        household = {"household": HOUSEHOLD, "head": HOUSEHOLD}.get(case["subject"])
        fields: dict[str, Any] = {k: v for k, v in case.items() if k != "subject"} | {
            "subject_kind": "person" if person else "household",
            "person_id": person,
            "household_id": household or OTHER_HOUSEHOLD,
        }
        row = _write_case(graph, str(fields.pop("relief_id")), **fields)
        subject_id = person or row["household_id"]
        cited = case["conference_id"]
        written.append(
            row | {"person_id": person, "conference_id": cited, "subject_id": subject_id}
        )
    expected = reference_pairs(written, conferences, as_of)
    event(f"repeats: {len(expected)}")
    found = scan(graph, "X8", as_of=as_of)
    assert _repeats(found) == expected
    assert all("second case of its cause" in f.detail for f in found)
    # The chain of the household (its cases and its current members'): the same pairs.
    chain = assistance_chain(graph, "44", HOUSEHOLD, as_of)
    ours = {r["relief_id"] for r in written if r["subject_id"] in (HOUSEHOLD, couple.head)}
    assert {o.ids for o in chain.overlaps if o.rule == "R4"} == {
        pair for pair in expected if pair[1] in ours
    }
