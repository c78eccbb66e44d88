"""Every route × every role × a subject inside / outside the caller's region (CONTRACT §3).

The routes come from the app itself (`app.routes`, with their methods), so a route added
without an entry in `EXPECT` fails `test_every_route_has_an_expectation`. For each route
the test calls it once without a token, then as each role with a token over the subject's
township (`IN_REGION`) and over another township (`OUT_OF_REGION`), and checks:

- no token: 401 (public routes, e.g. `/health` and the console's files: their status);
- a role the route does not allow: 403, wherever the subject is;
- an allowed role, subject outside the token's region: 404, as if absent;
- an allowed role, subject inside: the route's 2xx;
- every error is `application/problem+json`;
- no full resident id of a person outside the token's region appears in any body (ids the
  request itself names may be echoed in an error, which tells the caller nothing new).

The subject of a list route (`/v1/warnings`, `/v1/screening`) is its `region` parameter.
`load_world` (also used by the fuzz and injection tests) is the family of
`tests/loaders/family.py` with the uncle's household moved to another township, a neighbour
household in the family's village and a stranger household in the other township, loaded
through the real loader and rescored once so that warnings and a job exist.
"""

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from neo4j import Driver
from pydantic import SecretStr

from accounts import NewAccount
from accounts import create as create_account
from api.app import create_app
from api.errors import PROBLEM_MEDIA_TYPE
from api.security import OFFICERS
from core.ids import make_resident_id, region_prefix
from core.settings import Settings
from discoveries import Actor, Report, file_discovery
from graph.db import Graph
from procedure.policy import default_policy
from reviews import ReviewCommand, record_review
from scoring.rescore import Mode, rescore_households
from scoring.ruleset import default_ruleset
from scoring.workdays import Calendar
from tests.api.matrix_cases import (
    dead_letters,
    open_cases,
    open_conferences,
    open_referrals,
    open_relief,
)
from tests.helpers import TEST_AUDIT_KEY, TEST_SECRET, bearer
from tests.loaders import family
from tests.scoring.test_score import load

Record = dict[str, Any]

IN_REGION = "440103001000"  # the family's township (village family.VILLAGE)
OUT_OF_REGION = "440103002000"  # another township of the same county
ELSEWHERE = "440103002001"  # a village of OUT_OF_REGION
NEIGHBOUR = make_resident_id("440103", date(1960, 4, 4), 41)  # alone in H3, family.VILLAGE
STRANGER = make_resident_id("440105", date(1980, 1, 1), 51)  # H9, ELSEWHERE
STRANGER_WIFE = make_resident_id("440105", date(1982, 2, 2), 62)  # H9, ELSEWHERE
AS_OF = "2026-09-30"

ROLES = ("province", "city", "county", "township", "investigator", "batch", "department")
READERS = frozenset({*OFFICERS, "investigator"})
FEEDERS = frozenset({"province", "batch"})
EVERYONE = frozenset(ROLES)

# Where each person currently lives (the region code of their open membership's household).
RESIDENCE = {
    family.GRANDMA: family.VILLAGE,
    family.FATHER: family.VILLAGE,
    family.MOTHER: family.VILLAGE,
    family.CHILD: family.VILLAGE,
    NEIGHBOUR: family.VILLAGE,
    family.UNCLE: ELSEWHERE,  # H2, moved out of the family's township
    STRANGER: ELSEWHERE,
    STRANGER_WIFE: ELSEWHERE,
}


def world_feeds() -> dict[str, list[Record]]:
    """The records of every feed, in load order (see the module docstring)."""
    feeds = family.all_feeds()
    feeds["regions"] += [
        {"code": OUT_OF_REGION, "name": "另一街道"},
        {"code": ELSEWHERE, "name": "另一社区"},
    ]
    feeds["households"][1]["region_code"] = ELSEWHERE  # the uncle's household H2
    feeds["households"] += [
        {
            "household_id": "H3",
            "region_code": family.VILLAGE,
            "hukou": "urban",
            "address": "沙面大街3号",
            "assets_ok": True,
            "rigid_expenditure_annual": 0,
        },
        {  # no members: its green warning is answered by phone guidance (W3, P4)
            "household_id": "H5",
            "region_code": family.VILLAGE,
            "hukou": "urban",
            "address": "沙面大街5号",
            "assets_ok": True,
            "rigid_expenditure_annual": 0,
        },
        {
            "household_id": "H9",
            "region_code": ELSEWHERE,
            "hukou": "rural",
            "address": "另一社区9号",
            "assets_ok": True,
            "rigid_expenditure_annual": 3000,
        },
    ]
    feeds["persons"] += [
        family.person(NEIGHBOUR, "赵大伟", "1960-04-04", "M", annual_income=6000),
        family.person(STRANGER, "孙志强", "1980-01-01", "M", annual_income=20000),
        family.person(STRANGER_WIFE, "周丽", "1982-02-02", "F"),
    ]
    feeds["memberships"] += [
        {"person_id": NEIGHBOUR, "household_id": "H3", "from": "2000-01-01", "relation": "head"},
        {"person_id": STRANGER, "household_id": "H9", "from": "2005-01-01", "relation": "head"},
        {
            "person_id": STRANGER_WIFE,
            "household_id": "H9",
            "from": "2006-01-01",
            "relation": "spouse",
        },
    ]
    feeds["kinship"] += [
        {"kind": "spouse", "a": STRANGER, "b": STRANGER_WIFE, "from": "2006-01-01"}
    ]
    feeds["events"] += [
        {
            "source": "fire_rescue",
            "event_id": "F-8",
            "indicator": "disaster",
            "household_id": "H3",
            "occurred_on": "2026-08-01",
        },
        {
            "source": "fire_rescue",
            "event_id": "F-10",
            "indicator": "disaster",
            "household_id": "H5",
            "occurred_on": "2026-08-03",
        },
        {
            "source": "fire_rescue",
            "event_id": "F-9",
            "indicator": "disaster",
            "household_id": "H9",
            "occurred_on": "2026-08-02",
        },
    ]
    return feeds


@dataclass(frozen=True)
class World:
    """What the loaded world holds beyond its records: the open warnings, the job, the open
    discoveries (one for each role that records an outcome) and, in the matrix's world, a
    review with a written notice."""

    warnings: dict[str, str]  # household id -> its open warning id
    job_id: str
    discoveries: dict[str, str] = field(default_factory=dict)  # role -> an open one of H1
    review_id: str = "RV-NONE"  # a made-up id in a world without a review
    # "<stage>:<role>" -> an application in that stage (tests/api/matrix_cases.py)
    cases: dict[str, str] = field(default_factory=dict)

    def case(self, key: str) -> str:
        """The id of the case `key` names; an id that names nothing in a world without
        cases (test_health's sweep with Neo4j down builds its calls from a bare world)."""
        return self.cases.get(key, f"NONE-{key.replace(':', '-')}")


def file_discoveries(graph: Graph) -> dict[str, str]:
    """One open discovery of H1 for each role that may record its outcome (P4)."""
    actor = Actor(sub="matrix", role="township", region_prefix=region_prefix(IN_REGION))
    report = Report(
        source="visit", found_on=date(2026, 10, 9), reporter="入户走访", household_id="H1"
    )
    return {
        role: file_discovery(graph, actor, report, default_policy()).discovery_id
        for role in ("township", "county")
    }


def load_world(graph: Graph) -> World:
    """Load `world_feeds()` through the real loader, then rescore on `AS_OF` (W1–W7)."""
    for feed, records in world_feeds().items():
        load(graph, feed, records)
    run = rescore_households(
        graph,
        date.fromisoformat(AS_OF),
        Mode.FULL,
        default_ruleset(),
        Calendar.from_graph(graph).due_date,
    )
    rows = graph.driver.execute_query(
        "MATCH (w:Warning {status: 'open'}) RETURN w.household_id AS h, w.warning_id AS id",
        database_="neo4j",
    ).records
    warnings = {r["h"]: r["id"] for r in rows}
    assert {"H1", "H3", "H5", "H9"} <= set(warnings), warnings  # the fixture needs them
    return World(warnings=warnings, job_id=run.run_id, discoveries=file_discoveries(graph))


def outside(region: str) -> set[str]:
    """Full resident ids of the persons who live outside `region` (a token's region)."""
    prefix = region_prefix(region)
    return {pid for pid, village in RESIDENCE.items() if not village.startswith(prefix)}


@dataclass(frozen=True)
class Call:
    method: str
    url: str
    body: Any = None


@dataclass(frozen=True)
class Expect:
    """Who may call a route, whether it has a subject in a region, and how to call it."""

    roles: frozenset[str] | None  # None: public, no token needed
    ok: int
    call: Callable[[World, str], Call]  # (world, role) -> the request
    scoped: bool = True  # a subject (or `region`) the caller's region must contain
    ok_for: Mapping[str, int] = field(default_factory=dict)  # a role's own answer inside


def _get(url: str) -> Callable[[World, str], Call]:
    return lambda _world, _role: Call("GET", url)


def _head(url: str) -> Callable[[World, str], Call]:
    return lambda _world, _role: Call("HEAD", url)


def _case(stage: str, step: str, body: Record | None = None) -> Callable[[World, str], Call]:
    """A step route called on the caller's own case in `stage` (county's for any other role:
    those are refused before the case is looked up)."""

    def call(world: World, role: str) -> Call:
        own = role if role in ("township", "county") else "county"
        url = f"/v1/applications/{world.case(f'{stage}:{own}')}"
        return Call("GET" if body is None else "POST", f"{url}/{step}".rstrip("/"), body)

    return call


VERIFIERS = frozenset({"township", "county"})
HOOK_MANAGERS = frozenset({"department", "county"})
ACCOUNT_ADMINS = frozenset({"province", "city"})
APPLICATION = {
    "program": "dibao",
    "household_id": "H1",
    "applicant_id": family.FATHER,
    "channel": "window",
    "received_on": "2026-10-12",
}
VISIT = {
    "visited_on": "2026-10-14",
    "investigators": [NEIGHBOUR, STRANGER],
    "present_member_id": family.FATHER,
    "findings": "入户核实",
    "opinion": "grant",
}
SIGNATURE = {
    "signer_id": family.FATHER,
    "person_ids": [family.FATHER],
    "channel": "paper",
    "signed_on": "2026-10-12",
}


def _referral(world: World) -> Record:
    return {
        "source_id": world.case("received:township"),
        "household_id": "H1",
        "department": "housing",
        "need": "危房改造",
        "sent_on": "2026-10-12",
    }


CONFERENCE = {
    "held_on": "2026-10-12",
    "departments": ["housing", "medical_security"],
    "facts": "房屋失火",
    "decision": "一事一议：临时救助",
    "amount": 12000,
    "relief_id": None,
    "household_id": "H1",
    "tasks": [{"department": "housing", "need": "危房改造"}],
}


def _verification(world: World, role: str) -> Call:
    # Township and county each close their own warning: a second close would be 409.
    household = "H3" if role == "county" else "H1"
    visit = {"visited_on": "2026-10-09", "genuine": True, "findings": "入户核实", "action": "跟进"}
    return Call("POST", f"/v1/warnings/{world.warnings[household]}/verification", visit)


def _discovery(world: World, role: str) -> str:
    """The open discovery `role` answers (a made-up id in a world without discoveries)."""
    return world.discoveries.get(role, world.discoveries.get("township", "D-NONE"))


def _outcome(world: World, role: str) -> Call:
    # Township and county each answer their own discovery: a second outcome would be 409.
    discovery = _discovery(world, role)
    body = {"outcome": "no_need", "on": "2026-10-12", "reason": "已有亲属照料"}
    return Call("POST", f"/v1/discoveries/{discovery}/outcome", body)


REPORT = {
    "household_id": "H1",
    "source": "committee",
    "found_on": "2026-10-09",
    "reporter": "居委会",
}
GUIDANCE = {"called_on": "2026-10-09", "result": "电话告知救助政策"}


# The review of the matrix (RULES P10): a township and a county officer each keep H1's
# marginal enrolment (a continue changes nothing, so both can); the notice is that of a
# termination of the neighbour's dibao enrolment, recorded when the world is loaded.
# H3, not H1: H1 has an official's relative (the family's uncle), so its reviews are filed
# (C3) and need a county officer's visit (C4), which the C4 tests cover.
CONTINUE = {
    "subject_id": "H3",
    "program": "marginal",
    "enrollment_from": "2025-01-01",
    "reviewed_on": "2026-10-09",
    "outcome": "continue",
}


def with_review(graph: Graph, world: World) -> World:
    """`world` with H3 enrolled in dibao and that enrolment terminated by a review (P9), and
    enrolled in marginal for the reviews the matrix records."""
    enrolments = [
        {"subject_id": "H3", "program": "dibao", "from": "2025-01-01"},
        {"subject_id": "H3", "program": "marginal", "from": "2025-01-01"},
    ]
    load(graph, "enrollments", enrolments)
    officer = Actor(sub="matrix", role="township", region_prefix=region_prefix(IN_REGION))
    end = ReviewCommand(
        "H3", "dibao", date(2025, 1, 1), date(2026, 10, 9), "terminate", None,
        date(2026, 10, 8), "家庭收入超过标准",
    )  # fmt: skip
    case = record_review(graph, officer, end, default_policy())
    return replace(world, review_id=case.review_id)


EXPECT: dict[tuple[str, str], Expect] = {
    ("GET", "/health"): Expect(None, 200, _get("/health"), scoped=False),
    # The schema and its viewers: off outside dev mode (issue 14 item 13), as in this app.
    ("GET", "/openapi.json"): Expect(None, 404, _get("/openapi.json"), scoped=False),
    ("HEAD", "/openapi.json"): Expect(None, 404, _head("/openapi.json"), scoped=False),
    ("GET", "/docs"): Expect(None, 404, _get("/docs"), scoped=False),
    ("HEAD", "/docs"): Expect(None, 404, _head("/docs"), scoped=False),
    ("GET", "/docs/oauth2-redirect"): Expect(
        None, 404, _get("/docs/oauth2-redirect"), scoped=False
    ),
    ("HEAD", "/docs/oauth2-redirect"): Expect(
        None, 404, _head("/docs/oauth2-redirect"), scoped=False
    ),
    ("GET", "/redoc"): Expect(None, 404, _get("/redoc"), scoped=False),
    ("HEAD", "/redoc"): Expect(None, 404, _head("/redoc"), scoped=False),
    # The web console's static files (issue 8): public, outside the OpenAPI schema.
    ("GET", "/"): Expect(None, 200, _get("/"), scoped=False),
    ("GET", "/console/config.json"): Expect(None, 200, _get("/console/config.json"), scoped=False),
    ("GET", "/console/{relative:path}"): Expect(
        None, 200, _get("/console/index.html"), scoped=False
    ),
    # An unknown name: whether cytoscape.js is installed (npm ci) must not matter here.
    ("GET", "/console/vendor/{name}"): Expect(
        None, 404, _get("/console/vendor/unknown.mjs"), scoped=False
    ),
    # Dev mode only (the matrix's app is not in dev mode, so it is absent: 404 for anyone).
    ("POST", "/dev/token"): Expect(
        None,
        404,
        lambda _w, _r: Call("POST", "/dev/token", {"role": "province", "region": IN_REGION}),
        scoped=False,
    ),
    ("POST", "/v1/ingest/{feed}"): Expect(
        FEEDERS,
        200,
        # Loading a record the graph already holds: accepted, changes nothing (CONTRACT §2).
        lambda _w, _r: Call(
            "POST", "/v1/ingest/regions", [{"code": OUT_OF_REGION, "name": "另一街道"}]
        ),
        scoped=False,
    ),
    # Another caller's file, or none, is 404 (tests/api/test_ingest.py reads one's own).
    ("GET", "/v1/ingest/rejects/{name}"): Expect(
        FEEDERS, 404, _get("/v1/ingest/rejects/unknown.rejects.jsonl"), scoped=False
    ),
    ("GET", "/v1/households/{household_id}"): Expect(READERS, 200, _get("/v1/households/H1")),
    ("GET", "/v1/households/{household_id}/changes"): Expect(
        READERS, 200, _get("/v1/households/H1/changes?since=2000-01-01&until=2026-11-01")
    ),
    ("GET", "/v1/households/{household_id}/score"): Expect(
        READERS, 200, _get(f"/v1/households/H1/score?as_of={AS_OF}")
    ),
    ("GET", "/v1/households/{household_id}/eligibility"): Expect(
        READERS, 200, _get(f"/v1/households/H1/eligibility?as_of={AS_OF}")
    ),
    # The household's assistance chain (CONTRACT §4): H1 has the matrix's applications and
    # referrals; a department is refused (it sees only its referrals).
    ("GET", "/v1/households/{household_id}/assistance"): Expect(
        READERS, 200, _get("/v1/households/H1/assistance?as_of=2026-10-20")
    ),
    ("GET", "/v1/warnings"): Expect(
        frozenset(OFFICERS), 200, _get(f"/v1/warnings?region={IN_REGION}")
    ),
    ("POST", "/v1/warnings/{warning_id}/verification"): Expect(
        frozenset({"township", "county"}), 200, _verification
    ),
    ("POST", "/v1/warnings/{warning_id}/guidance"): Expect(
        frozenset({"township"}),
        200,
        lambda w, _r: Call(
            "POST", f"/v1/warnings/{w.warnings.get('H5', 'W-5')}/guidance", GUIDANCE
        ),
    ),
    ("POST", "/v1/discoveries"): Expect(
        frozenset({"township", "county"}),
        201,
        lambda _w, _r: Call("POST", "/v1/discoveries", REPORT),
    ),
    ("GET", "/v1/discoveries"): Expect(
        frozenset(OFFICERS), 200, _get(f"/v1/discoveries?region={IN_REGION}")
    ),
    ("GET", "/v1/discoveries/{discovery_id}"): Expect(
        READERS,
        200,
        lambda w, _r: Call("GET", f"/v1/discoveries/{_discovery(w, 'township')}"),
    ),
    ("POST", "/v1/discoveries/{discovery_id}/outcome"): Expect(
        frozenset({"township", "county"}), 200, _outcome
    ),
    # A run covers the province: no township-wide token may start one (403), and a job is
    # visible only within its region, the province (404); province-wide callers are in
    # tests/api/test_jobs.py (issue 14 item 12).
    ("POST", "/v1/rescore"): Expect(
        FEEDERS,
        403,
        lambda _w, _r: Call("POST", "/v1/rescore", {"as_of": AS_OF, "mode": "incremental"}),
        scoped=False,
    ),
    ("GET", "/v1/jobs/{job_id}"): Expect(
        FEEDERS, 404, lambda w, _r: Call("GET", f"/v1/jobs/{w.job_id}"), scoped=False
    ),
    ("GET", "/v1/cases/{subject_id}/graph"): Expect(
        READERS, 200, _get(f"/v1/cases/H1/graph?depth=3&as_of={AS_OF}")
    ),
    ("GET", "/v1/persons/{a}/kinship-path/{b}"): Expect(
        # Both persons in the caller's region, or 404 (issue 14 item 1).
        READERS,
        200,
        _get(f"/v1/persons/{family.CHILD}/kinship-path/{family.GRANDMA}?as_of={AS_OF}"),
    ),
    ("GET", "/v1/persons/{person_id}/supporters"): Expect(
        READERS, 200, _get(f"/v1/persons/{family.GRANDMA}/supporters?as_of={AS_OF}")
    ),
    ("GET", "/v1/persons/{person_id}/destitute-check"): Expect(
        READERS, 200, _get(f"/v1/persons/{family.GRANDMA}/destitute-check?as_of={AS_OF}")
    ),
    ("GET", "/v1/persons/{person_id}/events"): Expect(
        READERS, 200, _get(f"/v1/persons/{family.GRANDMA}/events?as_of={AS_OF}")
    ),
    # The subject is the region asked for: the token's own township or another one.
    ("GET", "/v1/regions"): Expect(READERS, 200, _get(f"/v1/regions?parent={IN_REGION}")),
    ("GET", "/v1/screening"): Expect(
        frozenset(OFFICERS), 200, _get(f"/v1/screening?region={IN_REGION}&as_of={AS_OF}")
    ),
    ("GET", "/v1/integrity"): Expect(
        frozenset(OFFICERS), 200, _get(f"/v1/integrity?region={IN_REGION}&as_of={AS_OF}")
    ),
    ("GET", "/v1/integrity/scans"): Expect(
        frozenset(OFFICERS), 200, _get(f"/v1/integrity/scans?region={IN_REGION}&as_of={AS_OF}")
    ),
    # The workflow (CONTRACT §4): each allowed role acts on its own case in the right state.
    ("POST", "/v1/applications"): Expect(
        VERIFIERS, 201, lambda _w, _r: Call("POST", "/v1/applications", APPLICATION)
    ),
    ("GET", "/v1/applications"): Expect(READERS, 200, _get(f"/v1/applications?region={IN_REGION}")),
    ("GET", "/v1/applications/{application_id}"): Expect(READERS, 200, _case("posted", "")),
    ("POST", "/v1/applications/{application_id}/authorisations"): Expect(
        VERIFIERS, 200, _case("received", "authorisations", SIGNATURE)
    ),
    ("POST", "/v1/applications/{application_id}/acceptance"): Expect(
        VERIFIERS, 200, _case("signed", "acceptance", {"on": "2026-10-13", "accept": True})
    ),
    ("POST", "/v1/applications/{application_id}/investigation"): Expect(
        VERIFIERS, 200, _case("accepted", "investigation", VISIT)
    ),
    ("POST", "/v1/applications/{application_id}/publicity"): Expect(
        frozenset({"township"}),
        200,
        _case("grant_opinion", "publicity", {"posted_on": "2026-10-15"}),
    ),
    ("POST", "/v1/applications/{application_id}/objections"): Expect(
        frozenset({"township"}),
        200,
        _case("posted", "objections", {"on": "2026-10-16", "summary": "异议"}),
    ),
    ("POST", "/v1/applications/{application_id}/transmission"): Expect(
        frozenset({"township"}), 200, _case("refuse_opinion", "transmission", {"on": "2026-10-15"})
    ),
    # The county decides here (P7: no delegation): the township's decision is 409.
    ("POST", "/v1/applications/{application_id}/decision"): Expect(
        VERIFIERS,
        200,
        _case(
            "transmitted",
            "decision",
            {"decided_on": "2026-10-20", "grant": False, "reason": "收入超过标准"},
        ),
        ok_for={"township": 409},
    ),
    ("POST", "/v1/applications/{application_id}/withdrawal"): Expect(
        VERIFIERS, 200, _case("received", "withdrawal", {"on": "2026-10-13", "reason": "不再申请"})
    ),
    ("POST", "/v1/referrals"): Expect(
        VERIFIERS,
        201,
        lambda w, _r: Call("POST", "/v1/referrals", _referral(w)),
    ),
    ("GET", "/v1/referrals"): Expect(
        frozenset({*OFFICERS, "department"}), 200, _get(f"/v1/referrals?region={IN_REGION}")
    ),
    ("GET", "/v1/referrals/{referral_id}"): Expect(
        frozenset({*OFFICERS, "department"}),
        200,
        lambda w, _r: Call("GET", f"/v1/referrals/{w.case('referral:read')}"),
    ),
    ("POST", "/v1/referrals/{referral_id}/status"): Expect(
        frozenset({"department", "county"}),
        200,
        lambda w, r: Call(
            "POST",
            f"/v1/referrals/{w.case('referral:' + (r if r == 'department' else 'county'))}/status",
            {"status": "acknowledged", "on": "2026-10-13"},
        ),
    ),
    ("GET", "/v1/funds/{township_code}"): Expect(
        frozenset(OFFICERS), 200, lambda _w, r: Call("GET", f"/v1/funds/{IN_REGION}")
    ),
    ("POST", "/v1/funds/{township_code}/allocations"): Expect(
        frozenset({"county"}),
        201,
        lambda _w, _r: Call(
            "POST", f"/v1/funds/{IN_REGION}/allocations", {"on": "2026-10-12", "amount": 5000}
        ),
    ),
    # Temporary relief (R1–R4, R7): the township files and takes the steps; the county decides
    # too (above the township's cap, R2, R4: here 1000 yuan, which either may decide).
    ("POST", "/v1/relief"): Expect(
        frozenset({"township"}),
        201,
        lambda _w, _r: Call(
            "POST",
            "/v1/relief",
            {
                "township_code": IN_REGION,
                "household_id": "H1",
                "track": "emergency",
                "cause": "fire",
                "occurred_on": "2026-10-12",
                "persons": 4,
                "requested_amount": 3000,
            },
        ),
    ),
    ("GET", "/v1/relief"): Expect(
        frozenset(OFFICERS), 200, _get(f"/v1/relief?region={IN_REGION}&status=filed")
    ),
    ("GET", "/v1/relief/{relief_id}"): Expect(
        frozenset(OFFICERS),
        200,
        lambda w, _r: Call("GET", f"/v1/relief/{w.case('relief:decision:township')}"),
    ),
    ("POST", "/v1/relief/{relief_id}/advance"): Expect(
        frozenset({"township"}),
        200,
        lambda w, _r: Call(
            "POST",
            f"/v1/relief/{w.case('relief:advance')}/advance",
            {"paid_on": "2026-10-12", "amount": 500},
        ),
    ),
    ("POST", "/v1/relief/{relief_id}/paperwork"): Expect(
        frozenset({"township"}),
        200,
        lambda w, _r: Call(
            "POST",
            f"/v1/relief/{w.case('relief:paperwork')}/paperwork",
            {"on": "2026-10-13", "investigators": [NEIGHBOUR, STRANGER], "findings": "入户核实"},
        ),
    ),
    ("POST", "/v1/relief/{relief_id}/decision"): Expect(
        VERIFIERS,
        200,
        lambda w, r: Call(
            "POST",
            f"/v1/relief/{w.case('relief:decision:' + (r if r in VERIFIERS else 'county'))}"
            "/decision",
            {"decided_on": "2026-10-14", "grant": True, "amount": 1000, "instalments": 1},
        ),
    ),
    ("POST", "/v1/relief/{relief_id}/follow-on"): Expect(
        frozenset({"township"}),
        200,
        lambda w, _r: Call(
            "POST",
            f"/v1/relief/{w.case('relief:follow-on')}/follow-on",
            {"on": "2026-10-14", "kind": "none", "reason": "已纳入低保审核"},
        ),
    ),
    # Case conferences (R6): the county convenes, amends and signs; officers read.
    ("POST", "/v1/conferences"): Expect(
        frozenset({"county"}), 201, lambda _w, _r: Call("POST", "/v1/conferences", CONFERENCE)
    ),
    ("GET", "/v1/conferences"): Expect(
        frozenset(OFFICERS), 200, _get(f"/v1/conferences?region={IN_REGION}")
    ),
    ("GET", "/v1/conferences/{conference_id}"): Expect(
        frozenset(OFFICERS),
        200,
        lambda w, _r: Call("GET", f"/v1/conferences/{w.case('conference:read')}"),
    ),
    ("PUT", "/v1/conferences/{conference_id}"): Expect(
        frozenset({"county"}),
        200,
        lambda w, _r: Call("PUT", f"/v1/conferences/{w.case('conference:amend')}", CONFERENCE),
    ),
    ("POST", "/v1/conferences/{conference_id}/signature"): Expect(
        frozenset({"county"}),
        200,
        lambda w, _r: Call(
            "POST",
            f"/v1/conferences/{w.case('conference:sign')}/signature",
            {"signed_on": "2026-10-13"},
        ),
    ),
    ("GET", "/v1/publicity"): Expect(
        frozenset(OFFICERS), 200, _get(f"/v1/publicity?region={IN_REGION}&on=2026-10-16")
    ),
    ("GET", "/v1/applications/{application_id}/notice.pdf"): Expect(
        frozenset(OFFICERS), 200, _case("not_accepted", "notice.pdf")
    ),
    ("GET", "/v1/reviews"): Expect(
        frozenset(OFFICERS), 200, _get(f"/v1/reviews?due_on=2027-12-31&region={IN_REGION}")
    ),
    ("POST", "/v1/reviews"): Expect(
        frozenset({"township", "county"}),
        201,
        lambda _w, _r: Call("POST", "/v1/reviews", CONTINUE),
    ),
    # Department webhooks (P11, docs/webhooks.md): the department for its own, the county for
    # its region's. The lists are of the caller's region (no subject: 200, maybe empty).
    ("POST", "/v1/webhooks"): Expect(
        HOOK_MANAGERS,
        201,
        lambda _w, _r: Call(
            "POST",
            "/v1/webhooks",
            {"url": "https://93.184.216.34/hook", "department": "housing", "region": IN_REGION},
        ),
    ),
    ("GET", "/v1/webhooks"): Expect(HOOK_MANAGERS, 200, _get("/v1/webhooks"), scoped=False),
    ("DELETE", "/v1/webhooks/{webhook_id:webhook_id}"): Expect(
        HOOK_MANAGERS,
        200,
        lambda w, _r: Call("DELETE", f"/v1/webhooks/{w.case('webhook')}"),
    ),
    ("GET", "/v1/webhooks/dead-letters"): Expect(
        HOOK_MANAGERS, 200, _get("/v1/webhooks/dead-letters"), scoped=False
    ),
    ("POST", "/v1/webhooks/dead-letters/{message_id}/requeue"): Expect(
        HOOK_MANAGERS,
        200,
        lambda w, r: Call(
            "POST",
            f"/v1/webhooks/dead-letters/{w.case('dead:' + (r if r == 'department' else 'county'))}"
            "/requeue",
        ),
    ),
    # Sign-in and accounts (CONTRACT §5, issue 16). Signing in and refreshing are public: a
    # made-up username (one per role, two tries each: no lock) and a made-up refresh token are
    # 401. The holder's routes need an account's session: a `hhgraph token` (every token of
    # the matrix) has none, 403. Accounts are managed by province and city officers of the
    # account's region; `matrix.town` is made in IN_REGION when the world is loaded.
    ("POST", "/v1/auth/login"): Expect(
        None,
        401,
        lambda _w, r: Call(
            "POST", "/v1/auth/login", {"username": f"matrix.nobody.{r}", "password": "Wrong-12345"}
        ),
        scoped=False,
    ),
    ("POST", "/v1/auth/refresh"): Expect(
        None,
        401,
        lambda _w, _r: Call("POST", "/v1/auth/refresh", {"refresh_token": "no-session.no-secret"}),
        scoped=False,
    ),
    ("POST", "/v1/auth/logout"): Expect(
        frozenset(), 204, lambda _w, _r: Call("POST", "/v1/auth/logout"), scoped=False
    ),
    ("POST", "/v1/accounts"): Expect(
        ACCOUNT_ADMINS,
        201,
        lambda _w, r: Call(
            "POST",
            "/v1/accounts",
            {"username": f"matrix.new.{r}", "role": "township", "region": IN_REGION},
        ),
    ),
    ("GET", "/v1/accounts"): Expect(ACCOUNT_ADMINS, 200, _get("/v1/accounts"), scoped=False),
    ("POST", "/v1/accounts/{username}/disable"): Expect(
        ACCOUNT_ADMINS, 200, lambda _w, _r: Call("POST", "/v1/accounts/matrix.town/disable")
    ),
    ("POST", "/v1/accounts/{username}/reset"): Expect(
        ACCOUNT_ADMINS, 200, lambda _w, _r: Call("POST", "/v1/accounts/matrix.town/reset")
    ),
    ("POST", "/v1/accounts/me/password"): Expect(
        frozenset(),
        200,
        lambda _w, _r: Call(
            "POST", "/v1/accounts/me/password", {"old": "Wrong-12345", "new": "Better-12345"}
        ),
        scoped=False,
    ),
    ("POST", "/v1/accounts/me/otp"): Expect(
        frozenset(), 200, lambda _w, _r: Call("POST", "/v1/accounts/me/otp"), scoped=False
    ),
    ("POST", "/v1/accounts/me/otp/confirm"): Expect(
        frozenset(),
        200,
        lambda _w, _r: Call("POST", "/v1/accounts/me/otp/confirm", {"otp": "123456"}),
        scoped=False,
    ),
    # S1-S3 (issue 19): the subject is the region asked for.
    ("GET", "/v1/stats"): Expect(
        frozenset(OFFICERS), 200, _get(f"/v1/stats?region={IN_REGION}&as_of={AS_OF}&months=2")
    ),
    ("GET", "/v1/stats.xlsx"): Expect(
        frozenset(OFFICERS), 200, _get(f"/v1/stats.xlsx?region={IN_REGION}&as_of={AS_OF}")
    ),
    ("GET", "/v1/reviews/{review_id}/notice.pdf"): Expect(
        frozenset(OFFICERS), 200, lambda w, _r: Call("GET", f"/v1/reviews/{w.review_id}/notice.pdf")
    ),
}


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path template) of every route the app serves, included routers flattened."""
    return {
        (method, str(context.path))
        for context in iter_route_contexts(app.routes)
        for method in context.methods or ()
    }


def expected_status(expect: Expect, role: str | None, region: str) -> int:
    """CONTRACT §3: 401 without a token, 403 for a role not allowed, 404 outside the region."""
    if expect.roles is None:
        return expect.ok
    if role is None:
        return 401
    if role not in expect.roles:
        return 403
    if expect.scoped and region != IN_REGION:
        return 404
    return expect.ok_for.get(role, expect.ok)


def send(client: TestClient, call: Call, headers: dict[str, str]) -> Any:
    if call.body is None:
        return client.request(call.method, call.url, headers=headers)
    return client.request(call.method, call.url, json=call.body, headers=headers)


@dataclass(frozen=True)
class Outcome:
    """One call of the matrix and what came back."""

    role: str | None  # None: no token
    region: str  # the token's region
    call: Call
    status: int
    media_type: str
    text: str
    headers: dict[str, str]

    def __str__(self) -> str:
        who = f"{self.role} over {self.region}" if self.role else "no token"
        return f"{who}: {self.call.method} {self.call.url} -> {self.status} {self.text[:200]}"


def run_matrix(client: TestClient, world: World, route: tuple[str, str]) -> list[Outcome]:
    """The route called without a token, then by each role over each region."""
    expect = EXPECT[route]
    callers: list[tuple[str | None, str]] = [(None, IN_REGION)]
    callers += [(role, region) for region in (IN_REGION, OUT_OF_REGION) for role in ROLES]
    outcomes = []
    for role, region in callers:
        call = expect.call(world, role or "none")
        response = send(client, call, bearer(role, region) if role is not None else {})
        media = response.headers.get("content-type", "")
        outcomes.append(
            Outcome(
                role,
                region,
                call,
                response.status_code,
                media,
                response.text,
                dict(response.headers),
            )
        )
    return outcomes


def leaked(outcome: Outcome) -> list[str]:
    """Full ids of persons outside the caller's region in the body; an error may echo the
    ids the request itself named, which tells the caller nothing."""
    forbidden = outside(outcome.region) if outcome.role is not None else set(RESIDENCE)
    if outcome.status >= 400:
        asked = outcome.call.url + json.dumps(outcome.call.body, ensure_ascii=False)
        forbidden = {pid for pid in forbidden if pid not in asked}
    return sorted(pid for pid in forbidden if pid in outcome.text)


@pytest.fixture(scope="module")
def matrix(
    driver: Driver, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[tuple[str, str]], list[Outcome]]]:
    """The outcomes of a route's calls, computed once per route.

    One world for the module (loading it per route would take most of a minute): the graph
    is emptied first, as the `graph` fixture does, and no test here asks for `graph`. The
    calls that change state do not disturb the others: ingest reloads a record the graph
    holds, rescoring is incremental with nothing touched, and each verifier closes its own
    warning.
    """
    driver.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
    graph = Graph(driver, "neo4j", 30.0)
    loaded = with_review(graph, load_world(graph))
    cases = open_cases(graph, (NEIGHBOUR, STRANGER))
    cases |= open_referrals(graph, cases["received:township"])
    cases |= dead_letters(graph, IN_REGION)
    town = NewAccount("matrix.town", "township", IN_REGION)
    create_account(graph, None, town, "matrix")
    cases |= open_relief(graph, (NEIGHBOUR, STRANGER))
    cases |= open_conferences(graph)
    world = replace(loaded, cases=cases)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        secret=SecretStr(TEST_SECRET),
        audit_key=SecretStr(TEST_AUDIT_KEY),
        dev_mode=False,  # whatever HHGRAPH_DEV_MODE says: /dev/token is absent
        audit_dir=tmp_path_factory.mktemp("audit"),
    )
    client = TestClient(create_app(settings, graph))
    done: dict[tuple[str, str], list[Outcome]] = {}

    def outcomes(route: tuple[str, str]) -> list[Outcome]:
        if route not in done:
            done[route] = run_matrix(client, world, route)
        return done[route]

    yield outcomes
    driver.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")


def test_every_route_has_an_expectation() -> None:
    # Routing needs no database, and `graph` would empty the module's world. Dev mode adds
    # its routes: every route the app can serve.
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        secret=SecretStr(TEST_SECRET),
        audit_key=SecretStr(TEST_AUDIT_KEY),
        dev_mode=True,
    )
    served = app_routes(create_app(settings))
    assert sorted(served - EXPECT.keys()) == [], "routes without a row in EXPECT"
    assert sorted(EXPECT.keys() - served) == [], "rows of EXPECT for routes the app lacks"


@pytest.mark.parametrize("route", sorted(EXPECT), ids=" ".join)
def test_status_by_role_and_region(
    matrix: Callable[[tuple[str, str]], list[Outcome]], route: tuple[str, str]
) -> None:
    """401 without a token, 403 for a role not allowed, 404 outside the region, else 2xx;
    every error as application/problem+json (CONTRACT §3)."""
    wrong = [
        f"{o} (wanted {expected_status(EXPECT[route], o.role, o.region)})"
        for o in matrix(route)
        if o.status != expected_status(EXPECT[route], o.role, o.region)
    ]
    wrong += [
        f"{o} (as {o.media_type})"
        for o in matrix(route)
        if o.status >= 400 and o.media_type != PROBLEM_MEDIA_TYPE
    ]
    assert wrong == []


# Routes whose bodies show an out-of-region person's full id today: each is a bug to fix in
# the route (the test then XPASSes, which fails, and its row here must go).
KNOWN_LEAKS: dict[tuple[str, str], str] = {}  # none left: /changes showed a former member


@pytest.mark.parametrize(
    "route",
    [
        pytest.param(r, marks=pytest.mark.xfail(strict=True, reason=KNOWN_LEAKS[r]))
        if r in KNOWN_LEAKS
        else r
        for r in sorted(EXPECT)
    ],
    ids=" ".join,
)
def test_no_out_of_region_resident_id_in_any_body(
    matrix: Callable[[tuple[str, str]], list[Outcome]], route: tuple[str, str]
) -> None:
    """A person outside the caller's region shows masked, if at all (CONTRACT §3)."""
    assert [f"{o}: {leaked(o)}" for o in matrix(route) if leaked(o)] == []


def test_outside_names_the_far_relatives_and_the_strangers() -> None:
    assert outside(IN_REGION) == {family.UNCLE, STRANGER, STRANGER_WIFE}
    assert outside(OUT_OF_REGION) == {
        family.GRANDMA,
        family.FATHER,
        family.MOTHER,
        family.CHILD,
        NEIGHBOUR,
    }
    assert outside("440000000000") == set()


@pytest.mark.parametrize("route", sorted(EXPECT), ids=" ".join)
def test_issue14_item13_every_answer_is_no_store_and_nosniff(
    matrix: Callable[[tuple[str, str]], list[Outcome]], route: tuple[str, str]
) -> None:
    """Personal data (and the ids an error echoes) is never kept by a cache, and no body is
    sniffed into HTML or script; the console's static files keep their own no-cache. Over
    plain HTTP there is no HSTS (it would mean nothing)."""
    console = route[1] in {"/", "/console/{relative:path}", "/console/vendor/{name}"}

    def cache(o: Outcome) -> str:
        return "no-cache" if console and o.status < 400 else "no-store"

    wrong = [
        f"{o}: {o.headers.get('cache-control')}, {o.headers.get('x-content-type-options')}"
        for o in matrix(route)
        if o.headers.get("cache-control") != cache(o)
        or o.headers.get("x-content-type-options") != "nosniff"
        or "strict-transport-security" in o.headers
    ]
    assert wrong == []
