"""A full screening of every household and candidate person of the loaded database.

    NEO4J_URI=... .venv/bin/python bench/screening.py [--region 44] [--as-of 2026-11-01]

Prints the number of candidate households and persons, the findings by kind, and the wall
time, with the rate per household. Reads only (the recheck list is read, not changed).
"""

import argparse
import time
from collections import Counter
from datetime import date

from core.settings import get_settings
from graph.db import graph_for, open_driver
from scoring.screening import screen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="44", help="region prefix (44: the province)")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 1))
    args = parser.parse_args()
    settings = get_settings()
    with open_driver(settings) as driver:
        graph = graph_for(driver, settings)
        households = graph.driver.execute_query(
            "MATCH (h:Household) WHERE h.region_code STARTS WITH $p RETURN count(h) AS n",
            {"p": args.region},
            database_=graph.database,
        ).records[0]["n"]
        started = time.perf_counter()
        findings = screen(graph, args.region, args.as_of)
        seconds = time.perf_counter() - started
    print(
        f"screened {households:,} households of region {args.region} on {args.as_of} "
        f"in {seconds:.1f} s ({households / seconds:,.0f} households/s)"
    )
    for kind, n in sorted(Counter(f.kind for f in findings).items()):
        print(f"  {kind:<20} {n:>8,}")


if __name__ == "__main__":
    main()
