"""Temporary-relief cases (临时救助, R1–R5) seeded for the benchmarks, as the relief service
would have left them: a `Relief` node FOR a household, its timeline (`filing`, then a prefix
of `advance` → `paperwork` → `decision` → `follow_on`), its projection (status, `due_on` by
`relief.due_fields`), and for every advanced case a `payment` entry in its township's
standby fund (R5), after one allocation that covers them, so that the chain walks real
ledgers. Written straight by Cypher, a thousand cases a statement: bench instrumentation,
never product code. Every node it writes carries `by: SEEDED_BY` (steps and entries) or
`seeded_by` (funds), and `unseed_relief` deletes exactly those.
"""

import json
from collections import Counter
from datetime import date, timedelta
from random import Random
from typing import Any

from application_seed import Home

from graph.db import Graph
from procedure.policy import ProcedurePolicy
from relief import due_fields
from scoring.workdays import Calendar

SEEDED_BY = "bench-relief"
CAUSES = ["accident", "fire", "disaster", "illness", "other"]
PATH = ["filing", "advance", "paperwork", "decision", "follow_on"]
PRODUCED = {
    "filing": "filed",
    "advance": "advanced",
    "paperwork": "investigated",
    "decision": "granted",
    "follow_on": "closed",
}
SEED_RELIEF = """
UNWIND $rows AS row
MATCH (h:Household {household_id: row.relief.household_id})
CREATE (r:Relief)
SET r = row.relief, r.version = 1, r.created_at = datetime()
CREATE (r)-[:FOR]->(h)
WITH r, row
UNWIND row.steps AS step
CREATE (r)-[:HAS_STEP]->(s:CaseStep)
SET s = step, s.recorded_at = datetime()
RETURN count(DISTINCT r) AS relief
"""
SEED_FUNDS = """
UNWIND $funds AS fund
MERGE (f:Fund {township_code: fund.township_code})
  ON CREATE SET f.balance_fen = 0, f.version = 0, f.created_at = datetime(),
                f.seeded_by = $by
WITH f, fund
UNWIND fund.entries AS entry
CREATE (f)-[:HAS_ENTRY]->(e:FundEntry)
SET e = entry, e.township_code = f.township_code, e.seq = f.version + entry.n,
    e.recorded_at = datetime()
WITH f, fund, count(e) AS written
SET f.version = f.version + written, f.balance_fen = f.balance_fen + fund.delta_fen
RETURN count(f) AS funds
"""
UNSEED_RELIEF = """
MATCH (r:Relief)-[:HAS_STEP]->(:CaseStep {seq: 1, by: $by})
WITH r LIMIT $chunk
CALL (r) { MATCH (r)-[:HAS_STEP]->(s:CaseStep) DETACH DELETE s }
DETACH DELETE r
RETURN count(*) AS deleted
"""
UNSEED_ENTRIES = """
MATCH (e:FundEntry {by: $by})
WITH e LIMIT $chunk
DETACH DELETE e
RETURN count(*) AS deleted
"""
UNSEED_FUNDS = """
MATCH (f:Fund {seeded_by: $by})
WHERE NOT (f)-[:HAS_ENTRY]->()
DETACH DELETE f
RETURN count(*) AS deleted
"""


def _steps(relief_id: str, filed: date, depth: int) -> list[dict[str, Any]]:
    return [
        {
            "step_id": f"{relief_id}-{seq:03d}",
            "seq": seq,
            "step": step,
            "on": filed + timedelta(days=3 * (seq - 1)),
            "by": SEEDED_BY,
            "role": "county" if step == "decision" else "township",
            "rules": ["R1"] if step == "filing" else ["R3"],
            "produced": PRODUCED[step],
            "data": json.dumps({}),
        }
        for seq, step in enumerate(PATH[:depth], start=1)
    ]


def relief_rows(
    homes: list[Home], count: int, rng: Random, policy: ProcedurePolicy, calendar: Calendar
) -> list[dict[str, Any]]:
    """`count` cases on households drawn at random, filed from 2025-11 to 2026-10."""
    rows = []
    for n in range(count):
        home = rng.choice(homes)
        relief_id = f"RL-BENCH-{n:07d}"
        occurred = date(2025, 11, 1) + timedelta(days=rng.randrange(360))
        filed = occurred + timedelta(days=rng.randrange(3))
        depth = rng.choice([1, 2, 2, 3, 4, 5, 5])
        steps = _steps(relief_id, filed, depth)
        township = home.township_code
        requested = float(rng.randrange(500, 3000))
        case = {
            "relief_id": relief_id,
            "township_code": township,
            "county_code": township[:6].ljust(12, "0"),
            "track": "emergency" if depth > 1 or rng.random() < 0.5 else "expenditure",
            "cause": rng.choice(CAUSES),
            "occurred_on": occurred,
            "year": occurred.year,
            "filed_on": filed,
            "persons": len(home.members),
            "requested_amount": requested,
            "paid_amount": requested if depth >= 2 else 0.0,
            "household_id": home.household_id,
            "subject_kind": "household",
            "repeated_cause": False,
            "status": PRODUCED[PATH[depth - 1]],
            "status_since": steps[-1]["on"],
            "paid_on": steps[1]["on"] if depth >= 2 else None,
            "decided_on": steps[3]["on"] if depth >= 4 else None,
        }
        case.update(due_fields(case, policy, calendar))
        rows.append({"relief": case, "steps": steps})
    return rows


def fund_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per township: one allocation covering its seeded payments, then the payments."""
    paid: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        case = row["relief"]
        if case["paid_on"] is not None:
            paid.setdefault(case["township_code"], []).append(case)
    funds = []
    for township, cases in sorted(paid.items()):
        total = sum(c["paid_amount"] for c in cases)
        entries = [_entry(f"FE-BENCH-{township}-0", 1, date(2025, 10, 1), "allocation", total)]
        for n, c in enumerate(sorted(cases, key=lambda c: c["paid_on"]), start=2):
            entries.append(_entry(f"FE-BENCH-{c['relief_id']}", n, c["paid_on"], "payment",
                                  c["paid_amount"], c["relief_id"]))  # fmt: skip
        funds.append({"township_code": township, "entries": entries, "delta_fen": 0})
    return funds


def _entry(
    entry_id: str, n: int, on: date, kind: str, amount: float, relief_id: str | None = None
) -> dict[str, Any]:
    return {"entry_id": entry_id, "n": n, "on": on, "kind": kind, "amount": amount,
            "relief_id": relief_id, "note": "bench", "by": SEEDED_BY}  # fmt: skip


def seed_relief(
    graph: Graph, homes: list[Home], count: int, rng: Random, policy: ProcedurePolicy,
    calendar: Calendar,
) -> tuple[list[dict[str, Any]], Counter[str]]:  # fmt: skip
    """Write `count` cases and their funds' entries; the rows written and the statuses."""
    rows = relief_rows(homes, count, rng, policy, calendar)
    for i in range(0, len(rows), 1000):
        graph.driver.execute_query(SEED_RELIEF, {"rows": rows[i : i + 1000]},
                                   database_=graph.database)  # fmt: skip
    funds = fund_rows(rows)
    for i in range(0, len(funds), 20):
        graph.driver.execute_query(SEED_FUNDS, {"funds": funds[i : i + 20], "by": SEEDED_BY},
                                   database_=graph.database)  # fmt: skip
    return rows, Counter(r["relief"]["status"] for r in rows)


def unseed_relief(graph: Graph, chunk: int = 2_000) -> int:
    """Delete the seeded cases, fund entries and the funds the seeding made; the cases."""

    def drain(statement: str) -> int:
        total, deleted = 0, chunk
        while deleted:
            result = graph.driver.execute_query(
                statement, {"by": SEEDED_BY, "chunk": chunk}, database_=graph.database
            )
            deleted = result.records[0]["deleted"]
            total += deleted
        return total

    cases = drain(UNSEED_RELIEF)
    drain(UNSEED_ENTRIES)
    graph.driver.execute_query(UNSEED_FUNDS, {"by": SEEDED_BY}, database_=graph.database)
    return cases
