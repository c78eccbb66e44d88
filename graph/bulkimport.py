"""Neo4j's bulk importer (`neo4j-admin database import full`) on a stopped store (issue 20).

Two ways to it, one argument list:
- the local server (`graph.server`): its launcher's classpath holds the importer
  (`org.neo4j:neo4j-import-tool`, a dependency of the embedded Neo4j); the entry point
  `org.hhgraph.ImportInitial` first refuses a database that holds data (exit 4), then runs
  Neo4j's own `ImportCommand.Full` with the server home as `NEO4J_HOME`, so that the store lands
  where the server reads it. The server must be stopped (two processes on one store are not
  supported): `run_local` refuses while it runs.
- an installed Neo4j: its `bin/neo4j-admin database import full`, which refuses a database
  that exists (no `--overwrite-destination` is passed: an installed server's data is the
  operator's to drop).

The importer's input is header files plus data files per label and relationship type
(`ImportFiles`), written by `loaders.importcsv`. Every value in them is already valid, so any
bad line is an error (`--bad-tolerance=0`).
"""

import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import DatabaseNotEmpty, ImportFailed, ServerError
from graph import server

IMPORT_CLASS = "org.hhgraph.ImportInitial"
HOLDS_DATA = 4  # ImportInitial's exit code for a database with nodes


@dataclass(frozen=True, slots=True)
class ImportGroup:
    """One `--nodes` or `--relationships` group: labels (nodes) or the type (relationships),
    its header file and its data files."""

    kind: str  # "nodes" or "relationships"
    labels: str  # "Person", "Region", ...; a relationship type for relationships
    header: Path
    data: tuple[Path, ...]

    def argument(self) -> str:
        files = ",".join(str(p) for p in (self.header, *self.data))
        return f"--{self.kind}={self.labels}={files}"


@dataclass(slots=True)
class ImportFiles:
    """What one import reads: its groups, and whether a quoted value spans lines."""

    groups: list[ImportGroup] = field(default_factory=list)
    multiline: bool = False

    def arguments(self, report: Path, threads: int | None = None) -> list[str]:
        """The importer's arguments (neo4j-admin's own option names)."""
        args = [g.argument() for g in self.groups]
        args += [
            "--id-type=string",
            "--bad-tolerance=0",
            "--skip-bad-relationships=false",
            "--skip-duplicate-nodes=false",
            f"--multiline-fields={'true' if self.multiline else 'false'}",
            f"--report-file={report}",
        ]
        if threads is not None:
            args.append(f"--threads={threads}")
        return args


@dataclass(frozen=True, slots=True)
class ImportRun:
    """A finished import: its wall time and the importer's output."""

    seconds: float
    output: str


def run_local(
    data_dir: Path,
    files: ImportFiles,
    report: Path,
    heap_mb: int = 1024,
    threads: int | None = None,
) -> ImportRun:
    """Import `files` into the `neo4j` database of the local server home `data_dir`, which
    must not run. `DatabaseNotEmpty` if that database holds a node (nothing is written then),
    `ImportFailed` with the importer's last lines if it fails."""
    data_dir = data_dir.resolve()
    running = server.status(data_dir)
    if running is not None:
        raise ServerError(
            f"the local server runs in {data_dir} (pid {running.pid}): stop it before an import"
        )
    command = [
        server.java(),
        *server.JVM_FLAGS,
        f"-Xmx{heap_mb}m",
        f"-Dhhgraph.home={data_dir}",
        "-cp",
        server.build(),
        IMPORT_CLASS,
        *files.arguments(report, threads),
    ]
    return _run(command, report, data_dir)


def run_installed(
    neo4j_admin: Path, files: ImportFiles, report: Path, database: str = "neo4j"
) -> ImportRun:
    """`neo4j-admin database import full` of an installed Neo4j (stopped, the database not
    there yet); `ImportFailed` with its last lines if it fails."""
    command = [
        str(neo4j_admin),
        "database",
        "import",
        "full",
        *files.arguments(report),
        database,
    ]
    return _run(command, report, None)


def _run(command: Sequence[str], report: Path, data_dir: Path | None) -> ImportRun:
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own arguments: paths we wrote, fixed options
        command, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    output = done.stdout + done.stderr
    if done.returncode == HOLDS_DATA and data_dir is not None and "HOLDS DATA" in output:
        raise DatabaseNotEmpty(
            f"the neo4j database in {data_dir} holds data: an initial import replaces the "
            "store, so it needs an empty database (load into this one with `hhgraph load`)"
        )
    if done.returncode != 0:
        raise ImportFailed(
            f"Neo4j's importer failed (exit {done.returncode}); report: {report}\n"
            f"{server.tail(output)}"
        )
    return ImportRun(seconds, output)
