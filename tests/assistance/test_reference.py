"""The chain query against the networkx reference (tests/reference/assistance.py) on random
households: random members, enrolments (X2's pairs among them), applications with random
timelines (P1, P12), referrals to random departments for a few needs (P11), relief cases of
the household or a member filed by either of two townships (R1) with random timelines,
standby-fund payments (R3, R5) and a few causes in two years, so that one cause often comes
twice for one subject (R4), case conferences on the household, a member or a case, signed
or not, of the right county or not, cited by a case or not (R6), and a random as-of date.
Items (with their amounts), gaps (E3, E4, E5, E6, T1) and overlaps (X2, P11, R4) must
agree."""

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from assistance import assistance_chain
from cypher import query
from funds import post
from graph.db import Graph
from tests.reference import export_graph
from tests.reference.assistance import reference_chain
from tests.scoring.kin import Family, born_aged

HOUSEHOLD = "H-RND"
DAYS = [date(2025, 1, 1), date(2025, 7, 1), date(2026, 1, 1), date(2026, 3, 1), date(2026, 6, 1)]
AS_OF_DAYS = [date(2025, 12, 31), date(2026, 3, 1), date(2026, 6, 30), date(2026, 8, 1)]
PROGRAMS = ["dibao", "marginal", "expenditure_hardship", "tekun", "single_person_dibao"]
FINAL_APP = [None, "accepted", "withdrawn", "not_accepted", "refused", "granted"]
NEEDS = ["危房改造", " 危房改造 ", "慢病随访"]
DEPARTMENTS = ["housing", "health", "education"]
APP_CREATE = query("applications/create")
APP_STEP = query("applications/append_step")
REF_CREATE = query("referrals/create")
REF_STEP = query("referrals/append_step")
RELIEF_CREATE = query("relief/create")
RELIEF_STEP = query("relief/append_step")
# Two filing townships (R1): 沙面 of the household's county, and one in 深圳.
TOWNSHIPS = ["440103001000", "440304001000"]
COUNTIES = ["440103000000", "440304000000"]
RELIEF_DAYS = [date(2025, 3, 1), date(2025, 11, 1), date(2026, 2, 1), date(2026, 5, 1)]
RELIEF_STEPS = [
    [],
    ["advanced"],
    ["investigated", "granted"],
    ["investigated", "refused", "closed"],
]


@dataclass(frozen=True)
class World:
    hukou: str
    rigid: int
    members: list[tuple[int, int, int | None, str | None, bool]]  # age, income, grade, type, left
    enrollments: list[tuple[str, int, date, int | None]]  # program, subject (-1: hh), from, days
    applications: list[tuple[str, int, date, str | None, int]]  # program, person, on, then, after
    referrals: list[tuple[str, str, date, list[str], int]]  # department, need, on, steps, after
    # subject (-1: hh), township, cause, occurred, filed after, steps, payments (after, yuan),
    # the conference it cites (an index into conferences, or None)
    relief: list[tuple[int, int, str, date, int, list[str], list[tuple[int, int]], int | None]]
    # subject (-1: hh, a member, or "relief" + index), county, held, signed after (or None)
    conferences: list[tuple[int | str, int, date, int | None]]
    as_of: date


@st.composite
def worlds(draw: st.DrawFn) -> World:
    n = draw(st.integers(1, 3))
    members = [
        (
            draw(st.sampled_from([8, 40, 65, 75])),
            draw(st.sampled_from([0, 12_000, 24_000, 60_000])),
            grade := draw(st.sampled_from([None, None, 1, 3])),
            None if grade is None else draw(st.sampled_from(["physical", "intellectual"])),
            draw(st.sampled_from([False, False, False, True])),
        )
        for _ in range(n)
    ]
    subject = st.integers(-1, n - 1)
    enrollments = draw(
        st.lists(
            st.tuples(
                st.sampled_from(PROGRAMS),
                subject,
                st.sampled_from(DAYS),
                st.sampled_from([None, 30, 200, 500]),
            ),
            max_size=5,
            unique_by=lambda e: (e[0], e[1], e[2]),
        )
    )
    applications = draw(
        st.lists(
            st.tuples(
                st.sampled_from(PROGRAMS),
                st.integers(0, n - 1),
                st.sampled_from(DAYS),
                st.sampled_from(FINAL_APP),
                st.sampled_from([1, 40, 200]),
            ),
            max_size=3,
        )
    )
    # Mostly done, so that one need is often done by two departments (P11).
    referral_steps = st.sampled_from(
        [[], ["acknowledged"], ["done"], ["done"], ["rejected"], ["acknowledged", "done"]]
    )
    referrals = draw(
        st.lists(
            st.tuples(
                st.sampled_from(DEPARTMENTS),
                st.sampled_from(NEEDS),
                st.sampled_from(DAYS),
                referral_steps,
                st.sampled_from([1, 40]),
            ),
            max_size=4,
        )
    )
    conferences = draw(
        st.lists(
            st.tuples(
                st.one_of(subject, st.sampled_from(["relief0", "relief1"])),
                st.sampled_from([0, 0, 1]),
                st.sampled_from(RELIEF_DAYS),
                st.sampled_from([None, 0, 100]),
            ),
            max_size=2,
        )
    )
    cited = (
        st.none() if not conferences else st.one_of(st.none(), st.integers(0, len(conferences) - 1))
    )
    relief = draw(
        st.lists(
            st.tuples(
                subject,
                st.sampled_from([0, 0, 1]),
                st.sampled_from(["fire", "fire", "accident"]),
                st.sampled_from(RELIEF_DAYS),
                st.sampled_from([0, 0, 20]),
                st.sampled_from(RELIEF_STEPS),
                st.lists(
                    st.tuples(st.sampled_from([0, 30]), st.sampled_from([500, 1200])), max_size=2
                ),
                cited,
            ),
            max_size=4,
        )
    )
    return World(
        draw(st.sampled_from(["urban", "rural"])),
        draw(st.sampled_from([0, 30_000])),
        members,
        enrollments,
        applications,
        referrals,
        relief,
        conferences,
        draw(st.sampled_from(AS_OF_DAYS)),
    )


def _step(case_id: str, seq: int, step: str, on: date, produced: str) -> dict[str, Any]:
    return {
        "step_id": f"{case_id}-{seq:03d}",
        "seq": seq,
        "step": step,
        "on": on,
        "by": "hypothesis",
        "role": "township",
        "rules": ["P12"],
        "produced": produced,
        "data": json.dumps({}),
    }


def _load(graph: Graph, world: World) -> list[str]:
    fam = Family()
    fam.household(HOUSEHOLD, hukou=world.hukou, rigid_expenditure_annual=world.rigid)
    pids = []
    for i, (age, income, grade, kind, left) in enumerate(world.members):
        pid = fam.person(
            f"成员{i}", born_aged(age), None, annual_income=income, disability_grade=grade,
            disability_type=kind,
        )  # fmt: skip
        fam.member(pid, HOUSEHOLD, date(2000, 1, 1), date(2026, 2, 28) if left else None)
        pids.append(pid)
    for program, subject, start, days in world.enrollments:
        end = None if days is None else start + timedelta(days=days)
        fam.enrol(HOUSEHOLD if subject < 0 else pids[subject], program, start, end)
    fam.load(graph)
    run = graph.driver.execute_query
    for n, (program, person, on, then, after) in enumerate(world.applications):
        app_id = f"A-{n}"
        personal = program in ("tekun", "single_person_dibao")
        props = {
            "application_id": app_id, "program": program, "household_id": HOUSEHOLD,
            "person_id": pids[person] if personal else None, "received_on": on,
            "status": then or "received",
        }  # fmt: skip
        params = {"household_id": HOUSEHOLD, "person_id": props["person_id"]}
        step = _step(app_id, 1, "application", on, "received")
        run(APP_CREATE.text, params | {"application": props, "step": step})
        if then is not None:
            later = _step(app_id, 2, then, on + timedelta(days=after), then)
            projection = {"status": then}
            run(APP_STEP.text, {"application_id": app_id, "projection": projection, "step": later})
    for n, (department, need, on, steps, after) in enumerate(world.referrals):
        ref_id = f"RF-{n}"
        props = {
            "referral_id": ref_id, "department": department, "need": need, "sent_on": on,
            "household_id": HOUSEHOLD, "source_id": "A-0", "source_kind": "application",
            "status": steps[-1] if steps else "sent", "outcome": "已办" if steps else None,
        }  # fmt: skip
        run(
            REF_CREATE.text,
            {
                "household_id": HOUSEHOLD,
                "referral": props,
                "step": _step(ref_id, 1, "sent", on, "sent"),
            },
        )
        for seq, status in enumerate(steps, start=2):
            later = _step(ref_id, seq, status, on + timedelta(days=after * (seq - 1)), status)
            run(REF_STEP.text, {"referral_id": ref_id, "projection": {}, "step": later})
    _load_relief(graph, world, pids)
    return pids


def _conference_of(world: World, pids: list[str], n: int) -> dict[str, Any]:
    subject, county, held, after = world.conferences[n]
    props: dict[str, Any] = {
        "conference_id": f"CF-{n}", "county_code": COUNTIES[county], "held_on": held,
        "status": "draft" if after is None else "signed", "amount": 9000.0 + n,
        "decision": f"一事一议 {n}",
        "signed_on": None if after is None else held + timedelta(days=after),
    }  # fmt: skip
    if isinstance(subject, str):
        props["relief_id"] = f"RL-{subject.removeprefix('relief')}"
    elif subject < 0:
        props["household_id"] = HOUSEHOLD
    else:
        props["person_id"] = pids[subject]
    return {k: v for k, v in props.items() if v is not None}


def _load_relief(graph: Graph, world: World, pids: list[str]) -> None:
    """Relief cases as the workflow writes them, unchecked: R4's flag set as the filing
    sets it (an earlier case of the subject, cause and year), whatever conference it cites."""
    run = graph.driver.execute_query
    for n in range(len(world.conferences)):
        run("CREATE (c:Conference) SET c = $props", {"props": _conference_of(world, pids, n)})
    seen: list[tuple[str, str, int]] = []
    for n, (subject, town, cause, occurred, after, steps, paid, cites) in enumerate(world.relief):
        relief_id, township = f"RL-{n}", TOWNSHIPS[town]
        person = None if subject < 0 else pids[subject]
        key = (person or HOUSEHOLD, cause, occurred.year)
        filed = occurred + timedelta(days=after)
        props = {
            "relief_id": relief_id, "township_code": township, "county_code": COUNTIES[town],
            "track": "emergency", "cause": cause, "occurred_on": occurred, "year": occurred.year,
            "filed_on": filed, "persons": 1, "household_id": HOUSEHOLD, "person_id": person,
            "subject_kind": "household" if person is None else "person",
            "repeated_cause": key in seen, "status": "filed",
            "conference_id": None if cites is None else f"CF-{cites}",
        }  # fmt: skip
        seen.append(key)
        first = _step(relief_id, 1, "filing", filed, "filed")
        params = {"person_id": person, "household_id": HOUSEHOLD, "relief": props, "step": first}
        run(RELIEF_CREATE.text, params)
        for seq, status in enumerate(steps, start=2):
            later = _step(relief_id, seq, status, filed + timedelta(days=10 * (seq - 1)), status)
            run(RELIEF_STEP.text, {"relief_id": relief_id, "projection": {}, "step": later})
        for m, (days, amount) in enumerate(paid):
            on = filed + timedelta(days=days)
            post(graph, township, "allocation", Decimal(amount), on, "county-1")
            post(graph, township, "payment", Decimal(amount), on, "town-1", relief_id, f"先行 {m}")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(world=worlds())
def test_the_chain_query_and_the_reference_agree(graph: Graph, world: World) -> None:
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_=graph.database)
    _load(graph, world)
    found = assistance_chain(graph, "44", HOUSEHOLD, world.as_of)
    expected = reference_chain(export_graph(graph), HOUSEHOLD, world.as_of)
    items = tuple(sorted((i.kind, i.id, i.status, i.from_, i.to, i.amount) for i in found.items))
    assert items == tuple(sorted(expected.items))
    assert [i.from_ for i in found.items] == sorted(i.from_ for i in found.items)  # time order
    assert {(g.rule, g.program, g.person_id) for g in found.gaps} == expected.gaps
    assert {(o.rule, o.ids, o.from_, o.to) for o in found.overlaps} == expected.overlaps
    for gap in found.gaps:
        event(f"gap {gap.rule}")
    for overlap in found.overlaps:
        event(f"overlap {overlap.rule}")
