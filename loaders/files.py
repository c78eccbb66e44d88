"""Loading feed files for the CLI: rejects written next to the input, progress handed on.

The loaders draw nothing: a caller that shows progress passes `on_batch` (the CLI draws its
bar with rich), as rescoring takes `on_progress` (issue 15 item 9)."""

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

from graph.db import Graph
from loaders.pipeline import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_WRITERS,
    LoadReport,
    OnBatch,
    Reject,
    load_records,
)
from loaders.read import read_file


def rejects_path(path: Path) -> Path:
    """Where the rejects of `path` go: `FILE.rejects.jsonl` beside it."""
    return path.with_name(path.name + ".rejects.jsonl")


class RejectsFile:
    """Rejects as JSON Lines, one per line, in the order given (mode 0600: they hold the
    records' keys); the file is created at the first reject, replacing an older one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._out: TextIO | None = None

    def write(self, reject: Reject) -> None:
        if self._out is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            self._out = open(fd, "w", encoding="utf-8")  # noqa: SIM115 (closed by close())
        self._out.write(json.dumps(asdict(reject), ensure_ascii=False, default=str) + "\n")

    @property
    def started(self) -> bool:
        return self._out is not None

    def close(self) -> None:
        if self._out is not None:
            self._out.close()


class OverflowRejects:
    """Every reject in a file, but only once there are more than `listed` of them: the
    first `listed` wait in memory and are written first when the next one comes."""

    def __init__(self, path: Path, listed: int) -> None:
        self._file, self._listed = RejectsFile(path), listed
        self._waiting: list[Reject] = []

    def write(self, reject: Reject) -> None:
        if self._file.started or len(self._waiting) == self._listed:
            for waiting in self._waiting:
                self._file.write(waiting)
            self._waiting = []
            self._file.write(reject)
        else:
            self._waiting.append(reject)

    @property
    def path(self) -> Path | None:
        """The file, if there was more than `listed` rejects."""
        return self._file.path if self._file.started else None

    def close(self) -> None:
        self._file.close()


KEPT_REJECTS = 1_000  # in the report, for the caller to show; the file has every one


def load_file(
    graph: Graph,
    feed: str,
    path: Path,
    batch_size: int = DEFAULT_BATCH_SIZE,
    writers: int = DEFAULT_WRITERS,
    on_batch: OnBatch | None = None,
) -> LoadReport:
    """Load one file of `feed`; its rejects (if any) stream to `FILE.rejects.jsonl`, and
    `on_batch` (if given) hears of each batch as `load_records` tells it."""
    target = RejectsFile(rejects_path(path))
    try:
        report = load_records(
            graph,
            feed,
            read_file(path),
            batch_size,
            on_batch,
            writers,
            keep_rejects=KEPT_REJECTS,
            on_reject=target.write,
        )
    finally:
        target.close()
    if not target.started:
        target.path.unlink(missing_ok=True)  # rejects of an earlier load of this file
    return report
