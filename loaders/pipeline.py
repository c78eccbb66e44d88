"""One code path for every feed, used by `hhgraph load` and `POST /v1/ingest/{feed}`.

Records go in batches through: parse and validate (pydantic, then cross-field rules), checks
against the graph (references, birth order), one write transaction, which also checks, under
the persons' locks, that a person's memberships do not overlap. Every record ends in exactly
one place: applied (the graph changed), unchanged (it already said this), or rejected with its
index, its key and every problem found, by field. A record rejected by one check is not seen
by the checks after it: it cannot reject another (issue 13 item 3).

The checks and the write of a batch run on one of `writers` threads while the caller's
thread parses the next batch: one Neo4j write transaction uses one core of the server, and
Python waits for it. Two batches are in flight at once only if they share no lock key
(`FeedRecord.locks`), so the result is the one of loading the batches one after another: of
two records with one key the later wins, a region is checked after its parent is written, a
membership after the person's earlier ones. Two batches may still lock one node's
relationships (a village's households, a household's members): Neo4j then reports a
deadlock, and the managed transaction runs the batch again, which its MERGEs make safe
(8 retries in the 11M records of `make bench-large`).
"""

from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from pydantic import ValidationError

from graph.db import Graph
from loaders import checks
from loaders.read import RawRecord
from loaders.records import FEEDS, FeedRecord, Problem, RegionIn
from loaders.write import Written, write_batch

DEFAULT_BATCH_SIZE = 5_000
DEFAULT_WRITERS = 2  # bench/load_throughput.py: 2 on this 2-core machine; 3 gained nothing


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str


@dataclass(frozen=True, slots=True)
class Reject:
    """A record that was not applied, and every reason why."""

    index: int
    key: dict[str, Any]
    errors: list[FieldError]


@dataclass(slots=True)
class LoadReport:
    """What became of every record of one load: received = applied + unchanged + rejected."""

    feed: str
    received: int = 0
    applied: int = 0
    unchanged: int = 0
    rejected: list[Reject] = field(default_factory=list)
    graph_changes: dict[str, int] = field(default_factory=dict)  # nodes/rels created, deleted
    deadlines_recomputed: int = 0  # calendar feed only (W4)

    @property
    def accepted(self) -> int:
        """Valid records, whether or not they changed the graph (CONTRACT §2)."""
        return self.applied + self.unchanged

    def add(self, part: "LoadReport") -> None:
        """Count in the outcome of one batch (its received records are counted by the caller)."""
        self.applied += part.applied
        self.unchanged += part.unchanged
        self.rejected += part.rejected
        for name, value in part.graph_changes.items():
            self.graph_changes[name] = self.graph_changes.get(name, 0) + value

    def reconciliation(self) -> str:
        return (
            f"{self.feed}: received {self.received} = applied {self.applied} + unchanged "
            f"{self.unchanged} + rejected {len(self.rejected)}"
        )


def _batches(raw: Iterable[RawRecord], size: int) -> Iterator[list[RawRecord]]:
    iterator = iter(raw)
    while batch := list(islice(iterator, size)):
        yield batch


def _key_of(data: dict[str, Any] | None, model: type[FeedRecord]) -> dict[str, Any]:
    data = data or {}
    return {name: data.get(name) for name in model.key_fields}


def parse(raw: RawRecord, model: type[FeedRecord]) -> FeedRecord | Reject:
    """The validated record, or a `Reject` naming every field at fault."""
    key = _key_of(raw.data, model)
    if raw.data is None:
        return Reject(raw.index, key, [FieldError("", raw.error or "unreadable record")])
    try:
        record = model.model_validate(raw.data)
    except ValidationError as exc:
        errors = [FieldError(".".join(str(p) for p in e["loc"]), e["msg"]) for e in exc.errors()]
        return Reject(raw.index, key, errors)
    problems = record.problems()
    if problems:
        return Reject(raw.index, key, [FieldError(f, m) for f, m in problems])
    return record


def load_records(
    graph: Graph,
    feed: str,
    raw: Iterable[RawRecord],
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Callable[[int], None] | None = None,
    writers: int = DEFAULT_WRITERS,
) -> LoadReport:
    """Validate and write the records of one feed; see the module docstring.

    `on_batch` is called with the size of each batch once it is written, on this thread.
    """
    model = FEEDS[feed]
    report = LoadReport(feed)
    with _Writers(graph, writers, report, on_batch) as pool:
        for batch in _batches(raw, batch_size):
            report.received += len(batch)
            pool.submit(_parsed(model, batch, report), len(batch))
    report.rejected.sort(key=lambda r: r.index)
    if feed == "calendar" and report.applied:
        # W4: deadlines counted through a year without an official calendar are recounted.
        from scoring.deadlines import recompute_provisional_deadlines

        report.deadlines_recomputed = recompute_provisional_deadlines(graph)
    return report


Valid = list[tuple[int, FeedRecord]]


def _parsed(model: type[FeedRecord], batch: list[RawRecord], report: LoadReport) -> Valid:
    valid: Valid = []
    for raw in batch:
        outcome = parse(raw, model)
        if isinstance(outcome, Reject):
            report.rejected.append(outcome)
        else:
            valid.append((raw.index, outcome))
    return valid


class _Writers:
    """Checks and writes batches on `writers` threads, a batch only beside batches with which
    it shares no lock key; outcomes are added to `report` on the caller's thread.

    A batch waits for every batch in flight that holds one of its keys, and for a free writer.
    Leaving the block waits for every batch; the first error of a batch is raised then, after
    the others have finished (what they wrote stays written, as with one writer).
    """

    def __init__(
        self,
        graph: Graph,
        writers: int,
        report: LoadReport,
        on_batch: Callable[[int], None] | None,
    ) -> None:
        self._graph, self._writers, self._report, self._on_batch = graph, writers, report, on_batch
        self._pool = ThreadPoolExecutor(writers, thread_name_prefix="hhgraph-load")
        self._in_flight: dict[Future[LoadReport], tuple[frozenset[Hashable], int]] = {}

    def __enter__(self) -> "_Writers":
        return self

    def submit(self, valid: Valid, size: int) -> None:
        keys = frozenset(key for _, record in valid for key in record.locks())
        while True:
            holding = [f for f, (held, _) in self._in_flight.items() if not keys.isdisjoint(held)]
            if holding:
                self._collect(wait(holding, return_when=FIRST_COMPLETED).done)
            elif len(self._in_flight) >= self._writers:
                self._collect(wait(self._in_flight, return_when=FIRST_COMPLETED).done)
            else:
                break
        future = self._pool.submit(_checked_and_written, self._graph, valid, self._report.feed)
        self._in_flight[future] = (keys, size)

    def _collect(self, done: Iterable[Future[LoadReport]]) -> None:
        for future in done:
            _, size = self._in_flight.pop(future)
            self._report.add(future.result())
            if self._on_batch is not None:
                self._on_batch(size)

    def __exit__(self, *exc_info: object) -> None:
        try:
            if self._in_flight:
                wait(self._in_flight)
            if exc_info[0] is None:
                self._collect(list(self._in_flight))
        finally:
            self._pool.shutdown(wait=True)


def _checked_and_written(graph: Graph, valid: Valid, feed: str) -> LoadReport:
    """One batch's checks and write transaction; its outcome as a report of its own."""
    part = LoadReport(feed)
    valid = _checked(graph, valid, part)
    written = write_batch(graph, valid, part.graph_changes) if valid else Written()
    for index, record in valid:
        if index in written.refused:
            errors = [FieldError(f, m) for f, m in written.refused[index]]
            part.rejected.append(Reject(index, record.key(), errors))
        elif index not in written.changed:  # its subject vanished between check and write
            part.rejected.append(
                Reject(index, record.key(), [FieldError("", "a record it names no longer exists")])
            )
        elif written.changed[index]:
            part.applied += 1
        else:
            part.unchanged += 1
    part.rejected.sort(key=lambda r: r.index)
    return part


def _checked(
    graph: Graph, valid: list[tuple[int, FeedRecord]], report: LoadReport
) -> list[tuple[int, FeedRecord]]:
    known = checks.lookup(graph, valid)
    kept: list[tuple[int, FeedRecord]] = []
    for index, record in sorted(valid, key=_region_level_first):
        problems: list[Problem] = checks.reference_problems(record, known)
        if problems:
            report.rejected.append(
                Reject(index, record.key(), [FieldError(f, m) for f, m in problems])
            )
            continue
        kept.append((index, record))
        if isinstance(record, RegionIn):
            known.regions.add(record.code)  # a parent may come earlier in the same batch
    return sorted(kept, key=lambda ir: ir[0])


def _region_level_first(item: tuple[int, FeedRecord]) -> tuple[int, int]:
    index, record = item
    return (record.level if isinstance(record, RegionIn) else 0, index)
