"""Memory: the Neo4j JVM's heap and page cache in use, the store size, the loader's peak RSS.

    NEO4J_URI=... .venv/bin/python bench/memory.py [--households N]

With `--households N` the database is emptied and N generated households are loaded here, by
the real loader, so that this process's peak RSS is the loader's (the generator streams to
files and is counted too). Then prints the server's memory settings (`SHOW SETTINGS`; the
embedded server's heap is the JVM's -Xmx, read from its JMX bean and, for the local server,
its command line), the JVM's resident memory, the store's size on disk against the page cache
(a store larger than the page cache is read from disk), and node and relationship counts.
The API server's peak RSS is printed by latency.py, the reference's and the Cypher
rescore's by reference_rescore.py.
"""

import argparse
import tempfile
import time
from pathlib import Path

from benchlib import (
    MIB,
    connect,
    local_server_pid,
    neo4j_memory_rows,
    peak_rss_mib,
    prepare,
    server_uri,
    table,
)

from graph.db import Graph

COUNTS = "RETURN COUNT { MATCH (n) RETURN n } AS nodes, COUNT { ()-[r]->() } AS relationships"


def store_home(pid: int) -> Path | None:
    """The data directory the local launcher was given (-Dhhgraph.home)."""
    argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    for arg in argv:
        if arg.startswith("-Dhhgraph.home="):
            return Path(arg.split("=", 1)[1])
    return None


def directory_mib(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / MIB


def store_rows(graph: Graph) -> list[list[str]]:
    record = graph.driver.execute_query(COUNTS, database_=graph.database).records[0]
    rows = [
        ["nodes", f"{record['nodes']:,}"],
        ["relationships", f"{record['relationships']:,}"],
    ]
    pid = local_server_pid(server_uri())
    home = store_home(pid) if pid is not None else None
    if home is not None:
        store = home / "data" / "databases" / graph.database
        logs = home / "data" / "transactions" / graph.database
        rows.append(["store files on disk (MiB)", f"{directory_mib(store):,.0f}"])
        if logs.is_dir():
            rows.append(["transaction logs on disk (MiB)", f"{directory_mib(logs):,.0f}"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, help="empty the database and load N first")
    parser.add_argument("--batch-size", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, connect() as graph:
        before = peak_rss_mib()
        started = time.perf_counter()
        prepare(graph, args.households, args.seed, args.batch_size, Path(tmp))
        if args.households is not None:
            print(
                f"loader process: peak RSS {peak_rss_mib():,.0f} MiB (after imports "
                f"{before:,.0f} MiB), {time.perf_counter() - started:.1f} s"
            )
        rows = neo4j_memory_rows(graph) + store_rows(graph)
    print(table(["neo4j", "value"], rows, left=2))


if __name__ == "__main__":
    main()
