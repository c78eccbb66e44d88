"""`hhgraph import --initial DIR`: a province's first load through Neo4j's bulk importer
(issue 20), for an empty database.

Neo4j's importer writes the store files directly, far faster than the transactional loader
(`loaders.pipeline`), but checks nothing of ours. So every record is first validated here
exactly as `hhgraph load` validates it; only what that load would write reaches the importer:

1. Parse and validate (`loaders.pipeline.parse`'s rules: the same pydantic records, I1/I2,
   every cross-field rule), in worker processes, one batch per task. A batch is validated as
   one `TypeAdapter(list[Model])` call; a batch in which any record fails is validated again
   record by record with `parse` itself, so a reject's errors are its own (BENCHMARKS.md).
2. Check against what the load has accepted so far, held in memory (`Accepted`): the same
   functions as the transactional checks (`checks.reference_problems`: the persons,
   households and regions a record names exist, a parent is born before the child;
   `checks.membership_overlaps`: one household at a time, E1), batch by batch of the same
   size as `hhgraph load`'s, in the same order, so that a record is rejected here exactly
   when that load would reject it, with the same message (a region's parent must be in an
   earlier batch or the same one; a membership loses to an overlapping one of an earlier
   batch). Of two records with one key the later wins, as the upserts' SET does.
3. Write the importer's CSV files (`loaders.importcsv`) and the figures' group cells (M1-M5,
   S1) counted from the accepted records (`loaders.initialgroups`: `StatDay`, `StatMonth`),
   run the importer on the stopped store (`graph.bulkimport`), start the server and apply
   the schema (cypher/migrations).

Rejects go to `FILE.rejects.jsonl` beside each input (`loaders.files.RejectsFile`), as with
`hhgraph load`. A database that holds data is refused twice: over Bolt before any work when
the local server runs, and by the importer's launcher on the stopped store before it writes.
What `hhgraph load` does after a load (W4 deadlines recounted, W5 warnings rerouted) has
nothing to act on in an empty database.
"""

import contextlib
import gc
import multiprocessing
import tempfile
import time
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from core.errors import DatabaseNotEmpty, InvalidInput
from core.settings import Settings
from cypher import migrations, query
from graph import bulkimport, server
from graph.connection import open_graph
from graph.schema import migrate
from loaders import checks
from loaders.collector import bulk_collection, worker_started
from loaders.feed_record import attribute
from loaders.files import RejectsFile, rejects_path
from loaders.importcsv import CsvWriter, Line, lines, resolved, stamp_cells
from loaders.initialgroups import Enrolled, cell_lines, group_cells
from loaders.pipeline import DEFAULT_BATCH_SIZE, FieldError, Reject, parse, parse_batch
from loaders.read import RawRecord, detect_format, read_file, records_from_lines
from loaders.records import (
    FEEDS,
    EnrollmentIn,
    FeedRecord,
    KinshipIn,
    MembershipIn,
    PersonIn,
    RegionIn,
)

ANY_NODE = query("loaders/any_node")
SUFFIXES = (".jsonl", ".json", ".csv")
Valid = list[tuple[int, FeedRecord]]


# -- 1. validation, in worker processes ----------------------------------------------------------


@cache
def _adapter(feed: str) -> TypeAdapter[list[FeedRecord]]:
    return TypeAdapter(list[FEEDS[feed]])  # type: ignore[valid-type]


def validate_batch(
    feed: str, batch: list[RawRecord], together: bool = True
) -> tuple[Valid, list[Reject]]:
    """The valid records of `batch` and the rejects, as `pipeline.parse` decides each.

    `together`: one `TypeAdapter(list[...])` call for the readable records; if it fails,
    `parse` record by record (the rejects' errors then come from the record alone)."""
    model = FEEDS[feed]
    if not together:
        return parse_batch(model, batch)
    readable = [raw for raw in batch if raw.data is not None]
    try:
        records = _adapter(feed).validate_python([raw.data for raw in readable])
    except ValidationError:
        return parse_batch(model, batch)
    valid: Valid = []
    again = [raw for raw in batch if raw.data is None]  # unreadable: parse says so
    for raw, record in zip(readable, records, strict=True):
        if record.problems():
            again.append(raw)  # rare: its reject exactly as parse makes it
        else:
            valid.append((raw.index, record))
    rejects = [r for r in (parse(raw, model) for raw in again) if isinstance(r, Reject)]
    rejects.sort(key=lambda r: r.index)
    return valid, rejects


# A valid record with its natural key and its importer lines (both None: validation only).
Item = tuple[int, FeedRecord, Hashable | None, tuple[Line, ...] | None]
Done = tuple[list[Item], list[Reject]]


def _prepared(feed: str, batch: list[RawRecord], together: bool, stamp: str | None) -> Done:
    """A worker's task: the batch validated and, with a `stamp` (`importcsv.stamp_cells`),
    each valid record's key and importer lines made, so that the caller only checks."""
    valid, rejects = validate_batch(feed, batch, together)
    if stamp is None:
        return [(i, r, None, None) for i, r in valid], rejects
    return [(i, r, record_key(r), lines(r, stamp)) for i, r in valid], rejects


def _prepared_lines(
    feed: str, start: int, text: list[str], together: bool, stamp: str | None
) -> Done:
    """`_prepared` of JSON Lines read by `records_from_lines`, numbered from `start`."""
    batch = [RawRecord(start + r.index, r.data, r.error) for r in records_from_lines(text)]
    return _prepared(feed, batch, together, stamp)


Task = tuple[Callable[..., Done], tuple[Any, ...]]


def _tasks(
    feed: str, path: Path, batch_size: int, together: bool, stamp: str | None
) -> Iterator[tuple[Task, int]]:
    """The batches of a file as worker tasks, with their sizes. JSON Lines go to the workers
    as text (they parse it); CSV and a JSON array are read here (`read_file`)."""
    with open(path, encoding="utf-8-sig") as handle:
        fmt = detect_format(handle.read(4096))
    if fmt != "jsonl":
        raws = read_file(path)
        while batch := list(islice(raws, batch_size)):
            yield (_prepared, (feed, batch, together, stamp)), len(batch)
        return
    start = 0
    with open(path, encoding="utf-8-sig", newline="") as handle:
        while True:
            text: list[str] = []
            for line in handle:  # `records_from_lines` skips blank lines: so does the count
                if line.strip():
                    text.append(line)
                    if len(text) == batch_size:
                        break
            if not text:
                return
            yield (_prepared_lines, (feed, start, text, together, stamp)), len(text)
            start += len(text)


def _call(task: Task) -> Done:
    function, args = task
    return function(*args)


def validated(
    pool: Executor | None,
    feed: str,
    path: Path,
    batch_size: int,
    together: bool = True,
    stamp: str | None = None,
) -> Iterator[tuple[int, list[Item], list[Reject]]]:
    """Each batch of `path`, validated, in order: (size, valid records, rejects); with a
    `stamp`, each valid record with its key and importer lines (`_prepared`). With a `pool`,
    batches are validated in its processes, a few ahead of the caller."""
    tasks = _tasks(feed, path, batch_size, together, stamp)
    if pool is None:
        for task, size in tasks:
            yield size, *_call(task)
        return
    ahead = 2 * getattr(pool, "_max_workers", 2)
    queue: deque[tuple[Future[Done], int]] = deque()
    for task, size in tasks:
        queue.append((pool.submit(_call, task), size))
        if len(queue) > ahead:
            future, n = queue.popleft()
            yield n, *future.result()
    for future, n in queue:
        yield n, *future.result()


# -- 2. checks against what was accepted, in memory -----------------------------------------------


@dataclass
class Accepted:
    """What the import has accepted so far: what `checks.lookup` would find in the graph
    (`known`), each person's memberships (the overlap check, E1) and the enrolments in the
    groups' programmes (with `known`'s villages and the memberships: the group cells)."""

    known: checks.Known = field(default_factory=checks.Known)
    memberships: dict[str, dict[tuple[str, date], date | None]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    enrolled: Enrolled = field(default_factory=Enrolled)

    def stored(self, records: Valid) -> list[checks.Stored]:
        """The memberships held of the persons of `records`, as `loaders/memberships_of`
        gives them from the graph."""
        persons = {r.person_id for _, r in records if isinstance(r, MembershipIn)}
        return [
            (pid, household, start.isoformat(), end.isoformat() if end else None)
            for pid in sorted(persons)
            for (household, start), end in self.memberships.get(pid, {}).items()
        ]

    def add(self, record: FeedRecord) -> None:
        """`record` as written: what later checks find of it."""
        match record:
            case RegionIn():
                self.known.regions.add(record.code)
            case PersonIn():
                self.known.persons[record.person_id] = record.birth_date.isoformat()
            case MembershipIn():
                self.memberships[record.person_id][(record.household_id, record.from_)] = record.to
            case EnrollmentIn():
                self.enrolled.add(record, record.subject_id in self.known.persons)
        if record.feed == "households":
            self.known.households[record.household_id] = record.region_code  # type: ignore[attr-defined]


def record_key(record: FeedRecord) -> Hashable:
    """The natural key its upsert MERGEs on (a spouse edge's: smaller id first)."""
    if isinstance(record, KinshipIn):
        return record.locks()[0]
    return (record.feed, *(getattr(record, attribute(f)) for f in record.key_fields))


def check_batch(
    accepted: Accepted, valid: Valid, rejects: list[Reject]
) -> tuple[Valid, list[Reject]]:
    """One batch as `pipeline._checked_and_written` decides it: the records kept, in index
    order, and every reject of the batch (its parse rejects too), in index order."""
    rejected = list(rejects)
    kept: Valid = []
    for index, record in sorted(valid, key=_region_level_first):
        problems = checks.reference_problems(record, accepted.known)
        if problems:
            rejected.append(Reject(index, record.key(), [FieldError(f, m) for f, m in problems]))
            continue
        kept.append((index, record))
        if isinstance(record, RegionIn):
            accepted.known.regions.add(record.code)  # a parent may come earlier in the batch
    kept.sort(key=lambda ir: ir[0])
    refused = checks.membership_overlaps(accepted.stored(kept), kept)
    if refused:
        for index, record in kept:
            if index in refused:
                rejected.append(
                    Reject(index, record.key(), [FieldError(f, m) for f, m in refused[index]])
                )
        kept = [(i, r) for i, r in kept if i not in refused]
    for _, record in kept:
        accepted.add(record)
    rejected.sort(key=lambda r: r.index)
    return kept, rejected


def _region_level_first(item: tuple[int, FeedRecord]) -> tuple[int, int]:
    index, record = item
    return (record.level if isinstance(record, RegionIn) else 0, index)


# -- 3. the whole import -----------------------------------------------------------------------


@dataclass(slots=True)
class FeedOutcome:
    """One feed file: received = imported + rejected (two records with one key are one node
    or edge, the later's, as with `hhgraph load`)."""

    feed: str
    path: Path
    received: int = 0
    imported: int = 0
    rejected: int = 0

    def reconciliation(self) -> str:
        return (
            f"{self.feed}: received {self.received} = imported {self.imported} + rejected "
            f"{self.rejected}"
        )


@dataclass(slots=True)
class InitialReport:
    feeds: list[FeedOutcome] = field(default_factory=list)
    validate_s: float = 0.0  # validation, checks and the records' CSV files
    # The figures' group cells (M1-M5, S1) counted in memory from the accepted records and
    # written as the importer's StatDay and StatMonth files (before the importer runs).
    groups_s: float = 0.0
    import_s: float = 0.0  # Neo4j's importer
    schema_s: float = 0.0  # server start and the schema
    uri: str | None = None  # the local server, running after the import
    files: bulkimport.ImportFiles | None = None  # what the importer read (kept with csv_dir)

    @property
    def received(self) -> int:
        return sum(f.received for f in self.feeds)

    @property
    def rejected(self) -> int:
        return sum(f.rejected for f in self.feeds)


def feed_files(directory: Path) -> dict[str, Path]:
    """`DIR/<feed>.jsonl` (or `.json`, `.csv`) for each feed there, in dependency order;
    InvalidInput for none, or for two files of one feed."""
    found: dict[str, Path] = {}
    for feed in FEEDS:
        paths = [directory / f"{feed}{suffix}" for suffix in SUFFIXES]
        present = [p for p in paths if p.is_file()]
        if len(present) > 1:
            raise InvalidInput(f"two files for feed {feed}: {', '.join(map(str, present))}")
        if present:
            found[feed] = present[0]
    if not found:
        names = ", ".join(f"{feed}.jsonl" for feed in FEEDS)
        raise InvalidInput(f"{directory} holds no feed file (expected some of {names})")
    return found


@dataclass(slots=True)
class CsvFiles:
    """What `write_csv` made: each feed's outcome, the importer's files, and the seconds
    spent counting the group cells and writing their files (the rest is validation)."""

    feeds: list[FeedOutcome]
    files: bulkimport.ImportFiles
    groups_s: float


def write_csv(
    directory: Path,
    csv_dir: Path,
    actor: str | None,
    workers: int = 2,
    batch_size: int = DEFAULT_BATCH_SIZE,
    together: bool = True,
) -> CsvFiles:
    """Steps 1 and 2 for every feed file of `directory`, and the importer's files in
    `csv_dir`, the group cells' with them (`loaders.initialgroups`); rejects beside each
    input."""
    stamp = stamp_cells(datetime.now(UTC), actor)
    accepted = Accepted()
    writer = CsvWriter(csv_dir)
    outcomes: list[FeedOutcome] = []
    persons = accepted.known.persons
    with _pool(workers) as pool, bulk_collection(), writer:
        for feed, path in feed_files(directory).items():
            outcome = FeedOutcome(feed, path)
            rejects = RejectsFile(rejects_path(path))
            written: dict[Hashable, tuple[Line, ...]] = {}  # the later record of a key wins
            resolve = feed in ("kinship", "enrollments")
            try:
                for size, items, parse_rejects in validated(
                    pool, feed, path, batch_size, together, stamp
                ):
                    outcome.received += size
                    made = {index: (key, out) for index, _, key, out in items}
                    valid = [(index, record) for index, record, _, _ in items]
                    kept, rejected = check_batch(accepted, valid, parse_rejects)
                    for reject in rejected:
                        rejects.write(reject)
                    outcome.rejected += len(rejected)
                    outcome.imported += len(kept)
                    for index, record in kept:
                        key, out = made[index]
                        assert out is not None
                        if resolve:
                            out = resolved(out, record, persons.__getitem__, persons.__contains__)
                        written[key] = out
                    gc.freeze()  # held so far: out of later full collections (loaders.collector)
            finally:
                rejects.close()
            if not rejects.started:
                rejects.path.unlink(missing_ok=True)  # rejects of an earlier load of this file
            for out in written.values():
                writer.write(out)
            outcomes.append(outcome)
    started = time.perf_counter()
    known = accepted.known
    writer.write(cell_lines(group_cells(known.households, accepted.memberships, accepted.enrolled)))
    return CsvFiles(outcomes, writer.close(), time.perf_counter() - started)


@contextlib.contextmanager
def _pool(workers: int) -> Iterator[Executor | None]:
    if workers <= 1:
        yield None
        return
    # forkserver: workers forked from a clean server process that has imported this module
    # once (spawn imported it in every worker; fork would copy a process with threads).
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    with ProcessPoolExecutor(workers, mp_context=context, initializer=worker_started) as pool:
        yield pool


def import_initial(
    directory: Path,
    settings: Settings,
    data_dir: Path,
    actor: str | None,
    *,
    workers: int = 2,
    batch_size: int = DEFAULT_BATCH_SIZE,
    neo4j_admin: Path | None = None,
    csv_dir: Path | None = None,
    bolt_port: int | None = None,
) -> InitialReport:
    """Validate, check and import the feed files of `directory` into an empty database.

    The local server of `data_dir` (unless `neo4j_admin` names an installed Neo4j's tool):
    refused if it holds data (`DatabaseNotEmpty`), stopped while the importer runs, running
    with the schema applied afterwards. An installed Neo4j must be stopped and its database
    not exist yet; its schema is applied with `hhgraph db migrate` once it runs.
    `csv_dir` keeps the importer's files (default: a temporary folder in `data_dir`)."""
    report = InitialReport()
    local = neo4j_admin is None
    local_settings = settings.model_copy(update={"data_dir": data_dir, "neo4j_uri": None})
    running = server.status(data_dir) if local else None
    if running is not None:
        refuse_data(local_settings)
    started = time.perf_counter()
    scratch = (
        contextlib.nullcontext(csv_dir) if csv_dir else _scratch(data_dir if local else directory)
    )
    with scratch as folder:
        target = Path(folder)
        written = write_csv(directory, target / "csv", actor, workers, batch_size)
        report.feeds, report.files, report.groups_s = written.feeds, written.files, written.groups_s
        files = written.files
        report.validate_s = time.perf_counter() - started - written.groups_s
        options = server.ServerOptions.from_settings(settings, bolt_port)
        if running is not None:
            options = server.ServerOptions.from_settings(settings, bolt_port or running.bolt_port)
        started = time.perf_counter()
        if neo4j_admin is not None:
            bulkimport.run_installed(neo4j_admin, files, target / "import.report")
            report.import_s = time.perf_counter() - started
            return report
        if running is not None:
            server.stop(data_dir)
        try:
            bulkimport.run_local(data_dir, files, target / "import.report", settings.heap_mb)
        except Exception:
            if running is not None:
                server.start(data_dir, options)  # running again, as it was
            raise
        report.import_s = time.perf_counter() - started
    started = time.perf_counter()
    info, _ = server.start(data_dir, options)
    with open_graph(local_settings) as graph:
        migrate(graph, migrations())
        report.schema_s = time.perf_counter() - started
    report.uri = info.uri
    return report


@contextlib.contextmanager
def _scratch(parent: Path) -> Iterator[str]:
    parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="import-", dir=parent) as folder:
        yield folder


def refuse_data(settings: Settings) -> None:
    """`DatabaseNotEmpty` if the graph of `settings` holds a node."""
    with open_graph(settings) as graph:
        if graph.read(ANY_NODE):
            raise DatabaseNotEmpty(
                f"the database at {graph.driver.get_server_info().address} holds data: an "
                "initial import replaces the store, so it needs an empty database (load into "
                "this one with `hhgraph load`)"
            )
