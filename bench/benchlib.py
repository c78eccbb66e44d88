"""What the bench scripts share: the connection, emptying the scratch database, loading the
generated feeds through the real loader, readable tables, and memory figures (peak RSS of a
Python process, the Neo4j JVM's heap and page cache).

The scripts run as `python bench/<name>.py`, so this module is imported as `benchlib` (the
script's folder is first on `sys.path`). Inline Cypher here is bench instrumentation (emptying
the scratch database, reading the server's own settings), never product code.
"""

import contextlib
import os
import resource
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from core.settings import get_settings
from cypher import migrations
from graph.db import Graph, graph_for, open_driver, resolve_uri
from graph.schema import migrate
from loaders.pipeline import BatchReport, load_records
from loaders.read import read_file
from loaders.records import FEEDS
from synthetic import generate

LAUNCHER_CLASS = "org.hhgraph.LocalNeo4j"  # graph/server.py's MAIN_CLASS
MIB = 1024 * 1024


@contextlib.contextmanager
def connect(timeout_s: float | None = None) -> Iterator[Graph]:
    """The `Graph` of `NEO4J_URI` (or of the local server); `timeout_s` overrides the
    client-side transaction timeout (whole-graph reads need more than the default 30 s)."""
    settings = get_settings()
    with open_driver(settings) as driver:
        graph = graph_for(driver, settings)
        if timeout_s is not None:
            graph = Graph(graph.driver, graph.database, timeout_s)
        yield graph


def server_uri() -> str:
    """The Bolt URI the scripts talk to (`NEO4J_URI`, else the local server's)."""
    return resolve_uri(get_settings())


def wipe(graph: Graph) -> None:
    """Delete every node and relationship (the schema stays): scratch databases only.

    Relationships first, then nodes, CHUNK at a time, each chunk its own transaction: one
    statement over everything (even with CALL … IN TRANSACTIONS) ran out of transaction
    memory, then out of the server's 120 s transaction timeout, on the 1M-household store
    (6.9M nodes, 11M relationships)."""
    for statement in WIPE:
        deleted = CHUNK
        while deleted:
            result = graph.driver.execute_query(
                statement, {"chunk": CHUNK}, database_=graph.database
            )
            deleted = result.records[0]["deleted"]
    migrate(graph, migrations())


CHUNK = 50_000
WIPE = (
    "MATCH ()-[r]->() WITH r LIMIT $chunk DELETE r RETURN count(*) AS deleted",
    "MATCH (n) WITH n LIMIT $chunk DELETE n RETURN count(*) AS deleted",
)


def generate_timed(households: int, out: Path, seed: int) -> dict[str, int]:
    """`synthetic.generate` into `out`, printing how long it took."""
    started = time.perf_counter()
    counts = generate(households, out, seed=seed)
    print(
        f"generated {sum(counts.values()):,} records for {households:,} households "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return counts


@dataclass(frozen=True, slots=True)
class FeedTiming:
    feed: str
    records: int
    seconds: float
    rejected: int
    slowest_batch_s: float = 0.0  # real loader only: a stall shows here

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds > 0 else 0.0


def load_feed(graph: Graph, feed: str, path: Path, batch_size: int) -> FeedTiming:
    """One file through the real loader (`loaders.pipeline.load_records`), timed."""
    started = time.perf_counter()
    last, slowest = started, 0.0

    def on_batch(_: BatchReport) -> None:
        nonlocal last, slowest
        now = time.perf_counter()
        last, slowest = now, max(slowest, now - last)

    report = load_records(graph, feed, read_file(path), batch_size, on_batch)
    seconds = time.perf_counter() - started
    return FeedTiming(feed, report.received, seconds, len(report.rejected), slowest)


def load_generated(
    graph: Graph, directory: Path, batch_size: int, feeds: Sequence[str] = tuple(FEEDS)
) -> list[FeedTiming]:
    """Load `feeds` (dependency order) from `directory/<feed>.jsonl` through the real loader."""
    return [load_feed(graph, feed, directory / f"{feed}.jsonl", batch_size) for feed in feeds]


def prepare(graph: Graph, households: int | None, seed: int, batch_size: int, tmp: Path) -> None:
    """With `households`: empty the database and load that many generated households. Without:
    use the database as it is (loaded earlier, e.g. by load_throughput.py)."""
    if households is None:
        return
    generate_timed(households, tmp, seed)
    wipe(graph)
    started = time.perf_counter()
    timings = load_generated(graph, tmp, batch_size)
    total = sum(t.records for t in timings)
    print(f"loaded {total:,} records in {time.perf_counter() - started:.1f} s")


def feed_rows(timings: Sequence[FeedTiming]) -> list[list[str]]:
    """Table rows (feed, records, seconds, records/s, rejected) with a total line."""
    rows = [
        [t.feed, f"{t.records:,}", f"{t.seconds:.1f}", f"{t.rate:,.0f}", str(t.rejected)]
        for t in timings
    ]
    records = sum(t.records for t in timings)
    seconds = sum(t.seconds for t in timings)
    rows.append(["all", f"{records:,}", f"{seconds:.1f}", f"{records / seconds:,.0f}", ""])
    return rows


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1) -> str:
    """A plain-text table: the first `left` columns left-aligned, the others right-aligned."""
    widths = [max(len(str(r[c])) for r in [headers, *rows]) for c in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            str(cell).ljust(w) if c < left else str(cell).rjust(w)
            for c, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers), *(line(r) for r in rows)])


# -- memory ---------------------------------------------------------------------------------------


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def proc_memory_mib(pid: int) -> dict[str, float]:
    """`VmRSS` (now) and `VmHWM` (peak) of a process, from /proc; empty if it is gone."""
    found: dict[str, float] = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0]) / 1024
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (from /proc; 0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])  # utime, stime: fields 14 and 15 of stat(5)
    return ticks / os.sysconf("SC_CLK_TCK")


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (uvicorn's worker processes, and their multiprocessing
    helpers), from /proc; a process that is gone is left out."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
    return found


def local_server_pid(uri: str) -> int | None:
    """The pid of the `hhgraph db start` JVM serving `uri` on this machine, if it is one."""
    port = urlparse(uri).port
    if port is None:
        return None
    wanted = f"-Dhhgraph.bolt.port={port}".encode()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if LAUNCHER_CLASS.encode() in argv and wanted in argv:
            return int(proc.name)
    return None


def jvm_flags(pid: int) -> list[str]:
    """The -Xms/-Xmx and -Dhhgraph.* flags the launcher gave the JVM."""
    with contextlib.suppress(OSError):
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
        return [a for a in argv if a.startswith(("-Xm", "-Dhhgraph.pagecache", "-Dhhgraph.tx"))]
    return []


MEMORY_SETTINGS = (
    "server.memory.heap.initial_size",
    "server.memory.heap.max_size",
    "server.memory.pagecache.size",
    "dbms.memory.transaction.total.max",
    "db.memory.transaction.total.max",
    "db.memory.transaction.max",
    "db.tx_state.memory_allocation",
)


def neo4j_settings(graph: Graph) -> dict[str, str | None]:
    """The server's memory settings as it reports them (`SHOW SETTINGS`; the embedded server
    leaves the heap settings unset because its heap is the JVM's own -Xmx)."""
    records = graph.driver.execute_query(
        "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value",
        {"names": list(MEMORY_SETTINGS)},
        database_=graph.database,
    ).records
    return {r["name"]: r["value"] for r in records}


def jvm_heap(graph: Graph) -> dict[str, int]:
    """The JVM heap (init, used, committed, max, in bytes) from the server's JMX bean."""
    records = graph.driver.execute_query(
        "CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes "
        "RETURN attributes.HeapMemoryUsage.value.properties AS heap",
        database_=graph.database,
    ).records
    heap: dict[str, Any] = records[0]["heap"] if records else {}
    return {k: int(v) for k, v in heap.items()}


def neo4j_memory_rows(graph: Graph) -> list[list[str]]:
    """(what, value) rows: settings in use, the JVM heap now, the JVM's resident memory."""
    rows = [[name, str(value)] for name, value in neo4j_settings(graph).items()]
    heap = jvm_heap(graph)
    if heap:
        rows += [[f"jvm heap {k} (MiB)", f"{v / MIB:,.0f}"] for k, v in sorted(heap.items())]
    pid = local_server_pid(server_uri())
    if pid is not None:
        rows.append(["jvm flags (local launcher)", " ".join(jvm_flags(pid))])
        for name, mib in proc_memory_mib(pid).items():
            label = "peak RSS since start" if name == "VmHWM" else "RSS now"
            rows.append([f"jvm {label} (MiB)", f"{mib:,.0f}"])
    return rows


class HeapSampler:
    """Samples the Neo4j JVM's used heap every `interval_s` from a thread, keeping the peak:
    an approximate high-water mark of what a workload needs on the server (garbage not yet
    collected counts too)."""

    def __init__(self, graph: Graph, interval_s: float = 0.25) -> None:
        import threading

        self._graph = graph
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.peak_bytes = 0

    def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(Exception):  # a busy server may refuse; keep sampling
                self.peak_bytes = max(self.peak_bytes, jvm_heap(self._graph).get("used", 0))
            self._stop.wait(self._interval_s)

    def __enter__(self) -> "HeapSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
