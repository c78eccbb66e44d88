"""Routing of open warnings to the township that holds their household's village (W5).

An open warning follows its household (CONTRACT §3): the work queue finds warnings through
the household's village now, and `reroute_open_warnings` keeps the stored `township_code` of
open warnings in step after a households load moved some (issue 13 item 7).
"""

from neo4j import ManagedTransaction

from cypher import query
from graph.db import Graph
from stats import rollup

REROUTE_OPEN = query("warnings/reroute_open")
TO_REROUTE = query("stats/warnings_to_reroute")


def reroute_open_warnings(graph: Graph) -> int:
    """Move open warnings of households now in another township there; how many moved.

    Complexity: one write over the open warnings (index on status), touching only moved ones.
    The moved warnings' counts move with them in the figures' rollup, in the same
    transaction (S1).
    """

    def work(tx: ManagedTransaction) -> int:
        ids = tx.run(TO_REROUTE.text).single(strict=True)["warning_ids"]
        before = rollup.warnings_by_id(tx, ids)
        moved = int(tx.run(REROUTE_OPEN.text).single(strict=True)["rerouted"])
        rollup.apply(tx, before, rollup.warnings_by_id(tx, ids))
        return moved

    return graph.execute_write(work)
