"""A scan's counts for the supervision figures (S1 `findings_by_rule`; docs/stats.md): the
findings of each rule run, by the township each routes to, recorded with the scanned
region and the as-of date (`stats.findings.record`), so that `GET /v1/stats` reads them
instead of running the checks again."""

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from graph.db import Graph
from integrity.findings import Finding
from stats.findings import record

__all__ = ["record_scan"]


def record_scan(
    graph: Graph, prefix: str, as_of: date, rules: Sequence[str], findings: Iterable[Finding]
) -> int:
    """Record the findings of `rules` (every rule that ran, with or without findings) of
    region `prefix` on `as_of`; returns the scans written (one per rule)."""
    counts: dict[str, Counter[str]] = {rule: Counter() for rule in rules}
    for f in findings:
        counts[f.rule][f.township_code] += 1
    return record(graph, prefix, as_of, counts)
