"""Service functions of the warning and rescoring routes (RULES §4, W3–W7)."""

import json
from datetime import date

from api.models import JobPublic, VerificationIn, VerifiedWarningPublic, WarningPage, WarningPublic
from api.security import Officer
from api.services import native as _native
from graph.db import Graph
from scoring.rescore import Mode, new_run_id, rescore_households
from scoring.ruleset import default_ruleset
from scoring.workdays import Calendar

WIDE_REGION = 4  # digits of a city's region prefix


def list_warnings(
    graph: Graph,
    region_prefix: str,
    level: str | None,
    status: str | None,
    overdue_on: date | None,
    cursor: str | None,
    limit: int,
) -> WarningPage:
    """A page of warnings below `region_prefix` (already checked against the caller's).

    Two plans of one query: a province or city (prefix of at most 4 digits) walks warnings
    in id order and stops at `limit`; a county or narrower region starts from its households.
    At 100k households and 72k open warnings the first took a province page from ~200 ms to
    ~10 ms, while the second stays the cheaper one for a county (bench/latency.py).
    """
    rows = graph.read(
        "warnings/list_by_id" if len(region_prefix) <= WIDE_REGION else "warnings/list",
        {
            "region_prefix": region_prefix,
            "level": level,
            "status": status,
            "overdue_on": overdue_on,
            "cursor": cursor or "",
            "limit": limit,
        },
    )
    items = [WarningPublic.model_validate(item) for item in rows[0]["items"]]
    next_cursor = items[-1].warning_id if len(items) == limit else None
    return WarningPage(items=items, next_cursor=next_cursor)


class VisitBeforeIssue(Exception):
    """A verification's visit day lies before the warning's issue day (issue 13 item 11)."""

    def __init__(self, warning_id: str, visited_on: date, issued_on: date) -> None:
        super().__init__(
            f"must not be before the issue day {issued_on} of warning {warning_id} "
            f"(got {visited_on})"
        )


def verify_warning(
    graph: Graph, officer: Officer, warning_id: str, body: VerificationIn
) -> tuple[bool, VerifiedWarningPublic | None]:
    """Close an open warning (W6). Returns (closed by this call, the closed warning), or
    (False, None) when there is no such warning in the caller's region; raises
    `VisitBeforeIssue` for a visit before the issue day (nothing is closed then)."""
    rows = graph.write(
        "warnings/verify",
        {
            "warning_id": warning_id,
            "region_prefix": officer.region_prefix,
            "visited_on": body.visited_on,
            "genuine": body.genuine,
            "findings": body.findings,
            "action": body.action,
            "officer": officer.sub,
        },
    )
    if not rows:
        return False, None
    row = _native(rows[0])
    if row.pop("visit_before_issue"):
        raise VisitBeforeIssue(warning_id, body.visited_on, row["issued_on"])
    closed = bool(row.pop("closed"))  # False: it was closed before this call
    return closed, VerifiedWarningPublic(**row)


def queue_rescore(graph: Graph, as_of: date, mode: Mode) -> str:
    """Record a queued run and return its id (the job id)."""
    run_id = new_run_id(as_of, mode)
    graph.write(
        "scoring/run_queue",
        {"run_id": run_id, "as_of": as_of, "mode": mode, "ruleset": default_ruleset().version},
    )
    return run_id


def run_rescore(graph: Graph, run_id: str, as_of: date, mode: Mode) -> None:
    """Run a queued job to its end (its failure is recorded on the run)."""
    calendar = Calendar.from_graph(graph)
    rescore_households(graph, as_of, mode, default_ruleset(), calendar.due_date, run_id=run_id)


def job(graph: Graph, job_id: str) -> JobPublic | None:
    rows = graph.read("scoring/run_by_id", {"run_id": job_id})
    if not rows:
        return None
    row = rows[0]
    total, done = row["total"] or 0, row["done"] or 0
    progress = 1.0 if row["status"] == "succeeded" else (done / total if total else 0.0)
    counts = json.loads(row["counts_json"]) if row["counts_json"] else {}
    return JobPublic(
        job_id=row["run_id"], status=row["status"], progress=round(progress, 4), counts=counts
    )
