"""`import --initial`'s validation phase alone (`loaders.initial.write_csv`, issue 20): wall
time, this process's CPU, Python's full garbage collections (count and seconds, timed by a
`gc.callbacks` hook) and the peak memory, for one folder of feed files.

    .venv/bin/python bench/write_csv_gc.py SET      # SET: a folder of <feed>.jsonl files

A data set: `synthetic.dataset.generate(100000, SET, seed=1)` (the `make bench` set). To
compare two trees, run it once with each on `PYTHONPATH`, taking turns.
"""

import argparse
import gc
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import loaders.initial
from loaders.initial import write_csv


class FullCollections:
    """Generation-2 collections seen through `gc.callbacks`: how many, and their seconds."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.count += 1
            self.seconds += time.perf_counter() - self._started


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    full = FullCollections()
    gc.callbacks.append(full)
    with tempfile.TemporaryDirectory() as tmp:
        wall, cpu = time.perf_counter(), cpu_s()
        write_csv(args.folder, Path(tmp) / "csv", "bench", workers=args.workers)
        wall, cpu = time.perf_counter() - wall, cpu_s() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{loaders.initial.__file__}: wall {wall:.1f} s, CPU {cpu:.1f} s, full collections "
        f"{full.count} ({full.seconds:.1f} s), peak RSS {peak_mb:.0f} MB"
    )


if __name__ == "__main__":  # the validating workers are started from a forkserver
    main()
