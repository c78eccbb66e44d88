"""The real loader against a beginner's loader (one transaction per record), same records.

    NEO4J_URI=... .venv/bin/python bench/naive_load.py --households 100000 [--subset 5000]

Generates the same data set as load_throughput.py (same generator, seed and size), then takes
the first `--subset` households with their memberships and the persons those memberships name
(so that every record of the subset can be applied). Each loader runs on a freshly emptied
database (it deletes everything: scratch databases only), after regions and standards are
loaded by the real loader (not timed). Prints records/s per feed for both and the ratio.

The naive loader does what a first attempt does: read a line, run one `session.execute_write`
with a single-row MERGE, next line. It skips the real loader's validation and its checks
against the graph, so the ratio understates what batching alone buys.
"""

import argparse
import json
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from benchlib import (
    FeedTiming,
    connect,
    generate_timed,
    load_feed,
    load_generated,
    table,
    wipe,
)
from neo4j import ManagedTransaction

from graph.db import Graph

FEEDS = ("households", "persons", "memberships")
SETUP_FEEDS = ("regions", "standards")

# The baseline's queries are written inline on purpose: they are the beginner's code being
# measured, not product code, so they stay out of cypher/. One record per transaction means a
# Bolt round trip and a commit (a transaction-log flush to disk) per record: the cost that the
# real loader's UNWIND batches of 5,000 share out. The schema (unique constraints) stays, so
# each MERGE is an index lookup and the comparison measures per-record transactions only.
NAIVE_QUERIES: dict[str, str] = {
    "households": """
        MATCH (v:Region {code: $props.region_code})
        MERGE (h:Household {household_id: $key})
        SET h += $props, h.updated_at = datetime()
        MERGE (h)-[:IN]->(v)
    """,
    "persons": """
        MERGE (p:Person {person_id: $key})
        SET p += $props, p.updated_at = datetime()
    """,
    "memberships": """
        MATCH (p:Person {person_id: $key.person_id})
        MATCH (h:Household {household_id: $key.household_id})
        MERGE (p)-[m:MEMBER_OF {from: $key.from}]->(h)
        SET m += $props, m.updated_at = datetime()
    """,
}
KEYS: dict[str, tuple[str, ...]] = {
    "households": ("household_id",),
    "persons": ("person_id",),
    "memberships": ("person_id", "household_id", "from"),
}
DATE_FIELDS = ("birth_date", "death_date", "from", "to")
COUNTS = """
RETURN COUNT { (:Household) } AS households, COUNT { (:Person) } AS persons,
       COUNT { ()-[:MEMBER_OF]->() } AS memberships, COUNT { (:Household)-[:IN]->() } AS in_edges
"""


def naive_params(feed: str, record: dict[str, Any]) -> dict[str, Any]:
    """The record as query parameters: ISO dates become dates (as Neo4j `Date` values, like the
    real loader writes them), the key apart from the other properties."""
    values = {
        k: date.fromisoformat(v) if k in DATE_FIELDS and v is not None else v
        for k, v in record.items()
    }
    fields = KEYS[feed]
    props = {k: v for k, v in values.items() if k not in fields}
    key: Any = values[fields[0]] if len(fields) == 1 else {f: values[f] for f in fields}
    return {"key": key, "props": props}


def naive_load(graph: Graph, feed: str, path: Path) -> FeedTiming:
    """One write transaction per record, as a beginner writes it."""
    query = NAIVE_QUERIES[feed]

    def write_one(tx: ManagedTransaction, params: dict[str, Any]) -> None:
        tx.run(query, params).consume()

    started = time.perf_counter()
    records = 0
    with graph.driver.session(database=graph.database) as session, open(path) as lines:
        for line in lines:
            session.execute_write(write_one, naive_params(feed, json.loads(line)))
            records += 1
    return FeedTiming(feed, records, time.perf_counter() - started, 0)


def write_subset(source: Path, target: Path, households: int) -> dict[str, int]:
    """The first `households` households, their memberships and the persons these name."""
    target.mkdir()
    with open(source / "households.jsonl") as lines:
        kept = [line for _, line in zip(range(households), lines, strict=False)]
    ids = {json.loads(line)["household_id"] for line in kept}
    members: list[str] = []
    with open(source / "memberships.jsonl") as lines:
        members = [line for line in lines if json.loads(line)["household_id"] in ids]
    person_ids = {json.loads(line)["person_id"] for line in members}
    with open(source / "persons.jsonl") as lines:
        persons = [line for line in lines if json.loads(line)["person_id"] in person_ids]
    for feed, chosen in (("households", kept), ("persons", persons), ("memberships", members)):
        (target / f"{feed}.jsonl").write_text("".join(chosen))
    for feed in SETUP_FEEDS:
        (target / f"{feed}.jsonl").write_bytes((source / f"{feed}.jsonl").read_bytes())
    return {"households": len(kept), "persons": len(persons), "memberships": len(members)}


def counts(graph: Graph) -> dict[str, int]:
    """Nodes and edges the three feeds make, to show both loaders built the same graph."""
    record = graph.driver.execute_query(COUNTS, database_=graph.database).records[0]
    return {k: int(v) for k, v in record.data().items()}


def run(graph: Graph, subset: Path, batch_size: int, naive: bool) -> list[FeedTiming]:
    wipe(graph)
    load_generated(graph, subset, batch_size, SETUP_FEEDS)  # setup, not timed
    if naive:
        return [naive_load(graph, feed, subset / f"{feed}.jsonl") for feed in FEEDS]
    return [load_feed(graph, feed, subset / f"{feed}.jsonl", batch_size) for feed in FEEDS]


def compare_row(label: str, real: list[FeedTiming], naive: list[FeedTiming]) -> list[str]:
    """records, seconds and records/s of both loaders over `real`/`naive`, and their ratio."""
    records = sum(t.records for t in real)
    real_s, naive_s = sum(t.seconds for t in real), sum(t.seconds for t in naive)
    real_rate, naive_rate = records / real_s, sum(t.records for t in naive) / naive_s
    return [
        label,
        f"{records:,}",
        f"{real_s:.1f}",
        f"{real_rate:,.0f}",
        f"{naive_s:.1f}",
        f"{naive_rate:,.0f}",
        f"{real_rate / naive_rate:.1f}x",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000, help="generated data set")
    parser.add_argument("--subset", type=int, default=5_000, help="households loaded")
    parser.add_argument("--batch-size", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, connect() as graph:
        generate_timed(args.households, Path(tmp) / "all", args.seed)
        sizes = write_subset(Path(tmp) / "all", Path(tmp) / "subset", args.subset)
        print("subset: " + ", ".join(f"{n:,} {feed}" for feed, n in sizes.items()))
        real = run(graph, Path(tmp) / "subset", args.batch_size, naive=False)
        real_counts = counts(graph)
        naive = run(graph, Path(tmp) / "subset", args.batch_size, naive=True)
        naive_counts = counts(graph)
    rows = [compare_row(r.feed, [r], [n]) for r, n in zip(real, naive, strict=True)]
    rows.append(compare_row("all", real, naive))
    headers = ["feed", "records", "real s", "real rec/s", "naive s", "naive rec/s", "real/naive"]
    print(table(headers, rows))
    slowest = ", ".join(f"{t.feed} {t.slowest_batch_s:.1f} s" for t in real)
    print(f"real loader, slowest batch of {args.batch_size:,}: {slowest}")
    print(f"graph after real loader:  {real_counts}")
    print(f"graph after naive loader: {naive_counts}")
    rejected = sum(r.rejected for r in real)
    if rejected:
        print(f"the real loader rejected {rejected} records of the subset")


if __name__ == "__main__":
    main()
