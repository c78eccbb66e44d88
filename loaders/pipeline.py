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

from collections import deque
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
from loaders.scope import Scope, scope_problems
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


@dataclass(frozen=True, slots=True)
class BatchReport:
    """One batch of a load, once written: its records and what became of them, received =
    applied + unchanged + rejected. `load_records` hands one to `on_batch` per batch, in
    order, so that a caller can draw progress (the CLI's bar) without the loaders drawing."""

    received: int
    applied: int
    unchanged: int
    rejected: int


OnBatch = Callable[[BatchReport], None]


@dataclass(slots=True)
class LoadReport:
    """What became of every record of one load: received = applied + unchanged + rejected.

    Rejects come in index order. `rejected` keeps the first `keep_rejects` of them (all when
    None) and `on_reject` is given every one: a load of a million bad records must not hold a
    million rejects (issue 14 item 5)."""

    feed: str
    received: int = 0
    applied: int = 0
    unchanged: int = 0
    rejected: list[Reject] = field(default_factory=list)
    rejected_count: int = 0
    graph_changes: dict[str, int] = field(default_factory=dict)  # nodes/rels created, deleted
    deadlines_recomputed: int = 0  # calendar feed only (W4)
    keep_rejects: int | None = None
    on_reject: Callable[[Reject], None] | None = None

    @property
    def accepted(self) -> int:
        """Valid records, whether or not they changed the graph (CONTRACT §2)."""
        return self.applied + self.unchanged

    @property
    def rejects_truncated(self) -> bool:
        """Whether `rejected` lists fewer rejects than there were."""
        return self.rejected_count > len(self.rejected)

    def reject(self, reject: Reject) -> None:
        self.rejected_count += 1
        if self.on_reject is not None:
            self.on_reject(reject)
        if self.keep_rejects is None or len(self.rejected) < self.keep_rejects:
            self.rejected.append(reject)

    def add(self, part: "LoadReport") -> None:
        """Count in the outcome of one batch (its received records are counted by the caller)."""
        self.applied += part.applied
        self.unchanged += part.unchanged
        for reject in part.rejected:
            self.reject(reject)
        for name, value in part.graph_changes.items():
            self.graph_changes[name] = self.graph_changes.get(name, 0) + value

    def reconciliation(self) -> str:
        return (
            f"{self.feed}: received {self.received} = applied {self.applied} + unchanged "
            f"{self.unchanged} + rejected {self.rejected_count}"
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
    on_batch: OnBatch | None = None,
    writers: int = DEFAULT_WRITERS,
    *,
    keep_rejects: int | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    scope: Scope | None = None,
) -> LoadReport:
    """Validate and write the records of one feed; see the module docstring.

    `on_batch` is given each batch's `BatchReport` once it is written, in order, on this thread;
    `keep_rejects` and `on_reject` as in `LoadReport`; with a `scope`, a record that would
    write outside its region is rejected (`loaders.scope`; None: the operator's own load).
    """
    model = FEEDS[feed]
    report = LoadReport(feed, keep_rejects=keep_rejects, on_reject=on_reject)
    with _Writers(graph, writers, report, on_batch, scope) as pool:
        for batch in _batches(raw, batch_size):
            report.received += len(batch)
            pool.submit(*parse_batch(model, batch), len(batch))
    if feed == "calendar" and report.applied:
        # W4: open deadlines whose span the load changed are counted again (issue 13 item 9).
        from scoring.deadlines import recount_deadlines

        report.deadlines_recomputed = recount_deadlines(graph)
    if feed == "households" and report.applied:
        # W5: an open warning follows a household that moved (issue 13 item 7).
        from scoring.routing import reroute_open_warnings

        reroute_open_warnings(graph)
    return report


Valid = list[tuple[int, FeedRecord]]


def parse_batch(model: type[FeedRecord], batch: list[RawRecord]) -> tuple[Valid, list[Reject]]:
    """Each record of `batch` through `parse`: the valid ones (with their indexes) and the
    rejects, in input order."""
    valid: Valid = []
    rejects: list[Reject] = []
    for raw in batch:
        outcome = parse(raw, model)
        if isinstance(outcome, Reject):
            rejects.append(outcome)
        else:
            valid.append((raw.index, outcome))
    return valid, rejects


class _Writers:
    """Checks and writes batches on `writers` threads, a batch only beside batches with which
    it shares no lock key; outcomes are added to `report` on the caller's thread, in the
    order the batches came (so rejects come in index order, and a report can stream them).

    A batch waits for every batch in flight that holds one of its keys, and for a free writer.
    Leaving the block waits for every batch; the first error of a batch is raised then, after
    the others have finished (what they wrote stays written, as with one writer).
    """

    def __init__(
        self,
        graph: Graph,
        writers: int,
        report: LoadReport,
        on_batch: OnBatch | None,
        scope: Scope | None,
    ) -> None:
        self._graph, self._writers, self._report, self._on_batch = graph, writers, report, on_batch
        self._scope = scope
        self._pool = ThreadPoolExecutor(writers, thread_name_prefix="hhgraph-load")
        self._in_flight: dict[Future[LoadReport], frozenset[Hashable]] = {}
        self._order: deque[tuple[Future[LoadReport], int]] = deque()  # not yet added, in order

    def __enter__(self) -> "_Writers":
        return self

    def submit(self, valid: Valid, rejects: list[Reject], size: int) -> None:
        keys = frozenset(key for _, record in valid for key in record.locks())
        while True:
            holding = [f for f, held in self._in_flight.items() if not keys.isdisjoint(held)]
            if holding:
                self._settle(wait(holding, return_when=FIRST_COMPLETED).done)
            elif len(self._in_flight) >= self._writers:
                self._settle(wait(self._in_flight, return_when=FIRST_COMPLETED).done)
            elif len(self._order) > 2 * self._writers:  # finished batches wait for an early one
                self._settle(wait([self._order[0][0]]).done)
            else:
                break
        future = self._pool.submit(
            _checked_and_written, self._graph, valid, rejects, self._report.feed, self._scope
        )
        self._in_flight[future] = keys
        self._order.append((future, size))

    def _settle(self, done: Iterable[Future[LoadReport]]) -> None:
        for future in done:
            self._in_flight.pop(future, None)
        while self._order and self._order[0][0].done():
            future, size = self._order.popleft()
            part = future.result()
            self._report.add(part)
            if self._on_batch is not None:
                self._on_batch(BatchReport(size, part.applied, part.unchanged, len(part.rejected)))

    def __exit__(self, *exc_info: object) -> None:
        try:
            if self._order:
                wait([future for future, _ in self._order])
            if exc_info[0] is None:
                self._settle([future for future, _ in self._order])
        finally:
            self._pool.shutdown(wait=True)


def _checked_and_written(
    graph: Graph, valid: Valid, rejects: list[Reject], feed: str, scope: Scope | None
) -> LoadReport:
    """One batch's checks and write transaction; its outcome as a report of its own, with
    the rejects of its parsing."""
    part = LoadReport(feed, rejected=list(rejects))
    valid = _checked(graph, valid, part, scope)
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


def _checked(graph: Graph, valid: Valid, report: LoadReport, scope: Scope | None) -> Valid:
    known = checks.lookup(graph, valid, scoped=scope is not None)
    kept: Valid = []
    for index, record in sorted(valid, key=_region_level_first):
        problems: list[Problem] = checks.reference_problems(record, known)
        if not problems and scope is not None:
            problems = scope_problems(record, known, scope)
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
