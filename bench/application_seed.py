"""The applications bench/application_latency.py measures (issue 17): seeded on the households of
the bench database, as the real code would have left them, with one UNWIND-batched statement
written for the benchmark, and deleted again by the mark every seeded step carries (its `by`).

Statuses, programmes, channels and the number of authorisations follow the weights below; the
dates move by the W4 calendar of the database; each application's properties are those
`cypher/applications/create.cypher` and `append_step.cypher` write (docs/model.md), its due
date computed by `applications.deadlines.due_fields`, and each step's `data` the JSON the
planners of `applications.plan` write. An investigation's verdict snapshot is a real one
(`applications.verdict.take_snapshot` of another household) with this household's id,
members and person put in. Inline Cypher here is bench instrumentation, never product code.
"""

import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from random import Random
from typing import Any

from api.security import Role
from applications.deadlines import due_fields
from applications.verdict import Snapshot, take_snapshot
from graph.db import Graph
from procedure.amounts import enrolment_from
from procedure.clock import notice_due, overall_limit, publicity_last_day, working_day_clock
from procedure.policy import ProcedurePolicy
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
        found: list[dict[str, Any]] = []
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
        start = enrolment_from(day)  # P8: the first day of the next month
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
            # the deadline the step leaves running, as applications.plan records it (S2)
            "due_on": due_fields(app, self.policy, self.calendar)["due_on"],
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
    investigations: int
    investigation_bytes: int  # of those steps' data: the verdict snapshot and the findings
    seconds: float
    townships: Counter[str]


def seed(graph: Graph, seeder: Seeder, count: int, batch_size: int) -> Seeded:
    started = time.perf_counter()
    applications = steps = data_bytes = investigations = investigation_bytes = 0
    townships: Counter[str] = Counter()

    def rows() -> Iterator[dict[str, Any]]:
        nonlocal data_bytes, investigations, investigation_bytes
        for _ in range(count):
            row = seeder.application()
            townships[row["application"]["township_code"]] += 1
            for step in row["steps"]:
                size = len(step["data"].encode())
                data_bytes += size
                if step["step"] == "investigation":
                    investigations += 1
                    investigation_bytes += size
            yield row

    for batch in batches(rows(), batch_size):
        result = graph.driver.execute_query(SEED, {"rows": batch}, database_=graph.database)
        applications += result.records[0]["applications"]
        steps += result.records[0]["steps"]
    seconds = time.perf_counter() - started
    return Seeded(
        applications, steps, data_bytes, investigations, investigation_bytes, seconds, townships
    )


def unseed(graph: Graph, chunk: int = 2_000) -> int:
    """Delete the seeded applications with their steps, `chunk` applications a transaction."""
    total, deleted = 0, chunk
    while deleted:
        result = graph.driver.execute_query(
            UNSEED, {"by": SEEDED_BY, "chunk": chunk}, database_=graph.database
        )
        deleted = result.records[0]["deleted"]
        total += deleted
    return total
