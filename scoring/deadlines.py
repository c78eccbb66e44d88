"""Deadlines of open warnings counted again when the official calendar changes (W4).

A deadline is counted from a day with a number of working days, through the calendar feed,
chinese-calendar and Monday–Friday (`scoring.workdays`), and keeps the feed entries it looked
at (`deadline_basis`). Whenever the feed entries of its span differ from that basis (a day
newly loaded, or a known day corrected), or while it is provisional, it is counted again from
the same day with the same number of working days (issue 13 item 9).
"""

from typing import Any

from cypher import query
from graph.db import Graph
from scoring.workdays import Calendar

STALE_DEADLINES = query("warnings/stale_deadlines")
SET_DEADLINES = query("warnings/set_deadlines")


def recount_deadlines(graph: Graph) -> int:
    """Recount every open deadline the calendar feed has changed under, and every provisional
    one; return how many changed. Idempotent: a second call finds nothing to change.

    Run after a calendar load and at the end of a rescoring run whose calendar changed while
    it ran. Complexity: one read (a date-index seek per open warning with a deadline), the
    calendar, and one write for the warnings found.
    """
    rows = graph.read(STALE_DEADLINES)
    if not rows:
        return 0
    calendar = Calendar.from_graph(graph)
    updates: list[dict[str, Any]] = []
    for row in rows:
        deadline = calendar.due_date(row["deadline_from"], row["deadline_days"])
        updates.append(
            {
                "warning_id": row["warning_id"],
                "deadline_from": row["deadline_from"],
                "deadline_days": row["deadline_days"],
                "due_on": deadline.due_on,
                "due_on_provisional": deadline.provisional,
                "basis": list(deadline.basis),
            }
        )
    return int(graph.value(SET_DEADLINES, {"rows": updates}, write=True))
