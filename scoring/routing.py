"""Routing of open warnings to the township that holds their household's village (W5).

An open warning follows its household (CONTRACT §3): the work queue finds warnings through
the household's village now, and `reroute_open_warnings` keeps the stored `township_code` of
open warnings in step after a households load moved some (issue 13 item 7).
"""

from cypher import query
from graph.db import Graph

REROUTE_OPEN = query("warnings/reroute_open")


def reroute_open_warnings(graph: Graph) -> int:
    """Move open warnings of households now in another township there; how many moved.

    Complexity: one write over the open warnings (index on status), touching only moved ones.
    """
    return int(graph.value(REROUTE_OPEN, write=True))
