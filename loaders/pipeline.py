"""One code path for every feed, used by `hhgraph load` and `POST /v1/ingest/{feed}`.

Records go in batches through: parse and validate (pydantic, then cross-field rules), checks
against the graph (references, overlaps, birth order), one write transaction. Every record
ends in exactly one place: applied (the graph changed), unchanged (it already said this), or
rejected with its index, its key and every problem found, by field.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from pydantic import ValidationError

from graph.db import Graph
from loaders import checks
from loaders.read import RawRecord
from loaders.records import FEEDS, FeedRecord, Problem, RegionIn
from loaders.write import write_batch

DEFAULT_BATCH_SIZE = 5_000


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
) -> LoadReport:
    """Validate and write the records of one feed; see the module docstring."""
    model = FEEDS[feed]
    report = LoadReport(feed)
    for batch in _batches(raw, batch_size):
        report.received += len(batch)
        _load_batch(graph, model, batch, report)
        if on_batch is not None:
            on_batch(len(batch))
    report.rejected.sort(key=lambda r: r.index)
    if feed == "calendar" and report.applied:
        # W4: deadlines counted through a year without an official calendar are recounted.
        from scoring.deadlines import recompute_provisional_deadlines

        report.deadlines_recomputed = recompute_provisional_deadlines(graph)
    return report


def _load_batch(
    graph: Graph, model: type[FeedRecord], batch: list[RawRecord], report: LoadReport
) -> None:
    valid: list[tuple[int, FeedRecord]] = []
    for raw in batch:
        outcome = parse(raw, model)
        if isinstance(outcome, Reject):
            report.rejected.append(outcome)
        else:
            valid.append((raw.index, outcome))
    valid = _checked(graph, valid, report)
    written = write_batch(graph, valid, report.graph_changes) if valid else {}
    for index, record in valid:
        if index not in written:  # its subject vanished between check and write
            report.rejected.append(
                Reject(index, record.key(), [FieldError("", "a record it names no longer exists")])
            )
        elif written[index]:
            report.applied += 1
        else:
            report.unchanged += 1


def _checked(
    graph: Graph, valid: list[tuple[int, FeedRecord]], report: LoadReport
) -> list[tuple[int, FeedRecord]]:
    known = checks.lookup(graph, valid)
    overlaps = checks.membership_overlaps(graph, valid)
    kept: list[tuple[int, FeedRecord]] = []
    for index, record in sorted(valid, key=_region_level_first):
        problems: list[Problem] = checks.reference_problems(record, known)
        problems += overlaps.get(index, [])
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
