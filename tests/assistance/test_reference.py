"""The chain query against the networkx reference (tests/reference/assistance.py) on random
households: random members, enrolments (X2's pairs among them), applications with random
timelines (P1, P12), referrals to random departments for a few needs (P11), and a random
as-of date. Items, gaps (E3, E4, E5, E6, T1) and overlaps (X2, P11) must agree."""

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from assistance import assistance_chain
from cypher import query
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


@dataclass(frozen=True)
class World:
    hukou: str
    rigid: int
    members: list[tuple[int, int, int | None, str | None, bool]]  # age, income, grade, type, left
    enrollments: list[tuple[str, int, date, int | None]]  # program, subject (-1: hh), from, days
    applications: list[tuple[str, int, date, str | None, int]]  # program, person, on, then, after
    referrals: list[tuple[str, str, date, list[str], int]]  # department, need, on, steps, after
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
    return World(
        draw(st.sampled_from(["urban", "rural"])),
        draw(st.sampled_from([0, 30_000])),
        members,
        enrollments,
        applications,
        referrals,
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
    return pids


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
    items = tuple(sorted((i.kind, i.id, i.status, i.from_, i.to) for i in found.items))
    assert items == tuple(sorted(expected.items))
    assert [i.from_ for i in found.items] == sorted(i.from_ for i in found.items)  # time order
    assert {(g.rule, g.program, g.person_id) for g in found.gaps} == expected.gaps
    assert {(o.rule, o.ids, o.from_, o.to) for o in found.overlaps} == expected.overlaps
    for gap in found.gaps:
        event(f"gap {gap.rule}")
    for overlap in found.overlaps:
        event(f"overlap {overlap.rule}")
