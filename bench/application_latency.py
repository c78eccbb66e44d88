"""`GET /v1/applications` and the case page at 8 concurrent clients against a real `hhgraph
serve`, each beside its floor measured in the same run (issue 17, RULES P1–P12).

    NEO4J_URI=... .venv/bin/python bench/application_latency.py [--applications 100000] [--keep]

Uses the households of the database as they are (load them first with
`bench/load_throughput.py --households 100000`; it refuses to run on an empty store) and seeds
`--applications` applications on them, UNWIND-batched, with the properties the real code writes
(`cypher/applications/create.cypher`, `append_step.cypher`, docs/model.md): ids in the real
format (`A<received_on>-<township>-<8 hex>`, steps `<id>-<seq>`), spread over the nine
statuses, the five programmes, every township that has households and a year of intake dates,
each with the 2–7 `CaseStep` nodes its status implies (application, authorisations, acceptance,
investigation, publicity, transmission, decision or withdrawal), the rule ids and target status
of `procedure.states.MOVES`, the dates moved by the W4 calendar of the database and the due
dates computed by `applications.deadlines.due_fields`. Step `data` is the JSON the planners of
`applications.plan` write; an investigation carries a verdict snapshot made by
`applications.verdict.take_snapshot` on one of `--templates` households of the store, with the
application's own household, members and person put in (so its size is the real one). No
enrolments or C3 filings are seeded: the two read routes measured here do not read them.

Then it starts `hhgraph serve` (bench/latency.py's start and raw keep-alive client) and
measures, per route, `--warmup` requests (not counted) and `--requests` from `--concurrency`
clients: a county's list (`?limit=100`, a county officer), a township's list (a township
officer), the county's `?overdue_on=` list, and the case page `GET /v1/applications/{id}`
(the county officer, ids drawn from the county's applications). Each route's floor is the same
Cypher through the driver from `--concurrency` threads, no HTTP: `applications/list` with the
route's parameters; for the case page `applications/case`, `persons/visible` with the ids the
answer names, and, for a received application, `applications/intake_facts` (what `missing`
reads). Prints p50/p95/p99/max, errors and requests/s of both, and the ratios.

At the end it deletes what it seeded (applications whose first step is by `bench-applications`,
with their steps; also done first, should an earlier run have kept them), unless `--keep`.
Writes only those; the audit files of the API go to a temporary folder.
"""

import argparse
import asyncio
import json
import secrets
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from random import Random
from typing import Any

from benchlib import connect, table
from latency import (
    Phase,
    RawGetter,
    free_port,
    percentile,
    phase_row,
    run_phase,
    start_api,
    stop_api,
)
from neo4j.exceptions import DriverError, Neo4jError

from api.security import Role, mint_token
from api.services.applications import VISIBLE, _person_ids
from applications.case import Case
from applications.deadlines import due_fields
from applications.service import CASE, INTAKE_FACTS, LIST, PROVINCE
from applications.verdict import Snapshot, take_snapshot
from core.dates import today_in_china
from graph.db import Graph
from procedure.clock import notice_due, overall_limit, publicity_last_day, working_day_clock
from procedure.policy import ProcedurePolicy, default_policy
from procedure.states import MOVES, Status, Step
from scoring.workdays import Calendar

SEEDED_BY = "bench-applications"  # every seeded step's `by`: what the clean-up looks for
HOUSEHOLDS = """
MATCH (h:Household) WHERE h.region_code STARTS WITH '44'
RETURN h.household_id AS id, h.region_code AS region_code, h.hukou AS hukou,
       COLLECT { MATCH (p:Person)-[m:MEMBER_OF]->(h) WHERE m.to IS NULL
                 RETURN p.person_id ORDER BY p.person_id } AS members
"""
SEED = """
UNWIND $rows AS row
MATCH (h:Household {household_id: row.application.household_id})
OPTIONAL MATCH (p:Person {person_id: row.application.person_id})
CREATE (a:Application)
SET a = row.application, a.created_at = datetime()
CREATE (a)-[:FOR]->(h)
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (a)-[:FOR]->(p))
WITH a, row
UNWIND row.steps AS step
CREATE (a)-[:HAS_STEP]->(s:CaseStep)
SET s = step, s.recorded_at = datetime()
RETURN count(DISTINCT a) AS applications, count(s) AS steps
"""
UNSEED = """
MATCH (a:Application)-[:HAS_STEP]->(:CaseStep {seq: 1, by: $by})
WITH a LIMIT $chunk
CALL (a) { MATCH (a)-[:HAS_STEP]->(s:CaseStep) DETACH DELETE s }
DETACH DELETE a
RETURN count(*) AS deleted
"""

# The share of each final status, and the steps that lead to it (after `application`, the
# authorisations are added where the status needs them).
PATHS: dict[str, tuple[int, tuple[Step, ...]]] = {
    "received": (10, ()),
    "not_accepted": (5, ("non_acceptance",)),
    "withdrawn": (7, ("withdrawal",)),
    "accepted": (8, ("acceptance",)),
    "investigating": (10, ("acceptance", "investigation")),
    "publicity": (6, ("acceptance", "investigation", "publicity")),
    "transmitted": (8, ("acceptance", "investigation", "publicity", "transmission")),
    "granted": (36, ("acceptance", "investigation", "publicity", "transmission", "grant")),
    "refused": (10, ("acceptance", "investigation", "transmission", "refusal")),
}
PROGRAMS = {
    "dibao": 55,
    "marginal": 14,
    "expenditure_hardship": 9,
    "tekun": 13,
    "single_person_dibao": 9,
}
CHANNELS = {"window": 58, "proxy_committee": 15, "proxy_person": 9, "online": 18}
FINDINGS = (
    "入户核查：家庭成员{n}人，住房为自建砖混房，主要收入来源为务农及零星务工，"
    "未发现机动车辆、商铺及大额存款，邻里走访情况与申报一致。",
    "入户核查：申请人长期患病，需定期门诊治疗，家庭{n}人中仅一人有劳动能力，"
    "月均收入低于当地低保标准，核查银行流水未见异常。",
    "入户核查：家庭{n}人，子女在校就读，住房狭小，家电陈旧，申报收入与村委会掌握情况相符。",
)
REASONS = (
    "家庭人均收入高于当地低保标准",
    "家庭拥有机动车辆一辆，不符合财产状况规定",
    "申请人不配合入户调查",
)
WITHDRAWALS = ("申请人外出务工，申请撤回", "家庭收入情况好转，主动撤回申请")
PROXIES = ("村民委员会 陈某", "居民委员会 黄某", "亲属 李某")


@dataclass(frozen=True, slots=True)
class Home:
    household_id: str
    region_code: str
    hukou: str | None
    members: list[str]

    @property
    def township_code(self) -> str:
        return self.region_code[:9].ljust(12, "0")


def pick(rng: Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


class Seeder:
    """Applications as the real code would have left them (see the module docstring)."""

    def __init__(
        self,
        homes: Sequence[Home],
        templates: Sequence[Snapshot],
        calendar: Calendar,
        policy: ProcedurePolicy,
        rng: Random,
    ) -> None:
        self.homes, self.calendar, self.policy, self.rng = homes, calendar, policy, rng
        self.with_person = [t for t in templates if t.get("person")] or list(templates)
        self.household_only = [t for t in templates if not t.get("person")] or list(templates)
        self.officials = [
            m for h in rng.sample(list(homes), min(200, len(homes))) for m in h.members
        ]
        self.status_weights: dict[str, int] = {s: w for s, (w, _) in PATHS.items()}
        self.refusing = False

    def later(self, day: date, most: int = 6) -> date:
        return working_day_clock(self.calendar, day, self.rng.randint(1, most)).due_on

    def application(self) -> dict[str, Any]:
        rng = self.rng
        home = rng.choice(self.homes)
        program = pick(rng, PROGRAMS)
        person = rng.choice(home.members) if program in ("tekun", "single_person_dibao") else None
        received = date.fromordinal(date(2025, 12, 1).toordinal() + rng.randrange(335))
        township = home.township_code
        app_id = f"A{received:%Y%m%d}-{township[:9]}-{rng.getrandbits(32):08x}"
        channel = pick(rng, CHANNELS)
        app: dict[str, Any] = {
            "application_id": app_id,
            "program": program,
            "household_id": home.household_id,
            "person_id": person,
            "subject_id": person or home.household_id,
            "applicant_id": rng.choice(home.members),
            "channel": channel,
            "proxy_name": rng.choice(PROXIES) if channel.startswith("proxy") else None,
            "received_on": received,
            "township_code": township,
            "declared_official_relative": rng.random() < 0.02,
            "discovery_id": None,
            "status": "received",
            "status_since": received,
            "filed": False,
            "version": 1,
        }
        final = pick(rng, self.status_weights)
        steps = [self.step(app, 1, "application", received, "township", {})]
        steps += self.authorisations(app, home, final, len(steps) + 1, received)
        day = steps[-1]["on"]
        self.refusing = final == "refused"
        for kind in PATHS[final][1]:
            day = self.later(day)
            data, role = self.advance(app, home, kind, day)
            steps.append(self.step(app, len(steps) + 1, kind, day, role, data))
        app |= due_fields(app, self.policy, self.calendar)
        app["version"] = len(steps)
        return {"application": app, "steps": steps}

    def authorisations(
        self, app: dict[str, Any], home: Home, final: str, seq: int, day: date
    ) -> list[dict[str, Any]]:
        """P2: one signature for all members, or two (at most 7 steps in all); a received
        case may still lack some, a closed one may have none."""
        members, rng = home.members, self.rng
        half = len(members) // 2
        two = len(members) > 1 and len(PATHS[final][1]) < 5 and rng.random() < 0.4
        parts = [members[:half], members[half:]] if two else [members]
        if final == "received" and rng.random() < 0.5:
            parts = [parts[0][:-1] or parts[0]] if len(parts) == 1 else parts[:1]
        elif final in ("not_accepted", "withdrawn") and rng.random() < 0.5:
            parts = []
        found = []
        for covered in parts:
            day = self.later(day, 3)
            data = {
                "channel": self.rng.choice(("paper", "paper", "electronic")),
                "person_ids": covered,
                "signer_id": app["applicant_id"] if app["applicant_id"] in covered else covered[0],
            }
            found.append(self.step(app, seq + len(found), "authorisation", day, "township", data))
        return found

    def advance(
        self, app: dict[str, Any], home: Home, kind: Step, day: date
    ) -> tuple[dict[str, Any], Role]:
        """The step's data and the projection it sets on `app` (as `applications.plan`)."""
        rng, cal, policy = self.rng, self.calendar, self.policy
        if kind == "acceptance":
            app["accepted_on"] = day
            return {"accept": True}, "township"
        if kind == "non_acceptance":
            reason = "申请材料不全，经一次性告知后仍未补齐"
            app |= {"closed_on": day, "reason": reason}
            app["notice_due_on"] = notice_due(cal, policy, day).due_on
            return {"accept": False, "reason": reason}, "township"
        if kind == "withdrawal":
            reason = rng.choice(WITHDRAWALS)
            app |= {"closed_on": day, "reason": reason}
            return {"reason": reason}, "township"
        if kind == "investigation":
            refuse = self.refusing
            opinion = "refuse" if refuse else "grant"
            app |= {"opinion": opinion, "opinion_on": day}
            return {
                "investigators": rng.sample(self.officials, 2),
                "present_member_id": app["applicant_id"],
                "findings": rng.choice(FINDINGS).format(n=len(home.members)),
                "opinion": opinion,
                "reason": rng.choice(REASONS) if refuse else None,
                "verdict": self.snapshot(app, home, day),
            }, "township"
        if kind == "publicity":
            last = publicity_last_day(cal, policy, day)
            app |= {
                "posted_on": day,
                "publicity_last_day": last.due_on,
                "publicity_last_day_provisional": last.provisional,
                "household_size": len(home.members),
                "proposed_amount": None
                if app["program"] in ("marginal", "expenditure_hardship")
                else float(rng.randrange(300, 1400)),
            }
            return {"last_day": last.due_on}, "township"
        if kind == "transmission":
            app["transmitted_on"] = day
            return {"to": policy.deciding_level(app["township_code"])}, "township"
        return self.decide(app, kind, day), "county"

    def decide(self, app: dict[str, Any], kind: Step, day: date) -> dict[str, Any]:
        limit = overall_limit(self.calendar, self.policy, app["accepted_on"], None).due_on
        app |= {"decided_on": day, "extension_reason": None, "decided_late": day > limit}
        app["closed_on"] = day
        if kind == "refusal":
            reason = self.rng.choice(REASONS)
            app["notice_due_on"] = notice_due(self.calendar, self.policy, day).due_on
            return {"grant": False, "reason": reason}
        start = date(day.year + day.month // 12, day.month % 12 + 1, 1)  # P8: the next month
        amount = app.get("proposed_amount")
        app |= {"monthly_amount": amount, "enrollment_from": start}
        enrollment = {
            "program": app["program"],
            "subject_id": app["subject_id"],
            "from": start,
            "monthly_amount": amount,
        }
        return {"grant": True, "reason": None, "enrollment": enrollment}

    def snapshot(self, app: dict[str, Any], home: Home, day: date) -> Snapshot:
        """A real snapshot of another household with this household's facts put in."""
        person_id = app["person_id"]
        template = self.rng.choice(self.with_person if person_id else self.household_only)
        household = dict(template["household"])
        household |= {"household_id": home.household_id, "member_ids": home.members}
        household["hukou"] = home.hukou
        household["excluded"] = []
        first = (household.get("single_person_dibao") or [{}])[0]
        household["single_person_dibao"] = [
            {
                "person_id": m,
                "eligible": first.get("eligible", False),
                "reasons": first.get("reasons", []),
            }
            for m in home.members
        ]
        person = None
        unverified: list[str] = []
        if person_id and template.get("person"):
            person = dict(template["person"]) | {"person_id": person_id}
            unverified = sorted(
                s["person_id"] for s in person.get("supporters", []) if s.get("outside_household")
            )
        return template | {
            "as_of": day.isoformat(),
            "household": household,
            "person": person,
            "unverified": unverified,
        }

    def step(
        self, app: dict[str, Any], seq: int, kind: Step, day: date, role: str, data: dict[str, Any]
    ) -> dict[str, Any]:
        before: Status | None = None if seq == 1 else app["status"]
        move = MOVES[(before, kind)]
        if move.target != app["status"]:
            app["status_since"] = day
        app["status"] = move.target
        return {
            "step_id": f"{app['application_id']}-{seq:03d}",
            "seq": seq,
            "step": kind,
            "on": day,
            "by": SEEDED_BY,
            "role": role,
            "rules": list(move.rules),
            "produced": move.target,
            "data": json.dumps(data, ensure_ascii=False, sort_keys=True, default=str),
        }


def load_homes(graph: Graph) -> list[Home]:
    records = graph.driver.execute_query(HOUSEHOLDS, database_=graph.database).records
    return [
        Home(r["id"], r["region_code"], r["hukou"], list(r["members"]))
        for r in records
        if r["members"]
    ]


def templates(
    graph: Graph, homes: Sequence[Home], count: int, on: date, rng: Random
) -> list[Snapshot]:
    """Real verdict snapshots of `count` households (half with a member's T1–T7)."""
    found = []
    for i, home in enumerate(rng.sample(list(homes), min(count, len(homes)))):
        person = rng.choice(home.members) if i % 2 else None
        snapshot = take_snapshot(graph, home.household_id, person, on)
        if snapshot is not None:
            found.append(snapshot)
    if not found:
        raise SystemExit("no household of the store has a verdict: load data first")
    return found


def batches(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(frozen=True, slots=True)
class Seeded:
    applications: int
    steps: int
    data_bytes: int
    seconds: float
    townships: Counter[str]


def seed(graph: Graph, seeder: Seeder, count: int, batch_size: int) -> Seeded:
    started = time.perf_counter()
    applications = steps = data_bytes = 0
    townships: Counter[str] = Counter()

    def rows() -> Iterator[dict[str, Any]]:
        nonlocal data_bytes
        for _ in range(count):
            row = seeder.application()
            townships[row["application"]["township_code"]] += 1
            data_bytes += sum(len(s["data"].encode()) for s in row["steps"])
            yield row

    for batch in batches(rows(), batch_size):
        result = graph.driver.execute_query(SEED, {"rows": batch}, database_=graph.database)
        applications += result.records[0]["applications"]
        steps += result.records[0]["steps"]
    return Seeded(applications, steps, data_bytes, time.perf_counter() - started, townships)


def unseed(graph: Graph, chunk: int = 2_000) -> int:
    """Delete the seeded applications with their steps, `chunk` applications a transaction."""
    total = deleted = chunk
    total = 0
    while deleted:
        result = graph.driver.execute_query(
            UNSEED, {"by": SEEDED_BY, "chunk": chunk}, database_=graph.database
        )
        deleted = result.records[0]["deleted"]
        total += deleted
    return total


# -- measuring -------------------------------------------------------------------------------


def run_floor(work: Callable[[], None], requests: int, concurrency: int, seconds: float) -> Phase:
    """`requests` calls of `work` from `concurrency` threads, stopping early after `seconds`."""
    phase = Phase()
    lock = threading.Lock()
    remaining = requests
    deadline = time.perf_counter() + seconds

    def loop() -> None:
        nonlocal remaining
        while True:
            with lock:
                if remaining <= 0 or time.perf_counter() >= deadline:
                    return
                remaining -= 1
            started = time.perf_counter()
            try:
                work()
                failed = 0
            except (Neo4jError, DriverError):
                failed = 1
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                phase.latencies_ms.append(elapsed)
                phase.errors += failed

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for future in [pool.submit(loop) for _ in range(concurrency)]:
            future.result()
    phase.seconds = time.perf_counter() - started
    return phase


@dataclass(frozen=True, slots=True)
class Route:
    """One measured route: its URL, the token that calls it, and its floor."""

    name: str
    url: Callable[[], str]
    client: str  # "county" or "township": whose token
    floor: Callable[[], None]


def list_floor(graph: Graph, prefix: str, overdue_on: date | None) -> Callable[[], None]:
    """`applications/list` with the parameters `list_applications` passes for the route."""
    params = {
        "region_prefix": prefix,
        "status": None,
        "program": None,
        "overdue_on": overdue_on,
        "filed": None,
        "cursor": "",
        "limit": 100,
    }

    def work() -> None:
        graph.read(LIST, params)

    return work


def case_floor(
    graph: Graph, prefix: str, cases: dict[str, tuple[list[str], str | None]], rng: Random
) -> Callable[[], None]:
    """The case page's queries: the case, who of its persons the caller sees, and for a
    received application the household's members today (`missing`)."""
    ids = sorted(cases)

    def work() -> None:
        application_id = rng.choice(ids)
        graph.one_or_none(CASE, {"application_id": application_id, "region_prefix": prefix})
        person_ids, received_household = cases[application_id]
        if person_ids:
            graph.value(VISIBLE, {"person_ids": person_ids, "region_prefix": prefix})
        if received_household is not None:
            params = {"household_id": received_household, "region_prefix": PROVINCE}
            graph.one_or_none(INTAKE_FACTS, params | {"on": today_in_china()})

    return work


def draw_cases(
    graph: Graph, prefix: str, count: int, rng: Random
) -> dict[str, tuple[list[str], str | None]]:
    """`count` of the county's applications: the ids the answer names (as the route computes
    them), and the household of a received one."""
    ids = [
        r["application"]["application_id"]
        for r in graph.read(
            LIST,
            {
                "region_prefix": prefix,
                "status": None,
                "program": None,
                "overdue_on": None,
                "filed": None,
                "cursor": "",
                "limit": 100_000,
            },
        )
    ]
    found = {}
    for application_id in rng.sample(ids, min(count, len(ids))):
        row = graph.one(CASE, {"application_id": application_id, "region_prefix": prefix})
        case = Case.of(row)
        received = case.application["household_id"] if case.status == "received" else None
        found[application_id] = (sorted(set(_person_ids(case))), received)
    return found


async def measure_http(args: argparse.Namespace, port: int, token: str, route: Route) -> Phase:
    """The route's warm-up, then its counted requests, over keep-alive connections."""
    client = RawGetter(port, token, args.concurrency)
    await client.open()
    try:
        await run_phase(client, route.url, args.warmup, args.concurrency, args.seconds)
        phase = await run_phase(client, route.url, args.requests, args.concurrency, args.seconds)
    finally:
        await client.close()
    odd = {s: n for s, n in phase.statuses.items() if s != 200}
    if odd:
        print(f"{route.name}: statuses other than 200: {odd}")
    return phase


def measure_floor(args: argparse.Namespace, route: Route) -> Phase:
    run_floor(route.floor, args.warmup, args.concurrency, args.seconds)
    return run_floor(route.floor, args.requests, args.concurrency, args.seconds)


def ratio_row(name: str, http: Phase, floor: Phase) -> list[str]:
    """HTTP over floor at p50/p95/p99, and the floor's requests/s over HTTP's."""
    h, f = sorted(http.latencies_ms), sorted(floor.latencies_ms)
    if not h or not f:
        return [name, "", "", "", ""]
    cells = [f"{percentile(h, p) / percentile(f, p):.1f}x" for p in (50, 95, 99)]
    rate = (len(f) / floor.seconds) / (len(h) / http.seconds)
    return [name, *cells, f"{rate:.1f}x"]


def busiest(townships: Counter[str]) -> tuple[str, str]:
    """The county with the most seeded applications, and its busiest township (prefixes)."""
    counties: Counter[str] = Counter()
    for code, n in townships.items():
        counties[code[:6]] += n
    county = counties.most_common(1)[0][0]
    township = max((c for c in townships if c.startswith(county)), key=lambda c: townships[c])
    return county, township[:9]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=100_000, help="seeded")
    parser.add_argument("--batch-size", type=int, default=500, help="applications a statement")
    parser.add_argument("--templates", type=int, default=60, help="households snapshotted")
    parser.add_argument("--requests", type=int, default=1000, help="per route, counted")
    parser.add_argument("--warmup", type=int, default=200, help="per route, not counted")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0, help="cap per route and phase")
    parser.add_argument("--cases", type=int, default=500, help="case ids drawn")
    parser.add_argument("--overdue-on", type=date.fromisoformat, default=date(2026, 11, 1))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="hhgraph serve --workers")
    parser.add_argument("--keep", action="store_true", help="keep the seeded applications")
    args = parser.parse_args()
    rng = Random(args.seed)  # noqa: S311 - synthetic data and test ids, not security
    with connect(timeout_s=300) as graph:
        homes = load_homes(graph)
        if not homes:
            raise SystemExit("no households in region 44: run bench/load_throughput.py first")
        if old := unseed(graph):
            print(f"deleted {old:,} applications an earlier run kept")
        try:
            run(args, graph, homes, rng)
        finally:
            if not args.keep:
                started = time.perf_counter()
                gone = unseed(graph)
                print(
                    f"deleted the {gone:,} seeded applications in "
                    f"{time.perf_counter() - started:.1f} s"
                )


def run(args: argparse.Namespace, graph: Graph, homes: list[Home], rng: Random) -> None:
    calendar, policy = Calendar.from_graph(graph), default_policy()
    snapshots = templates(graph, homes, args.templates, date(2026, 6, 1), rng)
    seeder = Seeder(homes, snapshots, calendar, policy, rng)
    seeded = seed(graph, seeder, args.applications, args.batch_size)
    print(
        f"seeded {seeded.applications:,} applications with {seeded.steps:,} steps "
        f"({seeded.data_bytes / seeded.steps:,.0f} bytes of data a step on average) on "
        f"{len(homes):,} households in {len(seeded.townships):,} townships in "
        f"{seeded.seconds:.1f} s"
    )
    county, township = busiest(seeded.townships)
    print(
        f"county {county}: {sum(n for c, n in seeded.townships.items() if c.startswith(county)):,} "
        f"applications; township {township}: {seeded.townships[township.ljust(12, '0')]:,}"
    )
    cases = draw_cases(graph, county, args.cases, rng)
    overdue = args.overdue_on.isoformat()
    routes = [
        Route(
            "county list",
            lambda: "/v1/applications?limit=100",
            "county",
            list_floor(graph, county, None),
        ),
        Route(
            "township list",
            lambda: "/v1/applications?limit=100",
            "township",
            list_floor(graph, township, None),
        ),
        Route(
            "county overdue list",
            lambda: f"/v1/applications?overdue_on={overdue}&limit=100",
            "county",
            list_floor(graph, county, args.overdue_on),
        ),
        Route(
            "case page",
            lambda: f"/v1/applications/{rng.choice(sorted(cases))}",
            "county",
            case_floor(graph, county, cases, rng),
        ),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        secret = secrets.token_urlsafe(48)
        port = free_port()
        api = start_api(port, secret, Path(tmp) / "audit", Path(tmp) / "serve.log", args.workers)
        try:
            tokens = {
                "county": mint_token(secret, "county", county.ljust(12, "0"), SEEDED_BY),
                "township": mint_token(secret, "township", township.ljust(12, "0"), SEEDED_BY),
            }
            measured = []
            for route in routes:
                http = asyncio.run(measure_http(args, port, tokens[route.client], route))
                measured.append((route.name, http, measure_floor(args, route)))
        finally:
            stop_api(api)
    print(
        f"{args.concurrency} concurrent clients (raw keep-alive HTTP; floor: "
        f"{args.concurrency} driver threads), {args.requests} requests per route after "
        f"{args.warmup} not counted; {len(cases)} case ids drawn"
    )
    headers = ["route", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s"]
    rows = []
    for name, http, floor in measured:
        rows += [phase_row(name, http), phase_row("  floor", floor)]
    print(table(headers, rows))
    print(
        table(
            ["HTTP / floor", "p50", "p95", "p99", "req/s floor/HTTP"],
            [ratio_row(name, http, floor) for name, http, floor in measured],
        )
    )


if __name__ == "__main__":
    main()
