"""Deadlines of open warnings recomputed when an official calendar arrives (W4).

A deadline counted through a year that neither chinese-calendar nor the `calendar` feed
covers is Monday–Friday only and marked provisional; once that year's calendar is loaded, the
deadline is counted again from the same day with the same number of working days.
"""

from typing import Any

from graph.db import Graph
from scoring.workdays import Calendar


def recompute_provisional_deadlines(graph: Graph) -> int:
    """Recount every provisional deadline of an open warning; return how many changed.

    Complexity: one read, the calendar, and one write for all of them.
    """
    rows = graph.read("warnings/provisional_open")
    if not rows:
        return 0
    calendar = Calendar.from_graph(graph)
    updates: list[dict[str, Any]] = []
    for row in rows:
        deadline = calendar.due_date(row["deadline_from"].to_native(), row["deadline_days"])
        updates.append(
            {
                "warning_id": row["warning_id"],
                "due_on": deadline.due_on,
                "due_on_provisional": deadline.provisional,
            }
        )
    (result,) = graph.write("warnings/set_deadlines", {"rows": updates})
    return int(result["updated"])
