"""Python's garbage collector while an initial import validates (issue 20, BENCHMARKS.md).

An import holds every accepted record until its files are written, and makes millions of
short-lived objects (parsed JSON, models, importer lines) in the worker processes. Two of
the collector's costs were measured on the `make bench` set (100,000 households):

- each full collection walked every record held so far again: 44 s of `write_csv`'s 116 s.
  The caller freezes what it holds after each batch (`gc.freeze`), and it is unfrozen when
  the block ends;
- the young generations' collections, every 700 net allocations by default, each scanning the
  records of the batches in flight: with the youngest generation's threshold at 100,000,
  `write_csv` took 24.6-26.1 s against 28.4-28.5 s, the main process's CPU 18.4-19.4 s
  against 21.1 s (`bench/write_csv_gc.py`, two runs each, taking turns).

The collector stays on: a cycle made meanwhile is still collected, only later (at most
100,000 young objects wait, a few MB).
"""

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["BULK_THRESHOLDS", "bulk_collection", "worker_started"]

# (youngest generation's net allocations, its collections before the middle one's, the middle
# one's before a full collection): Python's default is (700, 10, 10).
BULK_THRESHOLDS = (100_000, 20, 100)


@contextlib.contextmanager
def bulk_collection() -> Iterator[None]:
    """While the block runs, the collector's thresholds are `BULK_THRESHOLDS`; when it ends
    (by error too), the thresholds before it are back and what was frozen is unfrozen."""
    before = gc.get_threshold()
    gc.set_threshold(*BULK_THRESHOLDS)
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def worker_started() -> None:
    """A validating worker's initializer: `BULK_THRESHOLDS` for the process's life (the
    pool's processes end with the import)."""
    gc.set_threshold(*BULK_THRESHOLDS)
