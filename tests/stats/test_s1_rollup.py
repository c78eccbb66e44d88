"""S1, S2: the rollup that rescoring, the workflow and the loaders keep equals a recount from
the resources themselves (`cypher/stats/recount`; for the groups M1-M5 `cypher/stats/groups`)
after random sequences of steps: events, rescoring runs on random days (also before earlier
runs), verifications, guidance calls, households moving to another township or village (W5:
open warnings follow them; a household's group history too), calendar loads that move
deadlines (W4), applications taken through their steps (P1-P8, a grant creating an
enrolment), refused steps included, enrolment and membership loads (new ones, and `to` dates
set on loaded ones), reviews that terminate or adjust an enrolment (P10), discoveries and
their outcomes (P4), referrals and the department's answers (P11: the overdue cases and
referrals by the deadline each step left running). Compared on days
around them and on past month ends (S2), in every region down to the villages."""

import contextlib
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.models.warnings import GuidanceIn, VerificationIn
from api.security import Officer
from api.services.warnings import guide_warning, verify_warning
from applications import (
    Acceptance,
    Actor,
    Authorisation,
    Decision,
    Intake,
    Investigation,
    Posting,
    Transmission,
    Withdrawal,
    file_application,
    get_case,
    record_step,
)
from core.errors import HhgraphError
from core.ids import make_resident_id, region_prefix
from cypher import query
from discoveries import Outcome, Report, file_discovery, record_outcome
from graph.db import Graph
from graph.values import plain
from loaders import load_records
from loaders.read import RawRecord
from procedure.policy import default_policy
from referrals import ReferralIn, answer, send
from reviews import ReviewCommand, record_review
from scoring.deadlines import visit_deadlines
from scoring.rescore import Mode, rescore_households
from scoring.ruleset import default_ruleset
from stats import rebuild
from stats.figures import rolled_counts
from stats.groups import GROUP_KEYS, GROUPS
from tests.loaders import family
from tests.scoring.test_score import event, load
from tests.stats import world

RECOUNT = query("stats/recount")
POLICY = default_policy()
START = date(2026, 9, 1)
REGIONS = (
    world.PROVINCE,
    world.CITY,
    world.COUNTY,
    world.OTHER_COUNTY,
    *world.TOWNSHIPS,
)
SIZES = [(world.VILLAGE_A2, 2), (world.VILLAGE_B1, 1), (world.VILLAGE_C1, 2)]
HOMES = ("H1", "X0", "X1", "X2")
PERSONS = (
    family.GRANDMA,
    family.FATHER,
    family.MOTHER,
    family.CHILD,
    family.UNCLE,
    *(
        world.member_id(index, slot)
        for index, (_, size) in enumerate(SIZES)
        for slot in range(size)
    ),
)
SUBJECTS = (*HOMES, "H2", *PERSONS)
PROGRAMS = (*GROUPS, "temporary_relief")
# A few start days, so that a later load often sets the `to` of an enrolment loaded before.
STARTS = (date(2025, 6, 1), date(2026, 9, 10), date(2026, 10, 1), date(2026, 10, 31))
INDICATORS = ("death", "petition", "accident", "disaster", "birth", "marriage_or_divorce")
INVESTIGATORS = (
    make_resident_id("440105", date(1980, 5, 5), 71),
    make_resident_id("440105", date(1981, 6, 6), 73),
)
ACTOR = Actor(sub="town", role="township", region_prefix="44")
HOUSING = Actor(sub="housing-1", role="department", region_prefix="44")
ANSWERS = ("acknowledged", "accepted", "rejected", "done")
LAST_DAY = date(2026, 11, 30)
DECIDER = Actor(sub="county", role="county", region_prefix="44")

days = st.integers(min_value=0, max_value=90).map(lambda n: START + timedelta(days=n))
steps = st.one_of(
    st.tuples(st.just("event"), st.sampled_from(HOMES), st.sampled_from(INDICATORS), days),
    st.tuples(st.just("rescore"), days),
    st.tuples(st.just("escalate"), st.sampled_from(HOMES), days),
    st.tuples(st.just("verify"), st.integers(0, 5), st.integers(0, 20)),
    st.tuples(st.just("guide"), st.integers(0, 5), st.integers(0, 20)),
    st.tuples(st.just("move"), st.sampled_from(HOMES[1:]), st.sampled_from(world.VILLAGES)),
    st.tuples(st.just("holiday"), days),
    st.tuples(st.just("apply"), days),
    st.tuples(st.just("advance"), st.integers(0, 5), st.integers(0, 12), st.booleans()),
    st.tuples(
        st.just("enrol"),
        st.sampled_from(SUBJECTS),
        st.sampled_from(PROGRAMS),
        st.sampled_from(STARTS),
        st.none() | st.integers(0, 120),
    ),
    st.tuples(
        st.just("join"),
        st.sampled_from(PERSONS),
        st.sampled_from((*HOMES, "H2")),
        days,
        st.none() | st.integers(0, 60),
    ),
    st.tuples(st.just("review"), st.integers(0, 9), days, st.booleans()),
    st.tuples(st.just("discover"), st.sampled_from(HOMES), days),
    st.tuples(st.just("outcome"), st.integers(0, 5), st.integers(0, 40)),
    st.tuples(st.just("refer"), st.integers(0, 5), st.integers(0, 10)),
    st.tuples(st.just("answer"), st.integers(0, 5), st.sampled_from(ANSWERS), st.integers(0, 20)),
)


def _rows(graph: Graph, text: str, **params: Any) -> list[dict[str, Any]]:
    records = graph.driver.execute_query(text, params, database_="neo4j").records
    return [plain(r.data()) for r in records]


def _open_warnings(graph: Graph) -> list[dict[str, Any]]:
    text = (
        "MATCH (w:Warning {status: 'open'}) RETURN w.warning_id AS id, w.level AS level, "
        "w.issued_on AS issued_on, w.township_code AS town ORDER BY id"
    )
    return _rows(graph, text)


def _officer(town: str) -> Officer:
    return Officer(sub="t", role="township", region=town)


def _member(household: str) -> str:
    return family.FATHER if household == "H1" else world.member_id(HOMES.index(household) - 1, 0)


def _next_command(graph: Graph, application_id: str, on: date, grant: bool) -> tuple[Any, Actor]:
    case = get_case(graph, "44", application_id)
    head = case.application["household_id"]
    members = tuple(
        r["id"]
        for r in _rows(
            graph,
            "MATCH (p:Person)-[m:MEMBER_OF]->(:Household {household_id: $h}) "
            "WHERE m.to IS NULL RETURN p.person_id AS id",
            h=head,
        )
    )
    status = case.status
    if status == "received":
        signed = any(step["step"] == "authorisation" for step in case.steps)
        if signed or not grant:
            return Acceptance(on, True), ACTOR  # refused (409) without an authorisation
        return Authorisation(_member(head), members, "paper", on), ACTOR
    if status == "accepted":
        return Investigation(
            on,
            INVESTIGATORS,
            _member(head),
            "入户",
            "grant" if grant else "refuse",
            None if grant else "收入超过标准",
        ), ACTOR
    if status == "investigating":
        return (Posting(on) if case.application["opinion"] == "grant" else Transmission(on)), ACTOR
    if status == "publicity":
        return Transmission(on), ACTOR
    if status == "transmitted":
        return Decision(on, grant, None if grant else "收入超过标准"), DECIDER
    return Withdrawal(on, "申请人撤回"), ACTOR


def _load_some(graph: Graph, feed: str, records: list[dict[str, Any]]) -> None:
    """Load through the real loader; a record it rejects (an overlapping membership) is
    simply not written."""
    load_records(graph, feed, [RawRecord(i, r) for i, r in enumerate(records)])


def _review(graph: Graph, pick: int, on: date, adjust: bool) -> None:
    """A review that ends an open enrolment (terminate) or ends it and opens another from
    the next month (adjust, a decrease: a hearing first), P10; a refused one writes nothing."""
    open_ = _rows(
        graph,
        "MATCH (e:Enrollment) WHERE e.to IS NULL AND e.program IN ['dibao', 'marginal', "
        "'expenditure_hardship', 'other', 'single_person_dibao'] "
        "RETURN e.subject_id AS subject, e.program AS program, e.from AS from "
        "ORDER BY subject, program, from",
    )
    if not open_:
        return
    e = open_[pick % len(open_)]
    command = ReviewCommand(
        subject_id=e["subject"],
        program=e["program"],
        enrollment_from=e["from"],
        reviewed_on=max(on, e["from"] + timedelta(days=1)),
        outcome="adjust" if adjust else "terminate",
        monthly_amount=Decimal(100) if adjust else None,
        hearing_on=max(on, e["from"] + timedelta(days=1)),
        reason="收入超过标准",
    )
    with contextlib.suppress(HhgraphError):  # refused (a rule, the state): nothing written
        record_review(graph, ACTOR, command, POLICY)


def _discoveries_and_referrals(graph: Graph, step: tuple[Any, ...]) -> None:
    """A discovery filed (P4), its outcome, a referral sent from one (P11) and the
    department's answers, each dated from the one before; refused ones write nothing."""
    kind = step[0]
    if kind == "discover":
        report = Report("visit", step[2], "村委会", household_id=step[1])
        file_discovery(graph, ACTOR, report, POLICY)
        return
    text = (
        "MATCH (d:Discovery) RETURN d.discovery_id AS id, d.found_on AS on, d.status AS status, "
        "d.household_id AS home ORDER BY id"
        if kind in ("outcome", "refer")
        else "MATCH (r:Referral) RETURN r.referral_id AS id, r.status_since AS on ORDER BY id"
    )
    found = _rows(graph, text)
    if not found:
        return
    row = found[step[1] % len(found)]
    on = min(row["on"] + timedelta(days=step[-1]), LAST_DAY)
    with contextlib.suppress(HhgraphError):  # refused (409, 422): nothing written
        if kind == "outcome":
            outcome = Outcome("no_need", on, reason="家庭收入已恢复")
            record_outcome(graph, ACTOR, row["id"], outcome, POLICY)
        elif kind == "refer":
            body = ReferralIn(row["id"], "housing", "危房改造", on, household_id=row["home"])
            send(graph, ACTOR, body, POLICY)
        else:
            answer(graph, HOUSING, "housing", row["id"], step[2], on, "已办理", POLICY)


def _run(graph: Graph, step: tuple[Any, ...], ids: list[str]) -> None:
    kind = step[0]
    if kind in ("discover", "outcome", "refer", "answer"):
        _discoveries_and_referrals(graph, step)
    elif kind == "enrol":
        _, subject, program, start, length = step
        to = None if length is None else (start + timedelta(days=length)).isoformat()
        _load_some(graph, "enrollments", [world.enrolment(subject, program, start.isoformat(), to)])
    elif kind == "join":
        _, person, home, start, length = step
        to = None if length is None else (start + timedelta(days=length)).isoformat()
        _load_some(graph, "memberships", [family.membership(person, home, start.isoformat(), to)])
    elif kind == "review":
        _review(graph, step[1], step[2], step[3])
    elif kind == "event":
        _, home, indicator, day = step
        subject = {"household_id": home}
        load(graph, "events", [event(indicator, day, **subject)])
    elif kind == "escalate":  # green (4 points), then red (4 + 6) three days later (W6)
        _, home, day = step
        load(graph, "events", [event("accident", day - timedelta(days=5), household_id=home)])
        rescore_households(graph, day, Mode.FULL, default_ruleset(), visit_deadlines(graph))
        load(graph, "events", [event("petition", day, household_id=home)])
        rescore_households(
            graph, day + timedelta(days=3), Mode.FULL, default_ruleset(), visit_deadlines(graph)
        )
    elif kind == "rescore":
        rescore_households(graph, step[1], Mode.FULL, default_ruleset(), visit_deadlines(graph))
    elif kind in ("verify", "guide"):
        open_ = _open_warnings(graph)
        if not open_:
            return
        w = open_[step[1] % len(open_)]
        on = min(w["issued_on"] + timedelta(days=step[2]), date(2026, 11, 30))
        try:
            if kind == "verify":
                body = VerificationIn(visited_on=on, genuine=True, findings="入户", action="无")
                verify_warning(graph, _officer(w["town"]), w["id"], body)
            else:
                guide_warning(
                    graph,
                    _officer(w["town"]),
                    w["id"],
                    GuidanceIn(called_on=on, result="已电话指导"),
                )
        except HhgraphError:
            pass  # a guidance call on a warning that is not green: refused, nothing written
    elif kind == "move":
        _, home, village = step
        load(graph, "households", [world.household(home, village)])
    elif kind == "holiday":
        load(graph, "calendar", [{"date": step[1].isoformat(), "kind": "holiday"}])
    elif kind == "apply":
        home = HOMES[step[1].toordinal() % len(HOMES)]
        intake = Intake("dibao", home, _member(home), "window", step[1])
        ids.append(file_application(graph, ACTOR, intake, POLICY).application_id)
    elif kind == "advance" and ids:
        application_id = ids[step[1] % len(ids)]
        for _ in range(3):  # up to three steps of one case
            last = get_case(graph, "44", application_id).steps[-1]["on"]
            on = min(last + timedelta(days=step[2]), date(2026, 11, 30))
            command, actor = _next_command(graph, application_id, on, step[3])
            try:
                record_step(graph, actor, application_id, command, POLICY)
            except HhgraphError:
                return  # a step the state or a rule refuses (409, 422): nothing is written


def _check(graph: Graph) -> None:
    for day in (START, date(2026, 9, 30), date(2026, 10, 17), date(2026, 11, 3), date(2026, 12, 1)):
        rolled = rolled_counts(graph, REGIONS, [day])
        for region in REGIONS:
            params = {"prefix": region_prefix(region), "day": day}
            recount = {r["key"]: r["n"] for r in graph.read(RECOUNT, params)}
            kept = {
                key: n for key, n in rolled[(region, day)].items() if n and key not in GROUP_KEYS
            }
            assert kept == {key: n for key, n in recount.items() if n}, (region, day)
    _check_groups(graph)


def _check_groups(graph: Graph, writer: str = "") -> None:
    """The group cells (M1-M5) of every region down to the villages equal the recount on
    each of world.CHECK_DAYS, past month ends included (S1, S2)."""
    codes = (*REGIONS, *world.VILLAGES)
    kept = world.group_rollup(graph, codes, world.CHECK_DAYS)
    recount = world.group_recount(graph, codes, world.CHECK_DAYS)
    for at in recount:
        assert kept[at] == recount[at], (writer, *at)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(steps, min_size=6, max_size=20))
def test_s1_the_rollup_equals_a_recount_after_random_workflow_steps(
    graph: Graph, sequence: list[tuple[Any, ...]]
) -> None:
    """One world for every example (the invariant holds whatever came before): each example
    adds its steps to it, then every region's rollup is compared with the recount on days
    around the steps."""
    if not _rows(graph, "MATCH (r:Region) RETURN count(r) AS n")[0]["n"]:
        world.load_world(graph, SIZES)
    ids = [
        r["id"]
        for r in _rows(graph, "MATCH (a:Application) RETURN a.application_id AS id ORDER BY id")
    ]
    for step in sequence:
        _run(graph, step, ids)
    _check(graph)


def test_s1_a_rebuilt_rollup_equals_the_one_kept_by_the_writers(graph: Graph) -> None:
    """`stats.rebuild` (a store older than migration 019) counts the same cells again."""
    world.load_world(graph, SIZES)
    load(
        graph,
        "events",
        [event("death", date(2026, 9, 2)), event("petition", date(2026, 9, 3), household_id="X0")],
    )
    rescore_households(
        graph, date(2026, 9, 10), Mode.FULL, default_ruleset(), visit_deadlines(graph)
    )
    file_application(
        graph, ACTOR, Intake("dibao", "H1", family.FATHER, "window", date(2026, 9, 12)), POLICY
    )
    cells = (
        "MATCH (c:StatDay) WHERE c.n <> 0 "
        "RETURN c.region AS r, c.key AS k, c.day AS d, c.n AS n ORDER BY r, k, d"
    )
    kept = _rows(graph, cells)
    assert kept
    load(graph, "enrollments", [world.enrolment(world.member_id(0, 1), "tekun", "2026-09-01")])
    load(graph, "households", [world.household("X0", world.VILLAGE_C1)])
    kept = _rows(graph, cells)
    assert any(row["k"] == "persons:M2" for row in kept)
    assert rebuild(graph) == (3, 5)  # 2 warnings and an application; 5 households
    assert _rows(graph, cells) == kept
    _check_groups(graph, "rebuild")
