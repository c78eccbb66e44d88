"""The integrity checks (信息比对, RULES §9) as a registry: one `Check` per rule id, run in
rule order over a region on a date, and the findings paged by a keyset cursor.

Each rule is one module (`integrity.x1_dead` …) whose `check` takes a `Scan` (the graph, the
region's prefix, the as-of date, the procedure policy) and returns its findings in key order.
A new rule is one more module and one more entry in `CHECKS`, as X8 (relief over R4's
limits without a conference) joined when relief landed.

Paging (`page`): the list is ordered by `Finding.key` (rule, subject, digest of the tag). The
cursor is the key of the last finding handed out; the next page runs only the rules from the
cursor's on, keeps the findings after it, and stops running rules once the page is full: a
page of X1 findings never runs the means tests of X3. Complexity: the rules run for a page,
each costing what its module says.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from core import cursors
from core.errors import InvalidCursor, UnknownCheck
from graph.db import Graph
from integrity import (
    x1_dead,
    x2_exclusive,
    x3_failing,
    x4_unenrolled,
    x5_ungranted,
    x6_unfiled,
    x7_duplicates,
    x8_relief,
)
from integrity.findings import RULE_IDS, Finding
from integrity.scan import Scan
from procedure.policy import ProcedurePolicy

NOT_A_CURSOR: Final = "cursor: not a cursor this list handed out"
Key = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Check:
    """One rule of RULES §9: its id, what it looks for, and the function that finds it."""

    rule: str
    title: str
    find: Callable[[Scan], list[Finding]]


CHECKS: Final[dict[str, Check]] = {
    c.rule: c
    for c in (
        Check("X1", "enrolment open after the death of its subject", x1_dead.check),
        Check("X2", "exclusive enrolments open at once", x2_exclusive.check),
        Check("X3", "enrolled but failing the rule on the date", x3_failing.check),
        Check("X4", "eligible but not enrolled", x4_unenrolled.check),
        Check("X5", "enrolment with no granted case behind it", x5_ungranted.check),
        Check("X6", "relative of an official without a filing", x6_unfiled.check),
        Check("X7", "possible duplicate persons", x7_duplicates.check),
        Check("X8", "relief over R4's limits without a conference", x8_relief.check),
    )
}
assert tuple(CHECKS) == RULE_IDS, "every rule id has one check, in order"


def checks(rules: Iterable[str] | None = None) -> list[Check]:
    """The checks of `rules` (all by default) in rule order; `UnknownCheck` for an id the
    registry has none for."""
    wanted = list(CHECKS) if rules is None else list(rules)
    unknown = sorted(set(wanted) - CHECKS.keys())
    if unknown:
        raise UnknownCheck(
            f"no integrity check for {', '.join(unknown)}; known: {', '.join(CHECKS)}"
        )
    return [c for rule, c in CHECKS.items() if rule in wanted]


def findings(
    graph: Graph,
    region_prefix: str,
    as_of: date,
    policy: ProcedurePolicy,
    rules: Iterable[str] | None = None,
) -> Iterator[Finding]:
    """Every finding of `rules` below `region_prefix` on `as_of`, in key order, one rule
    at a time (a rule runs when its first finding is asked for)."""
    scan = Scan(graph, region_prefix, as_of, policy)
    for check in checks(rules):
        yield from sorted(check.find(scan), key=lambda f: f.key)


def scan_all(
    graph: Graph,
    region_prefix: str,
    as_of: date,
    policy: ProcedurePolicy,
    rules: Iterable[str] | None = None,
) -> list[Finding]:
    """Every finding, as a list (the command line, the benchmark)."""
    return list(findings(graph, region_prefix, as_of, policy, rules))


def page(
    graph: Graph,
    region_prefix: str,
    as_of: date,
    policy: ProcedurePolicy,
    rules: Sequence[str] | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[Finding], str | None]:
    """At most `limit` findings after `cursor` in key order, and the cursor of the next
    page (None on the last)."""
    after = decode_cursor(cursor) if cursor else None
    wanted = list(CHECKS) if rules is None else list(rules)
    if after is not None:
        wanted = [r for r in wanted if r >= after[0]]
    items: list[Finding] = []
    for finding in findings(graph, region_prefix, as_of, policy, wanted):
        if after is not None and finding.key <= after:
            continue
        if len(items) == limit:
            return items, encode_cursor(items[-1].key)
        items.append(finding)
    return items, None


def encode_cursor(key: Key) -> str:
    """The opaque cursor after `key` (`core.cursors`)."""
    return cursors.encode(list(key))


def decode_cursor(cursor: str) -> Key:
    """The key a cursor of `encode_cursor` holds; `InvalidCursor` for anything else."""
    position = cursors.decode(cursor, 3, NOT_A_CURSOR)
    if position[0] not in CHECKS:
        raise InvalidCursor(NOT_A_CURSOR)
    return (position[0], position[1], position[2])
