"""Visit deadlines (W3, W4): the one policy that counts them, and open warnings' deadlines
counted again when the official calendar changes.

`visit_deadlines` composes the policy once, for the CLI's and the API's rescoring runs and for
the recounts below: a warning issued on a day is due on the n-th working day after it, the
working days read from the official calendar as the graph holds it now (`scoring.workdays`).

A deadline is counted from a day with a number of working days, through the calendar feed,
chinese-calendar and Monday–Friday (`scoring.workdays`), and keeps the feed entries it looked
at (`deadline_basis`). Whenever the feed entries of its span differ from that basis (a day
newly loaded, or a known day corrected), or while it is provisional, it is counted again from
the same day with the same number of working days (issue 13 item 9).
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from neo4j import ManagedTransaction

from cypher import query
from graph.db import Graph
from scoring.workdays import Calendar, Deadline
from stats import rollup

DeadlineFn = Callable[[date, int], Deadline]  # (issued_on, working days) -> deadline


def visit_deadlines(graph: Graph) -> DeadlineFn:
    """The deadline policy of W3 and W4: `(issued_on, working_days)` to the deadline counted
    with the calendar feed of `graph`, chinese-calendar and Monday–Friday, in that order.

    Every caller composes it here, so that a run of the CLI, a job of the API and a recount
    after a calendar load cannot count one deadline two ways (issue 15 item 9). The calendar
    is read once, now: one read of every `CalendarDay` (O(E) for E entries); a change of the
    feed after that is caught by the recount below.
    """
    return Calendar.from_graph(graph).due_date


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
    due = visit_deadlines(graph)
    updates: list[dict[str, Any]] = []
    for row in rows:
        deadline = due(row["deadline_from"], row["deadline_days"])
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
    ids = [u["warning_id"] for u in updates]

    def work(tx: ManagedTransaction) -> int:
        before = rollup.warnings_by_id(tx, ids)  # overdue counts follow the deadline (S1)
        updated = int(tx.run(SET_DEADLINES.text, {"rows": updates}).single(strict=True)[0])
        rollup.apply(tx, before, rollup.warnings_by_id(tx, ids))
        return updated

    return graph.execute_write(work)
