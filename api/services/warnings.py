"""The warning and rescoring routes: the work queue, verification and rescoring jobs (RULES §4,
W3–W7)."""

import logging
from datetime import date

from neo4j.exceptions import DriverError, Neo4jError

from api.models.warnings import (
    GuidanceIn,
    GuidedWarningPublic,
    JobPublic,
    VerificationIn,
    VerifiedWarningPublic,
    WarningPage,
    WarningPublic,
)
from api.security import Officer
from core.errors import InvalidField, NotFound
from cypher import query
from graph.db import Graph
from procedure.errors import StepNotAllowed
from scoring import runs
from scoring.deadlines import visit_deadlines
from scoring.rescore import Mode, new_run_id, rescore_households
from scoring.ruleset import default_ruleset
from stats import rollup

WIDE_REGION = 4  # digits of a city's region prefix
PROVINCE = runs.PROVINCE  # the only region a rescoring run covers (issue 14 item 12)
RescoreBusy = runs.RescoreBusy
log = logging.getLogger("hhgraph.api")
LIST_FOR_HOUSEHOLD = query("warnings/list_for_household")
LIST_BY_ID = query("warnings/list_by_id")
LIST = query("warnings/list")
VERIFY = query("warnings/verify")
GUIDE = query("warnings/guide")
RUN_QUEUE = query("scoring/run_queue")

__all__ = [
    "PROVINCE",
    "RescoreBusy",
    "VisitBeforeIssue",
    "guide_warning",
    "job",
    "list_warnings",
    "mark_orphan_runs",
    "queue_rescore",
    "run_rescore",
    "verify_warning",
]


def list_warnings(
    graph: Graph,
    region_prefix: str,
    level: str | None,
    status: str | None,
    overdue_on: date | None,
    cursor: str | None,
    limit: int,
    household_id: str | None = None,
) -> WarningPage:
    """A page of warnings below `region_prefix` (already checked against the caller's), of
    one household when `household_id` is given (none when it lies outside the region).

    Three plans of one answer: one household seeks it by id (issue 15 item 10: the console
    asks for a household's warnings instead of paging through its region's); a province or
    city (prefix of at most 4 digits) walks warnings in id order and stops at `limit`; a
    county or narrower region starts from its households. At 100k households and 72k open
    warnings the second took a province page from ~200 ms to ~10 ms, while the third stays
    the cheaper one for a county (bench/latency.py).
    """
    if household_id is not None:
        listing = LIST_FOR_HOUSEHOLD
    else:
        listing = LIST_BY_ID if len(region_prefix) <= WIDE_REGION else LIST
    row = graph.one(
        listing,
        {
            "region_prefix": region_prefix,
            "household_id": household_id,
            "level": level,
            "status": status,
            "overdue_on": overdue_on,
            "cursor": cursor or "",
            "limit": limit,
        },
    )
    items = [WarningPublic.model_validate(item) for item in row["items"]]
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
) -> tuple[bool, VerifiedWarningPublic]:
    """Close an open warning (W6). Returns (closed by this call, the closed warning);
    `NotFound` when there is no such warning in the caller's region, `VisitBeforeIssue` for a
    visit before the issue day (nothing is closed then); `StepNotAllowed` (409) for a warning
    closed by phone guidance, which has no verification to return (W3, P4)."""
    row = rollup.write_warning(
        graph,
        VERIFY,
        {
            "warning_id": warning_id,
            "region_prefix": officer.region_prefix,
            "visited_on": body.visited_on,
            "genuine": body.genuine,
            "findings": body.findings,
            "action": body.action,
            "officer": officer.sub,
        },
        warning_id,
    )
    if row is None:
        raise NotFound(f"no warning {warning_id}")
    if row.pop("visit_before_issue"):
        raise VisitBeforeIssue(warning_id, body.visited_on, row["issued_on"])
    closed = bool(row.pop("closed"))  # False: it was closed before this call
    if not closed and row["visited_on"] is None:  # closed by phone guidance, no visit (W3)
        raise StepNotAllowed(
            row["status"],
            "verification",
            ("W6", "W3"),
            f"warning {warning_id} is already closed by phone guidance",
        )
    return closed, VerifiedWarningPublic(**row)


def guide_warning(
    graph: Graph, officer: Officer, warning_id: str, body: GuidanceIn
) -> GuidedWarningPublic:
    """Close an open green warning with its phone guidance instead of a visit (W3, P4), as a
    verification closes it (W6). `NotFound` outside the caller's region; `StepNotAllowed`
    (409) naming the level for a warning that is not green, or the status for a closed one;
    `InvalidField` (422) naming called_on for a call before the issue day."""
    row = rollup.write_warning(
        graph,
        GUIDE,
        {
            "warning_id": warning_id,
            "region_prefix": officer.region_prefix,
            "called_on": body.called_on,
            "result": body.result,
            "officer": officer.sub,
        },
        warning_id,
    )
    if row is None:
        raise NotFound(f"no warning {warning_id}")
    if not row["was_open"]:
        raise StepNotAllowed(
            row["status"], "guidance", ("W6",), f"warning {warning_id} is already closed"
        )
    if row["level"] != "green":
        raise StepNotAllowed(
            row["status"],
            "guidance",
            ("W3", "P4"),
            f"the warning's level is {row['level']}: a home visit answers it, not phone guidance",
        )
    if row["call_before_issue"]:
        raise InvalidField(
            "called_on", f"must not be before the issue day {row['issued_on']} (W3, P4)"
        )
    for flag in ("closed", "call_before_issue", "was_open"):
        row.pop(flag)
    return GuidedWarningPublic(**row)


def queue_rescore(
    graph: Graph, officer: Officer, as_of: date, mode: Mode, allowance_s: float
) -> str:
    """Record a queued run holding the rescoring lock and return its id (the job id);
    `RescoreBusy` with the running job's id while another live run holds the lock (issue 14
    item 3). The caller is province-wide (`PROVINCE`, checked by the route)."""
    run_id = new_run_id(as_of, mode)
    params = {"as_of": as_of, "mode": mode.value, "ruleset": default_ruleset().version}
    params |= {"region": officer.region} | runs.this_process("api").params()
    runs.claim(graph, run_id, RUN_QUEUE, params, allowance_s)
    return run_id


def run_rescore(graph: Graph, run_id: str, as_of: date, mode: Mode, allowance_s: float) -> None:
    """Run a queued job to its end (its failure is recorded on the run). A job whose lock
    was taken over (it looked dead) is already marked interrupted: nothing more to do."""
    deadlines = visit_deadlines(graph)
    try:
        rescore_households(
            graph,
            as_of,
            mode,
            default_ruleset(),
            deadlines,
            run_id=run_id,
            owner_kind="api",
            allowance_s=allowance_s,
        )
    except (runs.RescoreBusy, runs.RunInterrupted) as exc:
        log.warning("rescoring job %s stopped: %s", run_id, exc)


def job(graph: Graph, officer: Officer, job_id: str, allowance_s: float) -> JobPublic:
    """A job of the caller's region (issue 14 item 12: every job is province-wide, so only
    province-wide callers see one), `interrupted` once it is known dead; else `NotFound`."""
    state = runs.run_state(graph, job_id, allowance_s)
    if state is None or not state.region.startswith(officer.region_prefix):
        raise NotFound(f"no job {job_id}")
    progress = (
        1.0 if state.status == "succeeded" else (state.done / state.total if state.total else 0.0)
    )
    return JobPublic(
        job_id=state.run_id,
        status=state.status,  # type: ignore[arg-type]
        progress=round(progress, 4),
        counts=state.counts,
        as_of=state.as_of,
        mode=state.mode,  # type: ignore[arg-type]
        region=state.region,
    )


def mark_orphan_runs(graph: Graph) -> list[str]:
    """At the API's start: the runs of dead processes of this host are interrupted. A
    failure only delays that (their heartbeat tells later): the API starts all the same."""
    try:
        orphans = runs.mark_orphans(graph)
    except (DriverError, Neo4jError):
        log.warning("could not look for orphaned rescoring runs", exc_info=True)
        return []
    if orphans:
        log.warning("rescoring runs interrupted by a stop of their process: %s", orphans)
    return orphans
