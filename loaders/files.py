"""Loading feed files for the CLI: progress, and rejects written next to the input."""

import json
from dataclasses import asdict
from pathlib import Path

from rich.progress import Progress

from graph.db import Graph
from loaders.pipeline import DEFAULT_BATCH_SIZE, DEFAULT_WRITERS, LoadReport, load_records
from loaders.read import read_file

PROGRESS_FROM_BYTES = 1_000_000  # about a few thousand records


def rejects_path(path: Path) -> Path:
    """Where the rejects of `path` go: `FILE.rejects.jsonl` beside it."""
    return path.with_name(path.name + ".rejects.jsonl")


def load_file(
    graph: Graph,
    feed: str,
    path: Path,
    batch_size: int = DEFAULT_BATCH_SIZE,
    writers: int = DEFAULT_WRITERS,
) -> LoadReport:
    """Load one file of `feed`; write its rejects (if any) to `FILE.rejects.jsonl`."""
    size = path.stat().st_size
    if size < PROGRESS_FROM_BYTES:
        report = load_records(graph, feed, read_file(path), batch_size, writers=writers)
    else:
        with Progress(transient=True) as progress:
            task = progress.add_task(f"{feed} {path.name}", total=None)
            report = load_records(
                graph,
                feed,
                read_file(path),
                batch_size,
                on_batch=lambda n: progress.advance(task, n),
                writers=writers,
            )
    target = rejects_path(path)
    if report.rejected:
        with open(target, "w", encoding="utf-8") as out:
            for reject in report.rejected:
                out.write(json.dumps(asdict(reject), ensure_ascii=False, default=str) + "\n")
    else:
        target.unlink(missing_ok=True)
    return report
