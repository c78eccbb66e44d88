"""Initial import (issue 20): records/s with validation, against the transactional loader and
against Neo4j's importer alone on the same already-valid CSV files (the floor), in one run.

    .venv/bin/python bench/import_initial.py --households 100000 [--workers 2]

Generates a data set, then times:
1. validation alone, one process, record by record (`parse`) and in batches
   (`TypeAdapter(list[...])`), over the first `--validation-sample` records of every feed
   file, read beforehand, in CPU seconds, three rounds each, alternating: which is faster
   (`--validation-only`: this step alone);
2. `import_initial` (validation in `--workers` processes, the in-memory checks, the CSV files
   with the figures' group cells counted in memory, the importer on a stopped store, the
   server started with the schema) into a fresh local server home of its own: records/s
   with validation;
3. the importer alone (`graph.bulkimport.run_local`) on the CSV files step 2 wrote, into
   another fresh home: the floor;
4. the transactional loader (`hhgraph load`'s path) into the server `NEO4J_URI` names (or the
   local server of `hhgraph db start`), which it empties first: scratch databases only.
Prints each figure and the ratios. The homes are made in a temporary folder and removed.
"""

import argparse
import tempfile
import time
from itertools import islice
from pathlib import Path

from benchlib import connect, generate_timed, load_generated, table, wipe

from core.settings import get_settings
from graph import bulkimport, server
from loaders.initial import feed_files, import_initial, validate_batch
from loaders.pipeline import DEFAULT_BATCH_SIZE
from loaders.read import RawRecord, read_file
from tests.helpers import free_port


def validation_rounds(directory: Path, per_feed: int, rounds: int) -> dict[bool, list[float]]:
    """CPU seconds (this process's, which a loaded machine disturbs less than wall time) to
    validate the first `per_feed` records of every feed file, read beforehand, record by
    record (False) and in batches (True), alternating, `rounds` times each."""
    batches: dict[str, list[list[RawRecord]]] = {}
    for feed, path in feed_files(directory).items():
        raws = list(islice(read_file(path), per_feed))
        batches[feed] = [
            raws[i : i + DEFAULT_BATCH_SIZE] for i in range(0, len(raws), DEFAULT_BATCH_SIZE)
        ]
    spent: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(rounds):
        for together in (False, True):
            started = time.process_time()
            for feed, parts in batches.items():
                for batch in parts:
                    validate_batch(feed, batch, together)
            spent[together].append(time.process_time() - started)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-load", action="store_true", help="leave out step 4")
    parser.add_argument("--validation-only", action="store_true", help="step 1 alone")
    parser.add_argument(
        "--validation-sample", type=int, default=50_000, help="records per feed for step 1"
    )
    args = parser.parse_args()
    settings = get_settings()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        folder = Path(tmp)
        data = folder / "set"
        counts = generate_timed(args.households, data, args.seed)

        spent = validation_rounds(data, args.validation_sample, 3)
        sample = sum(min(args.validation_sample, n) for n in counts.values())
        rows = [
            [
                "batch TypeAdapter(list[...])" if together else "record by record (parse)",
                f"{sample:,}",
                " ".join(f"{t:.2f}" for t in times),
                f"{sample / min(times):,.0f}",
            ]
            for together, times in spent.items()
        ]
        print(table(["validation, 1 process", "records", "CPU s, 3 rounds", "records/CPU s"], rows))
        if args.validation_only:
            return

        home, csv = folder / "home", folder / "kept"
        started = time.perf_counter()
        report = import_initial(
            data, settings, home, "bench", workers=args.workers, csv_dir=csv, bolt_port=free_port()
        )
        total = time.perf_counter() - started
        server.stop(home)
        records = report.received
        to_store = report.validate_s + report.groups_s + report.import_s
        print(
            f"import --initial: {records:,} records ({report.rejected} rejected); validation, "
            f"checks and CSV {report.validate_s:.1f} s, group cells counted in memory "
            f"{report.groups_s:.1f} s, importer {report.import_s:.1f} s, server start and "
            f"schema {report.schema_s:.1f} s; {total:.1f} s in all"
        )

        floor_home = folder / "floor"
        assert report.files is not None  # kept in `csv`
        floor = bulkimport.run_local(
            floor_home, report.files, folder / "floor.report", settings.heap_mb
        )
        print(f"importer alone on the same CSV files: {floor.seconds:.1f} s")

        def rate(seconds: float) -> list[str]:
            return [f"{seconds:.1f}", f"{records / seconds:,.0f}"]

        rows = [
            ["import --initial, to a stopped store", *rate(to_store)],
            ["import --initial, with server and schema", *rate(total)],
            ["Neo4j's importer alone (floor)", *rate(floor.seconds)],
        ]
        load_s = None
        if not args.skip_load:
            with connect(timeout_s=600) as graph:
                wipe(graph)
                started = time.perf_counter()
                load_generated(graph, data, DEFAULT_BATCH_SIZE)
                load_s = time.perf_counter() - started
            rows.append(["transactional loader", *rate(load_s)])
        print(table(["path", "seconds", "records/s"], rows))
        print(
            f"import to a stopped store / importer alone: {to_store / floor.seconds:.2f}x the time"
        )
        if load_s is not None:
            print(f"transactional / import to a stopped store: {load_s / to_store:.1f}x the time")
            print(f"transactional / import with server and schema: {load_s / total:.1f}x the time")


if __name__ == "__main__":
    main()
