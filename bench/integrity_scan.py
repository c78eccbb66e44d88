"""A full integrity scan (X1–X7, RULES §9) of a region, each rule beside its floor.

    NEO4J_URI=... .venv/bin/python bench/integrity_scan.py --households 100000 \
        [--region 44] [--as-of 2026-11-01] [--seed 7] [--rules X3,X5]

With `--households` it empties the database and loads that many generated households through
the real loader first (`synthetic`, as bench/benchlib.py does); without, it scans what is
loaded. For each rule it prints the findings, the wall time of the check as the API and the
CLI run it (`integrity.scan_all` with that rule), and its floor: the rule's own Cypher alone,
read whole through the driver, with no verdicts built in Python and no reasons (X1, X2, X5,
X7: the rule's query; X3: its walk of the region's enrolments by households; X4: screening's
candidate query; X6: the enrolled households' query). Reads only.
"""

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from benchlib import connect, peak_rss_mib, prepare, table

from cypher import query
from graph.db import Graph
from integrity import CHECKS, scan_all
from integrity.scan import Scan
from integrity.x3_failing import enrolments
from procedure.policy import default_policy
from procedure.programs import PROGRAMS


def floors(region: str, as_of: date) -> dict[str, Callable[[Graph], int]]:
    """Per rule, the Cypher it runs, alone: the number of rows it reads."""
    policy = default_policy()
    scoped = {"region_prefix": region, "as_of": as_of}

    def rows(name: str, params: dict[str, Any]) -> Callable[[Graph], int]:
        return lambda graph: len(graph.read(query(name), params))

    return {
        "X1": rows("integrity/x1_dead_enrolled", scoped),
        "X2": rows("integrity/x2_exclusive", scoped),
        "X3": lambda graph: sum(1 for _ in enrolments(Scan(graph, region, as_of, policy))),
        "X4": rows("screening/candidates", scoped),
        "X5": rows(
            "integrity/x5_ungranted",
            scoped | {"workflow_from": policy.workflow_from, "programs": sorted(PROGRAMS)},
        ),
        "X6": rows("integrity/x6_enrolled_households", scoped),
        "X7": rows("integrity/x7_duplicates", scoped),
    }


def timed(run: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = run()
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=None)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--region", default="44", help="region prefix (44: the province)")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 1))
    parser.add_argument(
        "--rules", default=None, help="comma-separated rule ids (default: every rule with a floor)"
    )
    args = parser.parse_args()
    policy = default_policy()
    with connect(timeout_s=600.0) as graph, tempfile.TemporaryDirectory() as tmp:
        prepare(graph, args.households, args.seed, args.batch_size, Path(tmp))
        households = graph.driver.execute_query(
            "MATCH (h:Household) WHERE h.region_code STARTS WITH $p RETURN count(h) AS n",
            {"p": args.region},
            database_=graph.database,
        ).records[0]["n"]
        print(f"region {args.region}: {households:,} households, as of {args.as_of}")
        floor = floors(args.region, args.as_of)
        lines, total, total_floor = [], 0.0, 0.0
        for rule in args.rules.split(",") if args.rules else [r for r in CHECKS if r in floor]:
            found, seconds = timed(
                lambda rule=rule: scan_all(graph, args.region, args.as_of, policy, [rule])
            )
            read, floor_s = timed(lambda rule=rule: floor[rule](graph))
            total, total_floor = total + seconds, total_floor + floor_s
            ratio = f"{seconds / floor_s:.1f}x" if floor_s > 0 else "-"
            peak = f"{peak_rss_mib():,.0f}"
            lines.append(
                [
                    rule,
                    f"{len(found):,}",
                    f"{seconds:.2f}",
                    f"{read:,}",
                    f"{floor_s:.2f}",
                    ratio,
                    peak,
                ]
            )
            print(" ".join(lines[-1]), flush=True)  # a rule at a time: a province takes long
        lines.append(
            [
                "all",
                "",
                f"{total:.2f}",
                "",
                f"{total_floor:.2f}",
                f"{total / total_floor:.1f}x" if total_floor else "-",
                "",
            ]
        )
    print(
        table(
            ["rule", "findings", "check s", "floor rows", "floor s", "check/floor", "peak MiB"],
            lines,
        )
    )
    print(f"{households / total:,.0f} households/s for the whole scan")


if __name__ == "__main__":
    main()
