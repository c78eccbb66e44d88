"""The assistance chain of a household read from the graph (一户一条救助链; CONTRACT §4).

One query walks the chain (`cypher/assistance/chain.cypher`); the rule services decide what
the household and its members are eligible for on the as-of date (`household_eligibility`:
E3, E4, E5, E6; `destitute_checks`: T1), reusing the queries their own routes run; the pure
`assistance.chain` puts the three together. Ids of persons the caller may not see (outside
their region, CONTRACT §3) are masked by the `show` the caller passes. The household must lie
in the caller's region; its relief cases come whichever township filed them (R1).
Complexity: three queries, each bounded by the household's degree and its members' kin.
"""

from collections.abc import Callable
from datetime import date

from assistance.chain import Chain, assemble, eligible_on
from core.errors import NotFound
from cypher import query
from graph.db import Graph
from scoring.eligibility import household_eligibility
from scoring.support import destitute_checks

CHAIN = query("assistance/chain")

__all__ = ["CHAIN", "assistance_chain"]

Shower = Callable[[str, bool], str]


def _plain(person_id: str, _visible: bool) -> str:
    return person_id


def assistance_chain(
    graph: Graph,
    region_prefix: str,
    household_id: str,
    as_of: date,
    shower: Shower = _plain,
) -> Chain:
    """The chain of a household below `region_prefix` on `as_of`, else `NotFound`.
    `shower(person_id, visible)` gives the id an answer shows (the API's masking)."""
    params = {"household_id": household_id, "region_prefix": region_prefix, "as_of": as_of}
    row = graph.one_or_none(CHAIN, params)
    if row is None:
        raise NotFound(f"no household {household_id}")
    visible = frozenset(row["visible"])
    found = household_eligibility(graph, region_prefix, household_id, as_of)
    checks = destitute_checks(graph, region_prefix, row["members"], as_of) if row["members"] else {}
    eligible = eligible_on(found, checks)
    return assemble(row, eligible, as_of, lambda pid: shower(pid, pid in visible))
