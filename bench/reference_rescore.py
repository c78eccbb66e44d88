"""The full rescore computed by the networkx reference against the Cypher scoring, same database.

    NEO4J_URI=... .venv/bin/python bench/reference_rescore.py [--households N] [--as-of 2026-11-01]

- networkx: `tests.reference.export_graph` (the whole database in one read, one result row)
  then `reference_score` and `reference_level` for every household.
- networkx-paged: the same graph built from pages of nodes and relationships read by internal
  id, one short transaction per page, then the same scoring. `export_graph` collects the whole
  database in one row, which the server refuses beyond its transaction memory cap
  (`dbms.memory.transaction.total.max`, 70% of the heap: with 1 GiB it fails at 100,000
  households); the paged export measures the reference at any size. `--skip-one-query`
  skips `export_graph` where it is known to fail (it is retried for 30 s first).
- Cypher: the read-only path of the what-if (W7): household ids a page at a time and
  `scoring/levels_batch` per page, writing nothing. `--with-writes` adds the full
  `rescore_households` (it deletes earlier warnings and runs first, then issues warnings, as
  rescore.py does: scratch databases only).

Each runs in its own subprocess, so that its peak RSS is its own; meanwhile this process samples
the Neo4j JVM's used heap (an approximate high-water mark: uncollected garbage counts too). The
two levels of every household are compared: they must agree. With `--households N` the database
is emptied and N generated households are loaded first; without it the database is used as
loaded (by load_throughput.py).
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchlib import (
    MIB,
    HeapSampler,
    connect,
    neo4j_memory_rows,
    peak_rss_mib,
    prepare,
    table,
)

from graph.db import Graph
from graph.values import plain
from scoring.ruleset import default_ruleset

if TYPE_CHECKING:
    import networkx as nx
    from neo4j import ManagedTransaction, Session

WORKERS = ("cypher", "networkx", "networkx-paged")
PAGE = 50_000
MAX_IDS = """
CALL () { MATCH (n) RETURN max(id(n)) AS nodes }
CALL () { MATCH ()-[r]->() RETURN max(id(r)) AS rels }
RETURN coalesce(nodes, -1) AS nodes, coalesce(rels, -1) AS rels
"""
# The rows of cypher/reference/export.cypher, a page of internal ids at a time (id seeks).
NODE_PAGE = """
UNWIND range($low, $high) AS i
MATCH (n) WHERE id(n) = i
RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props
"""
REL_PAGE = """
UNWIND range($low, $high) AS i
MATCH (a)-[r]->(b) WHERE id(r) = i
RETURN type(r) AS type, elementId(a) AS source, elementId(b) AS target, properties(r) AS props
"""


def _quiet_session(graph: Graph) -> "Session":
    """A session that drops deprecation notices: id() is deprecated in Neo4j 5 but still the
    only seekable key every node and relationship has."""
    from neo4j import NotificationDisabledClassification

    quiet = [NotificationDisabledClassification.DEPRECATION]
    return graph.driver.session(
        database=graph.database, notifications_disabled_classifications=quiet
    )


def _pages(graph: Graph, query: str, last_id: int) -> Iterator[list[dict[str, Any]]]:
    """The rows of `query` for internal ids 0..last_id, `PAGE` ids per read transaction, with
    Python dates (as `Graph` gives rows: `graph.values.plain`)."""

    def read(tx: "ManagedTransaction", params: dict[str, int]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = plain(tx.run(query, params).data())
        return rows

    with _quiet_session(graph) as session:
        for low in range(0, last_id + 1, PAGE):
            yield session.execute_read(read, {"low": low, "high": min(low + PAGE, last_id + 1) - 1})


def paged_export(graph: Graph) -> "nx.MultiDiGraph[str]":
    """The graph of `tests.reference.export_graph` (same nodes, names, attributes and edge
    keys), built by its loop over pages of rows instead of one row."""
    import networkx as nx

    from tests.reference.export import NODE_KEYS, edge_key, node_key

    with _quiet_session(graph) as session:
        last = session.run(MAX_IDS).single(strict=True)
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    names: dict[str, str] = {}
    for page in _pages(graph, NODE_PAGE, last["nodes"]):
        for node in page:
            label = next(lbl for lbl in node["labels"] if lbl in NODE_KEYS)
            props = dict(node["props"])
            names[node["id"]] = name = node_key(label, props)
            g.add_node(name, label=label, **props)
    for page in _pages(graph, REL_PAGE, last["rels"]):
        for rel in page:
            props = dict(rel["props"])
            g.add_edge(
                names[rel["source"]],
                names[rel["target"]],
                key=edge_key(rel["type"], props),
                type=rel["type"],
                **props,
            )
    return g


def networkx_levels(
    graph: Graph, as_of: date, phases: dict[str, float], paged: bool
) -> dict[str, str]:
    """Every household's level by the reference model over the export (W1-W3, W6)."""
    from tests.reference.export import export_graph
    from tests.reference.score import reference_level, reference_score

    rules = default_ruleset()
    started = time.perf_counter()
    g = paged_export(graph) if paged else export_graph(graph)
    phases["export"] = time.perf_counter() - started
    phases["nodes"], phases["edges"] = g.number_of_nodes(), g.number_of_edges()
    started = time.perf_counter()
    levels: dict[str, str] = {}
    for attrs in [a for _, a in g.nodes(data=True) if a.get("label") == "Household"]:
        score, _ = reference_score(g, attrs["household_id"], as_of, rules)
        levels[attrs["household_id"]] = reference_level(score, rules).level
    phases["score"] = time.perf_counter() - started
    return levels


def cypher_levels(graph: Graph, as_of: date, batch_size: int) -> dict[str, str]:
    """Every household's level by `scoring/levels_batch` (the read-only what-if of W7)."""
    from scoring.rescore import LEVELS_BATCH, household_pages
    from scoring.score import score_params

    rules = default_ruleset()
    levels_param = [
        {"level": lv.level, "min_score": lv.min_score, "max_score": lv.max_score}
        for lv in rules.levels
    ]
    params = score_params(rules, as_of) | {"levels": levels_param}
    levels: dict[str, str] = {}
    for ids in household_pages(graph, batch_size):
        rows = graph.read(LEVELS_BATCH, params | {"household_ids": ids})
        levels.update((r["household_id"], r["level"]) for r in rows)
    return levels


def cypher_write(graph: Graph, as_of: date, batch_size: int) -> dict[str, str]:
    """The full `rescore_households` run (writes warnings); its counts by level."""
    from scoring.rescore import rescore_households
    from scoring.workdays import Calendar

    with graph.driver.session(database=graph.database) as session:
        session.run(
            "MATCH (n) WHERE n:Warning OR n:RescoreRun "
            "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
    calendar = Calendar.from_graph(graph)
    summary = rescore_households(
        graph, as_of, "full", default_ruleset(), calendar.due_date, batch_size=batch_size
    )
    return {level: str(n) for level, n in summary.counts.items()}


def worker(kind: str, as_of: date, batch_size: int, timeout_s: float, out: Path) -> None:
    """Run one approach; write its levels to `out`, print its figures as one JSON line."""
    phases: dict[str, float] = {}
    with connect(timeout_s) as graph:
        before = peak_rss_mib()
        started = time.perf_counter()
        if kind.startswith("networkx"):
            levels = networkx_levels(graph, as_of, phases, paged=kind == "networkx-paged")
        elif kind == "cypher":
            levels = cypher_levels(graph, as_of, batch_size)
        else:
            levels = cypher_write(graph, as_of, batch_size)
        seconds = time.perf_counter() - started
    out.write_text(json.dumps(levels))
    figures = {"seconds": seconds, "rss_before_mib": before, "peak_rss_mib": peak_rss_mib()}
    print(json.dumps(figures | phases))


def run_worker(args: argparse.Namespace, kind: str, out: Path) -> dict[str, Any]:
    """One approach in a subprocess, with the JVM's used heap sampled meanwhile."""
    command = [sys.executable, __file__, "--worker", kind, "--levels-out", str(out)]
    command += ["--as-of", args.as_of.isoformat(), "--batch-size", str(args.batch_size)]
    command += ["--timeout", str(args.timeout)]
    with connect() as graph, HeapSampler(graph) as heap:
        done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"failed": tail[0][:160], "heap_peak_mib": heap.peak_bytes / MIB}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result | {"heap_peak_mib": heap.peak_bytes / MIB}


def compare(kind: str, cypher: dict[str, str], reference: dict[str, str]) -> None:
    """Print whether the two levels of every household agree, with a few that do not."""
    households = cypher.keys() | reference.keys()
    differ = sorted(h for h in households if cypher.get(h) != reference.get(h))
    print(f"levels, cypher vs {kind}, {len(households):,} households: ", end="")
    print(f"{len(differ):,} differ" if differ else "all agree")
    for household in differ[:5]:
        print(f"  {household}: cypher {cypher.get(household)}, {kind} {reference.get(household)}")


def report(results: dict[str, dict[str, Any]]) -> None:
    base = results["cypher"].get("seconds")
    rows = []
    for kind, r in results.items():
        if "failed" in r:
            rows.append([kind, "failed", "", "", "", "", f"{r['heap_peak_mib']:,.0f}"])
            print(f"{kind} failed: {r['failed']}")
            continue
        detail = ", ".join(f"{p} {r[p]:.1f} s" for p in ("export", "score") if p in r)
        rows.append(
            [
                kind,
                f"{r['seconds']:.1f}",
                f"{r['seconds'] / base:.1f}x" if base else "",
                detail,
                f"{r['rss_before_mib']:,.0f}",
                f"{r['peak_rss_mib']:,.0f}",
                f"{r['heap_peak_mib']:,.0f}",
            ]
        )
    headers = ["approach", "seconds", "vs cypher", "phases", "RSS before", "peak RSS", "JVM heap"]
    print(table(headers, rows))
    print("RSS: the worker process (MiB, after imports / peak); JVM heap: peak used heap (MiB)")
    for kind in ("networkx", "networkx-paged"):
        found = results.get(kind, {})
        if "nodes" in found:
            print(f"{kind} export: {int(found['nodes']):,} nodes, {int(found['edges']):,} edges")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, help="empty the database and load N first")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 1))
    parser.add_argument("--batch-size", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=900.0, help="client tx timeout, s")
    parser.add_argument("--with-writes", action="store_true", help="also rescore_households")
    parser.add_argument("--skip-one-query", action="store_true", help="skip export_graph")
    parser.add_argument("--worker", choices=[*WORKERS, "cypher-write"], help=argparse.SUPPRESS)
    parser.add_argument("--levels-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        worker(args.worker, args.as_of, args.batch_size, args.timeout, args.levels_out)
        return
    with tempfile.TemporaryDirectory() as tmp:
        with connect() as graph:
            prepare(graph, args.households, args.seed, 5_000, Path(tmp))
            print(table(["neo4j memory", "value"], neo4j_memory_rows(graph), left=2))
        kinds = [k for k in WORKERS if not (args.skip_one_query and k == "networkx")]
        kinds += ["cypher-write"] if args.with_writes else []
        results = {kind: run_worker(args, kind, Path(tmp) / f"{kind}.json") for kind in kinds}
        done = [k for k in kinds if k in WORKERS and "failed" not in results[k]]
        levels = {k: json.loads((Path(tmp) / f"{k}.json").read_text()) for k in done}
        for kind in (k for k in done if k != "cypher" and "cypher" in levels):
            compare(kind, levels["cypher"], levels[kind])
    report(results)


if __name__ == "__main__":
    main()
