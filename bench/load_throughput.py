"""Load throughput per feed: records per second through the real loader (`hhgraph load`'s path).

    .venv/bin/python bench/load_throughput.py --households 100000 [--batch-size 5000]

Generates a data set with `synthetic.generate`, empties the database that `NEO4J_URI` (or the
local server of `hhgraph db start`) points at, applies the schema, then loads every feed in
dependency order and prints one row per feed: records, seconds, records/s. Run it against a
scratch database only: it deletes everything first.
"""

import argparse
import tempfile
from pathlib import Path

from benchlib import generate_timed, load_feed, wipe

from core.settings import get_settings
from graph.db import graph_for, open_driver
from loaders.records import FEEDS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    settings = get_settings()
    with tempfile.TemporaryDirectory() as tmp, open_driver(settings) as driver:
        out = Path(tmp)
        generate_timed(args.households, out, args.seed)
        graph = graph_for(driver, settings)
        wipe(graph)
        print(f"{'feed':<12} {'records':>10} {'seconds':>8} {'records/s':>10} rejected")
        total_records, total_seconds = 0, 0.0
        for feed in FEEDS:
            timing = load_feed(graph, feed, out / f"{feed}.jsonl", args.batch_size)
            total_records += timing.records
            total_seconds += timing.seconds
            print(
                f"{feed:<12} {timing.records:>10,} {timing.seconds:>8.1f} "
                f"{timing.records / timing.seconds:>10,.0f} {timing.rejected}"
            )
        print(
            f"{'all':<12} {total_records:>10,} {total_seconds:>8.1f} "
            f"{total_records / total_seconds:>10,.0f}"
        )


if __name__ == "__main__":
    main()
