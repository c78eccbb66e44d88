"""Integrity findings by rule (RULES §9 X1-X8) as a figure of S1 and S2 (`findings_by_rule`).

A scan of X1-X8 runs the verdicts of every enrolment of a region (BENCHMARKS.md: minutes for
the province), far too slow for `GET /v1/stats`. So a scan's counts are recorded when it
runs (`hhgraph integrity`, through `integrity.record_scan`): per rule, the findings of each
township (W5: every finding routes to one), under the scanned region's prefix and the as-of
date. The figures read, for each day, each rule's latest scan on or before that day of a
region that holds the asked one, so a month's end shows the scan of that time, and
`findings_scanned_on` says how old the oldest count behind the figure is. A rule never
scanned for the region is absent; a region with no scan at all has null.

This module takes counts, not findings: it knows no integrity check (the integrity package
sits above the workflow packages, which write this package's rollup).
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from cypher import query
from graph.db import Graph

__all__ = ["RULES", "Counted", "findings_counted", "latest_scans", "record"]

FINDINGS_RECORD = query("stats/findings_record")
FINDINGS_READ = query("stats/findings_read")
# RULES §9, in order (tests/stats/test_s1_findings.py checks them against the registry's).
RULES: Final[tuple[str, ...]] = ("X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8")


@dataclass(slots=True)
class Counted:
    """The scans behind one day's figures of a region: the rules scanned, the oldest scan's
    date, and the findings by (region code at the level counted, rule)."""

    rules: set[str] = field(default_factory=set)
    scanned_on: date | None = None
    by_code: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))

    def of(self, code: str | None) -> dict[str, int] | None:
        """`findings_by_rule` of `code` at the level counted (None: the region's own, the sum
        of every code), or None when no scan covers the region."""
        if not self.rules:
            return None
        if code is not None:
            found = self.by_code.get(code, {})
            return {rule: found.get(rule, 0) for rule in RULES if rule in self.rules}
        total = dict.fromkeys((r for r in RULES if r in self.rules), 0)
        for counts in self.by_code.values():
            for rule, n in counts.items():
                total[rule] += n
        return total


def record(graph: Graph, prefix: str, as_of: date, counts: Mapping[str, Mapping[str, int]]) -> int:
    """Record one scan of region `prefix` on `as_of`: `counts` {rule: {township: n}} for
    every rule scanned (a rule with no finding: an empty mapping). Returns the scans
    written."""
    rows = [
        {"rule": rule, "townships": list(towns), "counts": [int(n) for n in towns.values()]}
        for rule, towns in sorted(counts.items())
    ]
    found = graph.one(FINDINGS_RECORD, {"prefix": prefix, "as_of": as_of, "rows": rows}, write=True)
    return int(found["scans"])


def findings_counted(
    graph: Graph, prefix: str, width: int, days: Sequence[date]
) -> dict[date, Counted]:
    """The recorded findings of the regions at `width` digits under `prefix`, by day (a day
    no scan covers is absent). O(`cypher/stats/findings_read`)."""
    params = {"prefix": prefix, "width": width, "days": list(days), "last": max(days)}
    counted: dict[date, Counted] = defaultdict(Counted)
    for row in graph.read(FINDINGS_READ, params):
        day = counted[row["day"]]
        day.rules.add(row["rule"])
        scanned: date = row["scanned_on"]
        day.scanned_on = scanned if day.scanned_on is None else min(day.scanned_on, scanned)
        if row["code"] is not None and row["n"]:
            code = row["code"].ljust(12, "0")
            by_rule = day.by_code[code]
            by_rule[row["rule"]] = by_rule.get(row["rule"], 0) + int(row["n"])
    return counted


def latest_scans(graph: Graph, prefix: str, as_of: date) -> dict[str, tuple[date, int]]:
    """Each rule's latest recorded scan on or before `as_of` of a region that holds `prefix`:
    (the scan's as-of date, its findings in the townships under `prefix`); a rule never
    scanned for the region is absent. What the integrity screen shows beside its rule
    selector (`GET /v1/integrity/scans`), one read of `cypher/stats/findings_read`."""
    params = {"prefix": prefix, "width": len(prefix), "days": [as_of], "last": as_of}
    found: dict[str, tuple[date, int]] = {}
    for row in graph.read(FINDINGS_READ, params):
        scanned, n = found.get(row["rule"], (row["scanned_on"], 0))
        found[row["rule"]] = (scanned, n + int(row["n"] or 0))
    return found
