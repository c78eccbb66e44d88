"""Load throughput per feed with neo4j-rust-ext and with the pure-Python driver, same records.

    NEO4J_URI=... .venv/bin/python bench/rust_ext.py --households 100000 [--batch-size 5000]

The extension has no switch: the driver imports `neo4j._rust` when it is installed and falls
back to its pure-Python PackStream codec when that import fails. So each load runs in its own
subprocess, and the pure-Python one starts with `sys.modules["neo4j._rust"] = None`, which
makes that import fail before the driver is imported (the subprocess reports which codec it
really used). Both load the same generated files into a freshly emptied database (it deletes
everything: scratch databases only). With `--rounds R` the two alternate R times (rust, pure,
pure, rust, ...) and each feed keeps its best time, which damps the noise of a shared machine.
Prints records/s per feed for both, the speed-up, and the peak RSS of each loader process.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

MODES = ("rust", "pure")


def worker(data: Path, batch_size: int, pure: bool) -> None:
    """Load every feed of `data` into the emptied database; print one JSON line of results."""
    if pure:
        sys.modules["neo4j._rust"] = None  # type: ignore[assignment]  # import now fails
    import importlib

    from benchlib import connect, load_generated, peak_rss_mib, wipe

    codec = importlib.import_module("neo4j._codec.packstream.v1")
    in_use = "rust" if getattr(codec, "_rust_pack", None) is not None else "pure"
    with connect() as graph:
        wipe(graph)
        timings = load_generated(graph, data, batch_size)
    result = {
        "codec": in_use,
        "peak_rss_mib": peak_rss_mib(),
        "feeds": [[t.feed, t.records, t.seconds, t.rejected] for t in timings],
    }
    print(json.dumps(result))


def run_worker(data: Path, batch_size: int, mode: str) -> dict[str, Any]:
    command = [sys.executable, __file__, "--worker", str(data), "--batch-size", str(batch_size)]
    if mode == "pure":
        command.append("--pure")
    # stderr passes through: a failing load shows its traceback.
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)  # noqa: S603
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def best_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One result: per feed the fastest of `runs`, the highest peak RSS, the codecs seen."""
    feeds = [
        [feed, records, min(run["feeds"][i][2] for run in runs), rejected]
        for i, (feed, records, _, rejected) in enumerate(runs[0]["feeds"])
    ]
    return {
        "codec": "/".join(sorted({run["codec"] for run in runs})),
        "peak_rss_mib": max(run["peak_rss_mib"] for run in runs),
        "feeds": feeds,
    }


def report(results: dict[str, dict[str, Any]]) -> None:
    from benchlib import table

    rust, pure = results["rust"], results["pure"]
    rows = [
        row(feed, records, rust_s, pure_s)
        for (feed, records, rust_s, _), (_, _, pure_s, _) in zip(
            rust["feeds"], pure["feeds"], strict=True
        )
    ]
    records = sum(f[1] for f in rust["feeds"])
    rust_total, pure_total = (sum(f[2] for f in r["feeds"]) for r in (rust, pure))
    rows.append(row("all", records, rust_total, pure_total))
    headers = ["feed", "records", "rust s", "rust rec/s", "pure s", "pure rec/s", "rust/pure"]
    print(table(headers, rows))
    for mode in MODES:
        print(
            f"{mode}: codec in use {results[mode]['codec']}, loader peak RSS "
            f"{results[mode]['peak_rss_mib']:,.0f} MiB"
        )


def row(feed: str, records: int, rust_s: float, pure_s: float) -> list[str]:
    return [
        feed,
        f"{records:,}",
        f"{rust_s:.1f}",
        f"{records / rust_s:,.0f}",
        f"{pure_s:.1f}",
        f"{records / pure_s:,.0f}",
        f"{pure_s / rust_s:.2f}x",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=1, help="loads per mode; best time kept")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)  # internal: data dir
    parser.add_argument("--pure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        worker(args.worker, args.batch_size, args.pure)
        return
    from benchlib import generate_timed

    with tempfile.TemporaryDirectory() as tmp:
        generate_timed(args.households, Path(tmp), args.seed)
        runs: dict[str, list[dict[str, Any]]] = {mode: [] for mode in MODES}
        for round_ in range(args.rounds):
            for mode in MODES if round_ % 2 == 0 else MODES[::-1]:
                runs[mode].append(run_worker(Path(tmp), args.batch_size, mode))
                print(f"round {round_ + 1}: {mode} loaded", flush=True)
    results = {mode: best_of(found) for mode, found in runs.items()}
    report(results)


if __name__ == "__main__":
    main()
