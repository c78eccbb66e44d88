"""Batch rescoring (`hhgraph rescore`, `POST /v1/rescore`): RULES §4, W1–W7.

The work runs in the database: Python pages through household ids (keyset pagination) and
hands each page to `cypher/scoring/rescore_batch.cypher` in one write transaction, which
scores the households and issues or escalates their warnings. Every batch is idempotent, so a
run killed midway and started again ends as one clean run. Each run is a `RescoreRun` node:
as-of date, mode, ruleset version, progress, counts by level, status.
"""

import json
import logging
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from neo4j import ManagedTransaction
from neo4j.exceptions import ConstraintError

from core.terms import RescoreMode, values
from cypher import Query, query
from graph.db import Graph
from scoring import runs
from scoring.deadlines import DeadlineFn, recount_deadlines, visit_deadlines
from scoring.ruleset import Ruleset
from scoring.score import score_params
from stats import rollup

log = logging.getLogger("hhgraph.rescore")
DEFAULT_BATCH = 2_000
DEFAULT_WORKERS = 2
# A batch may take longer than an officer's read (HHGRAPH_QUERY_TIMEOUT_S), above all on a
# cold page cache; it stays under the local server's own 120 s cap.
BATCH_TIMEOUT_S = 110.0
# Dependents: new events flagged in one transaction, else the window in slices of days.
BACKLOG = 50_000
SLICE_DAYS = 7
CONSTRAINT_RETRIES = 5  # a batch refused by the open_key constraint is run again (W6)

HOUSEHOLD_IDS_PAGE = query("scoring/household_ids_page")
LAST_SUCCESS = query("scoring/last_success")
TOUCHED_HOUSEHOLDS = query("scoring/touched_households")
COUNT_HOUSEHOLDS = query("scoring/count_households")
OPEN_KEYS = query("scoring/open_keys")
RUN_START = query("scoring/run_start")
RUN_TOTAL = query("scoring/run_total")
RUN_FINISH = query("scoring/run_finish")
EVENTS_SINCE = query("scoring/events_since")
FLAG_DEPENDENTS = query("scoring/flag_dependents")
FLAG_DEPENDENTS_WINDOW = query("scoring/flag_dependents_window")
RESCORE_BATCH = query("scoring/rescore_batch")
LEVELS_BATCH = query("scoring/levels_batch")


# The words are core.terms.RescoreMode's, the one place they are spelled (the API's models take
# the Literal, whose schema and 422 messages name the words); a word added there and not here
# fails at import.
_FULL, _INCREMENTAL = values(RescoreMode)


class Mode(StrEnum):
    """What a run looks at (W7): every household, or those a full run could set differently
    from the last successful run. The values are the words of `--mode` and of the API's
    `mode` (CONTRACT §1, §3), `core.terms.RescoreMode`; as a `str` enum a member is its word
    in a query parameter, a run id and a message, and `hhgraph rescore --mode` lets typer
    refuse any other word."""

    FULL = _FULL
    INCREMENTAL = _INCREMENTAL


@dataclass(frozen=True, slots=True)
class RunSummary:
    run_id: str
    as_of: date
    mode: Mode
    ruleset: str
    households: int
    counts: dict[str, int]
    dependents_flagged: int  # put on the recheck list (T4-T6) by this run


def new_run_id(as_of: date, mode: Mode) -> str:
    return f"run-{as_of.isoformat()}-{mode}-{uuid.uuid4().hex[:8]}"


def level_params(ruleset: Ruleset, as_of: date, deadline: DeadlineFn) -> list[dict[str, Any]]:
    """Each level with its rank (by score) and the deadline of a warning issued on `as_of`."""
    levels = []
    for rank, level in enumerate(sorted(ruleset.levels, key=lambda lv: lv.min_score)):
        due = (
            deadline(as_of, level.visit_within_working_days)
            if level.visit_within_working_days
            else None
        )
        levels.append(
            {
                "level": level.level,
                "rank": rank,
                "min_score": level.min_score,
                "max_score": level.max_score,
                "action": level.action,
                "working_days": level.visit_within_working_days,
                "due_on": due.due_on if due else None,
                "due_on_provisional": due.provisional if due else False,
                "basis": list(due.basis) if due else [],
            }
        )
    return levels


def household_pages(graph: Graph, size: int) -> Iterator[list[str]]:
    """Every household id, a page at a time, in id order."""
    after = ""
    while True:
        page: list[str] = graph.value(HOUSEHOLD_IDS_PAGE, {"after": after, "limit": size})
        if not page:
            return
        yield page
        after = page[-1]


@dataclass(frozen=True, slots=True)
class LastRun:
    """The last successful run that wrote warnings: what incremental rescoring starts from."""

    started_at: datetime
    as_of: date
    ruleset: str


def last_success(graph: Graph) -> LastRun | None:
    """The last successful run (not a dry run), or None if none did (W7)."""
    row = graph.one_or_none(LAST_SUCCESS)
    if row is None:
        return None
    return LastRun(row["started_at"], row["as_of"], row["ruleset"])


def window_shift(last_as_of: date, as_of: date, window_days: int) -> list[dict[str, date]]:
    """The occurred_on ranges (after, until] whose days lie in one of the windows of the two
    as-of dates and not in the other (W2): events there entered or left the window between
    the two runs (issue 13 item 8). When the windows do not overlap, the two ranges cover
    both of them. O(1)."""
    low, high = sorted((last_as_of, as_of))
    if low == high:
        return []
    length = timedelta(days=window_days)
    return [
        {"after": low, "until": high},  # (low, high]: at the front of the later window
        {"after": low - length, "until": high - length},  # at the back of the earlier one
    ]


def touched_households(
    graph: Graph, since: datetime | None, shifted: list[dict[str, date]]
) -> list[str]:
    """Households changed since `since`, or with an event in a `shifted` range (W2, W7)."""
    ids: list[str] = graph.value(TOUCHED_HOUSEHOLDS, {"since": since, "shifted": shifted})
    return ids


def _chunks(ids: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _count_households(graph: Graph) -> int:
    return int(graph.value(COUNT_HOUSEHOLDS))


def rescore_households(
    graph: Graph,
    as_of: date,
    mode: Mode,
    ruleset: Ruleset,
    deadline: DeadlineFn,
    *,
    run_id: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    workers: int = DEFAULT_WORKERS,
    on_progress: Callable[[int, int], None] | None = None,
    owner_kind: runs.OwnerKind = "cli",
    allowance_s: float = runs.DEFAULT_ALLOWANCE_S,
) -> RunSummary:
    """Score households on `as_of` and issue or escalate their warnings (W1–W7).

    One run at a time, across processes: the run first takes the rescoring lock
    (`scoring.runs.claim`; `RescoreBusy` while another live run holds it, issue 14 item 3),
    renews a heartbeat while it lasts, and stops (`RunInterrupted`) if it lost the lock after
    looking dead for `allowance_s` (issue 14 item 10). A `run_id` queued by the API already
    holds the lock.

    `full` looks at every household; `incremental` at those a full run could set differently
    from the last successful run (all of them if there was none, or if it used another
    ruleset): those touched since it started, those with an event that entered or left the
    window between its as-of date and this one (`window_shift`) and those whose warning was
    closed since, so that it gives the warnings a full run gives (issue 13 item 8).
    Meanwhile the dependents of persons hit by a death, disability or unemployment event new
    since that run go on the recheck list that screening reads (`flag_dependents`).
    Complexity: O(households × their events), in batches of `batch_size` households per
    transaction, `workers` transactions at once (batches hold disjoint households, and an
    event counts for one household only). Creating a relationship also locks its neighbours
    in each end node's chain, so two transactions can still meet on, say, a member's
    MEMBER_OF edge: Neo4j reports a deadlock and the managed transaction runs the idempotent
    batch again (2 retries in the first 1M-household run of `make bench-large`).
    """
    mode = Mode(mode)  # the word of an untyped caller (a bench script) as its member
    run_id = run_id or new_run_id(as_of, mode)
    graph = replace(graph, timeout_s=max(graph.timeout_s, BATCH_TIMEOUT_S))
    start: dict[str, Any] = {"as_of": as_of, "mode": mode.value, "ruleset": ruleset.version}
    start |= {"dry_run": False, "total": 0, "region": runs.PROVINCE}
    start |= runs.this_process(owner_kind).params()
    runs.claim(graph, run_id, RUN_START, start, allowance_s)
    tally = _Tally()
    try:
        with runs.Heartbeat(graph, run_id, allowance_s / runs.BEATS_PER_ALLOWANCE) as beat:
            flagged = _score(
                graph,
                run_id,
                as_of,
                mode,
                ruleset,
                deadline,
                tally,
                beat,
                on_progress,
                batch_size,
                workers,
            )
    except Exception as exc:
        _record_finish(graph, run_id, tally, exc)
        raise
    _record_finish(graph, run_id, tally, None)
    return RunSummary(run_id, as_of, mode, ruleset.version, tally.done, dict(tally.counts), flagged)


@dataclass(slots=True)
class _Tally:
    """What a run has done so far: households and counts by level."""

    done: int = 0
    counts: Counter[str] = field(default_factory=Counter)


def _score(
    graph: Graph,
    run_id: str,
    as_of: date,
    mode: Mode,
    ruleset: Ruleset,
    deadline: DeadlineFn,
    tally: _Tally,
    beat: runs.Heartbeat,
    on_progress: Callable[[int, int], None] | None,
    batch_size: int,
    workers: int,
) -> int:
    """The work of a run that holds the lock; how many dependents it flagged."""
    graph.write(OPEN_KEYS)  # warnings issued before open_key existed get theirs
    last = last_success(graph)
    since = last.started_at if last else None
    shifted = window_shift(last.as_of, as_of, ruleset.window_days) if last else []
    incremental = mode is Mode.INCREMENTAL and last is not None and last.ruleset == ruleset.version
    touched = touched_households(graph, since, shifted) if incremental else None
    total = len(touched) if touched is not None else _count_households(graph)
    graph.write(RUN_TOTAL, {"run_id": run_id, "total": total})
    params = score_params(ruleset, as_of) | {
        "levels": level_params(ruleset, as_of, deadline),
        "ruleset": ruleset.version,
        "run_id": run_id,
    }
    batches = (
        _chunks(touched, batch_size) if touched is not None else household_pages(graph, batch_size)
    )
    # The recheck list and the warnings are disjoint nodes: flag while the batches run.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dependents") as side:
        flagging = side.submit(
            flag_dependents, graph, params | {"since": since, "shifted": shifted}
        )
        for size, batch_counts in _run_batches(graph, params, batches, workers):
            tally.counts.update(batch_counts)
            tally.done += size
            if beat.lost:
                raise runs.RunInterrupted(f"run {run_id} lost the rescoring lock to another run")
            runs.progress(graph, run_id, tally.done, json.dumps(tally.counts))
            if on_progress is not None:
                on_progress(tally.done, total)
        flagged = flagging.result()
    _recount_if_calendar_changed(graph, ruleset, as_of, params["levels"])
    return flagged


def _recount_if_calendar_changed(
    graph: Graph, ruleset: Ruleset, as_of: date, used: list[dict[str, Any]]
) -> None:
    """Count the run's deadlines again if a calendar load changed them while it ran (W4).

    The load's own recount may have run before this run's last batches wrote warnings with
    the calendar read at the start; comparing the levels' deadlines is cheap, the recount
    only runs when they differ (issue 13 item 9).
    """
    now = level_params(ruleset, as_of, visit_deadlines(graph))
    if [(lv["due_on"], lv["due_on_provisional"], lv["basis"]) for lv in now] != [
        (lv["due_on"], lv["due_on_provisional"], lv["basis"]) for lv in used
    ]:
        recount_deadlines(graph)


def flag_dependents(graph: Graph, params: dict[str, Any]) -> int:
    """Put the dependents of supporters hit by a death, disability or unemployment event on
    the recheck list (T4–T6); how many entries were new.

    Events since `params["since"]` (the last successful run), and those that entered the
    window since its as-of date (`params["shifted"]`): rechecks depend on events and
    kinship, not on the ruleset, so a full run need not revisit what an earlier run has seen.
    Up to BACKLOG such events, with a window moved by at most SLICE_DAYS, go in one
    transaction; without a last run, or after a larger backlog or move, the whole window goes
    slice by slice (SLICE_DAYS of occurrence dates per transaction), since one transaction
    could not hold every entry at provincial scale.
    """
    since = params["since"]
    moved = sum((r["until"] - r["after"]).days for r in params["shifted"]) // 2
    recent = since is not None and moved <= SLICE_DAYS
    if recent and int(graph.value(EVENTS_SINCE, {"since": since})) <= BACKLOG:
        return _count_created(graph, FLAG_DEPENDENTS, params)
    created = 0
    start: date = params["window_start"]
    while start < params["as_of"]:
        end = min(start + timedelta(days=SLICE_DAYS), params["as_of"])
        slice_params = {"as_of": params["as_of"], "from": start, "to": end}
        created += _count_created(graph, FLAG_DEPENDENTS_WINDOW, slice_params)
        start = end
    return created


def _count_created(graph: Graph, created_by: Query, params: dict[str, Any]) -> int:
    text = created_by.text

    def work(tx: ManagedTransaction) -> int:
        return int(tx.run(text, params).consume().counters.nodes_created)

    return graph.execute_write(work)


def _record_finish(graph: Graph, run_id: str, tally: _Tally, error: Exception | None) -> None:
    """The run's end and the lock given back. If even that fails (Neo4j away), the run stays
    `running` until its heartbeat is older than the allowance: then it shows `interrupted`."""
    params = {
        "run_id": run_id,
        "status": "failed" if error else "succeeded",
        "error": f"{type(error).__name__}: {error}" if error else None,
        "counts_json": json.dumps(tally.counts),
        "done": tally.done,
    }
    try:
        graph.write(RUN_FINISH, params)
    except Exception:
        if error is None:
            raise
        log.warning("could not record the failure of run %s", run_id, exc_info=True)


def _run_batches(
    graph: Graph, params: dict[str, Any], batches: Iterable[list[str]], workers: int
) -> Iterator[tuple[int, dict[str, int]]]:
    """(households, counts by level) of each batch, in order, `workers` batches in flight."""
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rescore") as pool:
        pending: deque[tuple[int, Future[dict[str, int]]]] = deque()
        for ids in batches:
            job = pool.submit(_rescore_batch, graph, params | {"household_ids": ids})
            pending.append((len(ids), job))
            if len(pending) > workers:
                size, done = pending.popleft()
                yield size, done.result()
        while pending:
            size, done = pending.popleft()
            yield size, done.result()


def _rescore_batch(graph: Graph, params: dict[str, Any]) -> dict[str, int]:
    """One batch in one write transaction. A batch that meets another's open warning for a
    household on the open_key constraint (two runs at once, issue 14 item 3) is run again:
    it then finds that warning and escalates it if need be. The lock makes this rare."""
    text = RESCORE_BATCH.text

    def work(tx: ManagedTransaction) -> dict[str, int]:
        rows = list(tx.run(text, params))
        # The figures (S1): only the warnings the batch changed, as they were and as they are.
        before = rollup.total_of_warnings(w for r in rows for w in r["before"])
        changed = [h for r in rows for h in r["changed"]]
        if changed:
            rollup.apply(tx, before, rollup.warnings_of_households(tx, changed))
        return {r["level"]: r["households"] for r in rows}

    for attempt in range(CONSTRAINT_RETRIES):
        try:
            return graph.execute_write(work)
        except ConstraintError:
            if attempt == CONSTRAINT_RETRIES - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def compare_rulesets(
    graph: Graph, as_of: date, current: Ruleset, draft: Ruleset, batch_size: int = DEFAULT_BATCH
) -> Counter[tuple[str, str]]:
    """How many households move from each level (current) to each level (draft), writing
    nothing: the what-if of W7. Complexity: two read queries per batch of households."""
    moves: Counter[tuple[str, str]] = Counter()
    for ids in household_pages(graph, batch_size):
        before = _levels(graph, current, as_of, ids)
        after = _levels(graph, draft, as_of, ids)
        moves.update((before[h], after[h]) for h in ids)
    return moves


def _levels(graph: Graph, ruleset: Ruleset, as_of: date, ids: list[str]) -> dict[str, str]:
    levels = [
        {"level": lv.level, "min_score": lv.min_score, "max_score": lv.max_score}
        for lv in ruleset.levels
    ]
    params = score_params(ruleset, as_of) | {"household_ids": ids, "levels": levels}
    return {r["household_id"]: r["level"] for r in graph.read(LEVELS_BATCH, params)}
